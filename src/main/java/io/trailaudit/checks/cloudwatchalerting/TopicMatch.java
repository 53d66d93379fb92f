package io.trailaudit.checks.cloudwatchalerting;

import java.util.List;

/**
 * How a filter pattern fares against a monitoring topic's sample events.
 *
 * @param unmatched names of the events the topic requires that the pattern does not match
 * @param wronglyMatched names of the benign events the pattern matches
 * @param holes variants of required events that the canonical pattern matches and this one does
 *     not, such as {@code ConsoleLogin with sourceIPAddress = "192.0.2.44"}
 */
public record TopicMatch(
    String topicId,
    String topicTitle,
    int requiredCount,
    int benignCount,
    List<String> unmatched,
    List<String> wronglyMatched,
    List<String> holes) {

  public TopicMatch {
    unmatched = List.copyOf(unmatched);
    wronglyMatched = List.copyOf(wronglyMatched);
    holes = List.copyOf(holes);
  }

  public TopicMatch(
      String topicId,
      String topicTitle,
      int requiredCount,
      int benignCount,
      List<String> unmatched,
      List<String> wronglyMatched) {
    this(topicId, topicTitle, requiredCount, benignCount, unmatched, wronglyMatched, List.of());
  }

  /** True when every required event, and every variant of it, matches and no benign one does. */
  public boolean satisfied() {
    return unmatched.isEmpty() && wronglyMatched.isEmpty() && holes.isEmpty();
  }

  /** One sentence naming what the pattern misses and what it matches that it should not. */
  public String explanation() {
    if (satisfied()) {
      return topicTitle
          + ": the pattern matches "
          + (requiredCount == 1
              ? "the 1 required event"
              : "all " + requiredCount + " required events")
          + " and none of the "
          + plural(benignCount, "benign event")
          + ".";
    }
    StringBuilder sb = new StringBuilder(topicTitle).append(": the pattern");
    if (!unmatched.isEmpty()) {
      sb.append(" does not match ").append(join(unmatched));
    }
    if (!wronglyMatched.isEmpty()) {
      sb.append(unmatched.isEmpty() ? "" : " and")
          .append(" matches benign ")
          .append(join(wronglyMatched));
    }
    if (!holes.isEmpty()) {
      sb.append(unmatched.isEmpty() && wronglyMatched.isEmpty() ? "" : ", and it")
          .append(" drops ")
          .append(join(holes))
          .append(", which the canonical pattern matches");
    }
    return sb.append('.').toString();
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String join(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
