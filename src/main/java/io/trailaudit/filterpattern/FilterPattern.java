package io.trailaudit.filterpattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * A parsed CloudWatch Logs JSON filter pattern, such as {@code { ($.eventName = DeleteTrail) ||
 * ($.eventName = StopLogging) }}, that answers whether a log event matches as CloudWatch would.
 *
 * <p>JSON patterns are supported, with {@code %regex%} values, and a pattern that is one regular
 * expression ({@code %regex%}, looked for in the event text); term and space-delimited patterns are
 * rejected with a {@link FilterPatternException}. Immutable and thread-safe.
 */
public final class FilterPattern {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Condition condition;

  public FilterPattern(Condition condition) {
    this.condition = Objects.requireNonNull(condition, "condition");
  }

  /**
   * Parses a JSON filter pattern.
   *
   * @throws FilterPatternException if the text is not a well-formed JSON filter pattern
   */
  public static FilterPattern parse(String text) {
    Objects.requireNonNull(text, "text");
    return new FilterPattern(Parser.parse(text));
  }

  public Condition condition() {
    return condition;
  }

  /**
   * Whether the event matches. A JSON pattern applies only to events that are JSON objects; any
   * other event does not match.
   */
  public boolean matches(JsonNode event) {
    return event != null && event.isObject() && condition.test(event);
  }

  /** Whether the pattern is a JSON pattern ({@code { ... }}) rather than a lone regex. */
  public boolean isJson() {
    return !(condition instanceof Condition.Text);
  }

  /** Whether the event, as log text, matches; text that is not a JSON object does not. */
  public boolean matches(String eventJson) {
    try {
      return matches(MAPPER.readTree(eventJson));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * The normalised form: single spaces, strings quoted, {@code &&} groups inside {@code ||} and
   * vice versa parenthesised. Parsing it gives an equal pattern.
   */
  @Override
  public String toString() {
    return isJson() ? "{ " + condition + " }" : condition.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterPattern p && p.condition.equals(condition);
  }

  @Override
  public int hashCode() {
    return condition.hashCode();
  }
}
