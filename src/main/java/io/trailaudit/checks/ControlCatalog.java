package io.trailaudit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.alerting.MonitoringTopic;
import io.trailaudit.checks.alerting.MonitoringTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The checks' metadata and control mappings, loaded from {@code controls.json}: the tables of
 * CHECKS.md as data, written once. SARIF tags, ASFF compliance fields and the README table are all
 * derived from it.
 */
public final class ControlCatalog {
  static final String RESOURCE = "/io/trailaudit/checks/controls.json";

  private static volatile ControlCatalog instance;

  private final List<CheckInfo> checks;
  private final List<String> cisVersions;

  ControlCatalog(List<CheckInfo> checks, List<String> cisVersions) {
    this.checks = List.copyOf(checks);
    this.cisVersions = List.copyOf(cisVersions);
  }

  public static ControlCatalog get() {
    ControlCatalog c = instance;
    if (c == null) {
      try (InputStream in = ControlCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        c = parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      instance = c;
    }
    return c;
  }

  /** Checks in practice order. */
  public List<CheckInfo> checks() {
    return checks;
  }

  /** CIS AWS Foundations Benchmark versions mapped, oldest first. */
  public List<String> cisVersions() {
    return cisVersions;
  }

  public Optional<CheckInfo> find(String checkId) {
    return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
  }

  public CheckInfo check(String checkId) {
    return find(checkId).orElseThrow(() -> new NoSuchElementException("no check " + checkId));
  }

  /** A requirement by rule id ({@code check/requirement}). */
  public Optional<RequirementInfo> rule(String ruleId) {
    int slash = ruleId.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String req = ruleId.substring(slash + 1);
    return find(ruleId.substring(0, slash))
        .flatMap(c -> c.requirements().stream().filter(r -> r.id().equals(req)).findFirst());
  }

  static ControlCatalog parse(JsonNode root) {
    List<String> versions = new ArrayList<>();
    root.path("frameworks")
        .path(ControlRef.CIS)
        .path("versions")
        .forEach(v -> versions.add(v.asText()));
    List<CheckInfo> checks = new ArrayList<>();
    for (JsonNode c : root.path("checks")) {
      Severity checkSeverity = Severity.parse(c.path("severity").asText());
      List<RequirementInfo> reqs = new ArrayList<>();
      for (JsonNode r : c.path("requirements")) {
        List<ControlRef> controls = new ArrayList<>();
        r.path("securityHub").forEach(id -> controls.add(ControlRef.securityHub(id.asText())));
        for (String version : versions) {
          JsonNode id = r.path("cis").get(version);
          if (id != null) {
            controls.add(ControlRef.cis(version, id.asText()));
          }
        }
        r.path("cis")
            .fieldNames()
            .forEachRemaining(
                v -> {
                  if (!versions.contains(v)) {
                    throw new IllegalStateException("unknown CIS version " + v + " in " + RESOURCE);
                  }
                });
        Map<String, String> remediations = new LinkedHashMap<>();
        r.path("remediation")
            .properties()
            .forEach(e -> remediations.put(e.getKey(), e.getValue().asText()));
        reqs.add(
            new RequirementInfo(
                r.path("id").asText(),
                r.path("title").asText(),
                r.has("severity") ? Severity.parse(r.path("severity").asText()) : checkSeverity,
                r.path("passesWhen").asText(),
                controls,
                remediations));
      }
      JsonNode topics = c.get("topicRequirements");
      if (topics != null) {
        reqs.addAll(topicRequirements(topics, versions));
      }
      checks.add(
          new CheckInfo(
              c.path("id").asText(),
              c.path("number").asInt(),
              c.path("title").asText(),
              checkSeverity,
              c.path("description").asText(),
              reqs));
    }
    checks.sort(Comparator.comparingInt(CheckInfo::number));
    return new ControlCatalog(checks, versions);
  }

  /**
   * One requirement per CIS monitoring topic ({@code metric-filter/root-usage}, …), with the
   * topic's own control ids: they are written once, in the topics file.
   */
  private static List<RequirementInfo> topicRequirements(JsonNode spec, List<String> versions) {
    String prefix = spec.path("prefix").asText();
    Severity severity = Severity.parse(spec.path("severity").asText());
    Map<String, String> remediations = new LinkedHashMap<>();
    spec.path("remediation")
        .properties()
        .forEach(e -> remediations.put(e.getKey(), e.getValue().asText()));
    List<RequirementInfo> reqs = new ArrayList<>();
    for (MonitoringTopic t : MonitoringTopics.load()) {
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
              prefix + t.id(),
              "Metric filter and alarm for " + t.title(),
              severity,
              "a metric filter on the log group of a logging multi-region trail whose parsed pattern"
                  + " matches every sample event of the topic and no benign one, an alarm on its"
                  + " metric with actions enabled, and an SNS topic with a confirmed subscription",
              controls,
              remediations));
    }
    return reqs;
  }
}
