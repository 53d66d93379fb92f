package io.trailaudit.checks.cloudwatchalerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Frameworks;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.RequirementTemplate;
import io.trailaudit.filterpattern.FilterPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fifteen CIS monitoring topics, loaded once from {@code cis-monitoring-topics.json}, and the
 * test of a metric filter pattern against a topic's sample events.
 */
public final class MonitoringTopics {
  static final String RESOURCE =
      "/io/trailaudit/checks/cloudwatchalerting/cis-monitoring-topics.json";

  private MonitoringTopics() {}

  /**
   * One requirement per topic ({@code metric-filter/root-usage}, …), with the topic's own control
   * ids: they are written once, in the topics file.
   */
  static List<RequirementInfo> requirements(RequirementTemplate template) {
    List<String> versions = Frameworks.load().cisVersions();
    List<RequirementInfo> reqs = new ArrayList<>();
    for (MonitoringTopic t : load()) {
      List<ControlRef> controls = new ArrayList<>();
      t.securityHub().forEach(id -> controls.add(ControlRef.securityHub(id)));
      for (String version : versions) {
        String id = t.cis().get(version);
        if (id != null) {
          controls.add(ControlRef.cis(version, id));
        }
      }
      reqs.add(
          new RequirementInfo(
              template.prefix() + t.id(),
              "Metric filter and alarm for " + t.title(),
              template.severity(),
              "a metric filter on the log group of a logging multi-region trail whose parsed pattern"
                  + " matches every sample event of the topic and no benign one, an alarm on its"
                  + " metric with actions enabled, and an SNS topic with a confirmed subscription",
              controls,
              template.remediations(),
              template.messages()));
    }
    return reqs;
  }

  private static final class Holder {
    static final List<MonitoringTopic> TOPICS = read();
    static final Map<String, List<FilterPattern>> REFERENCES =
        new java.util.concurrent.ConcurrentHashMap<>();
    // Hole search varies every sample: done once per topic and pattern text.
    static final Map<String, List<String>> HOLES = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /**
   * The canonical pattern first, then each published wording that meets the samples: together they
   * say which narrowings a candidate may make. Empty for a topic not loaded from the resource.
   */
  private static List<FilterPattern> references(MonitoringTopic topic) {
    // The loaded topic itself, as a rule; the deep record equals only for one made elsewhere.
    if (find(topic.id()).filter(t -> t == topic || t.equals(topic)).isEmpty()) {
      return List.of();
    }
    return Holder.REFERENCES.computeIfAbsent(
        topic.id(),
        id -> {
          List<FilterPattern> out = new ArrayList<>();
          out.add(FilterPattern.parse(topic.canonicalPattern()));
          for (PatternVariant v : topic.variants()) {
            FilterPattern p = FilterPattern.parse(v.pattern());
            if (topic.mustMatch().stream().allMatch(e -> e.matchedBy(p))
                && topic.mustNotMatch().stream().noneMatch(e -> e.matchedBy(p))) {
              out.add(p);
            }
          }
          return List.copyOf(out);
        });
  }

  /** The topics in CIS 5.0.0 order (4.1 to 4.15). */
  public static List<MonitoringTopic> load() {
    return Holder.TOPICS;
  }

  public static Optional<MonitoringTopic> find(String id) {
    return load().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * Runs the pattern over the topic's samples: it satisfies the topic when it matches every event
   * the topic requires and none of the benign ones.
   */
  public static TopicMatch evaluate(FilterPattern pattern, MonitoringTopic topic) {
    List<String> unmatched = new ArrayList<>();
    for (SampleEvent e : topic.mustMatch()) {
      if (!e.matchedBy(pattern)) {
        unmatched.add(e.name());
      }
    }
    List<String> wronglyMatched = new ArrayList<>();
    for (SampleEvent e : topic.mustNotMatch()) {
      if (e.matchedBy(pattern)) {
        wronglyMatched.add(e.name());
      }
    }
    List<String> holes = List.of();
    if (unmatched.isEmpty() && wronglyMatched.isEmpty()) {
      List<FilterPattern> references = references(topic);
      holes =
          references.isEmpty()
              ? List.of()
              : Holder.HOLES.computeIfAbsent(
                  topic.id() + "\n" + pattern,
                  k ->
                      Holes.find(pattern, references, topic.mustMatch()).stream()
                          .map(Holes.Hole::toString)
                          .toList());
    }
    return new TopicMatch(
        topic.id(),
        topic.title(),
        topic.mustMatch().size(),
        topic.mustNotMatch().size(),
        unmatched,
        wronglyMatched,
        holes);
  }

  private static List<MonitoringTopic> read() {
    try (InputStream in = MonitoringTopics.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<MonitoringTopic> parse(JsonNode root) {
    List<String> versions = new ArrayList<>();
    root.path("cisVersions").forEach(v -> versions.add(v.asText()));
    List<MonitoringTopic> topics = new ArrayList<>();
    for (JsonNode t : root.path("topics")) {
      String id = text(t, "id");
      Map<String, String> cis = new LinkedHashMap<>();
      for (String version : versions) {
        JsonNode number = t.path("cis").get(version);
        if (number != null) {
          cis.put(version, number.asText());
        }
      }
      t.path("cis")
          .fieldNames()
          .forEachRemaining(
              v -> {
                if (!versions.contains(v)) {
                  throw new IllegalStateException("unknown CIS version " + v + " in topic " + id);
                }
              });
      List<String> securityHub = new ArrayList<>();
      t.path("securityHub").forEach(c -> securityHub.add(c.asText()));
      List<PatternVariant> variants = new ArrayList<>();
      t.path("variants")
          .forEach(v -> variants.add(new PatternVariant(text(v, "source"), text(v, "pattern"))));
      List<JsonNode> events = new ArrayList<>();
      t.path("mustMatch").forEach(events::add);
      int required = events.size();
      t.path("mustNotMatch").forEach(events::add);
      List<String> names = SampleNaming.names(events);
      List<SampleEvent> samples = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        samples.add(new SampleEvent(names.get(i), events.get(i)));
      }
      topics.add(
          new MonitoringTopic(
              id,
              text(t, "title"),
              cis,
              securityHub,
              text(t, "canonicalPattern"),
              text(t, "canonicalSource"),
              variants,
              samples.subList(0, required),
              samples.subList(required, samples.size())));
    }
    return List.copyOf(topics);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalStateException("missing text field " + field + " in " + RESOURCE);
    }
    return v.asText();
  }
}
