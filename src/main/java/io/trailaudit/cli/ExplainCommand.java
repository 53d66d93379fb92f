package io.trailaudit.cli;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.cloudwatchalerting.MonitoringTopic;
import io.trailaudit.checks.cloudwatchalerting.MonitoringTopics;
import io.trailaudit.checks.cloudwatchalerting.SampleEvent;
import io.trailaudit.config.ParameterInfo;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Explain a rule (check/requirement) or a whole check: what passes, controls, fix.")
final class ExplainCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(
      paramLabel = "RULE",
      description = "A rule id such as log-bucket/versioning, or a check id.")
  String rule;

  ExplainCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ControlCatalog catalog = env.prefetch().checks().catalog();
    PrintWriter out = env.out();
    Optional<CheckInfo> check =
        catalog.find(rule.contains("/") ? rule.substring(0, rule.indexOf('/')) : rule);
    if (check.isEmpty()) {
      throw new UsageException("unknown rule \"" + rule + "\"; 'trailaudit checks' lists them");
    }
    CheckInfo c = check.get();
    if (!rule.contains("/")) {
      out.printf(
          "%s — %s (%s)%n%n%s%n%nRules:%n",
          c.id(), c.title(), c.severity().label(), c.description());
      for (RequirementInfo r : c.requirements()) {
        out.printf("  %s/%s  %s%n", c.id(), r.id(), r.title());
      }
      parameters(out, catalog, c);
      out.flush();
      return ExitCode.OK.code();
    }
    RequirementInfo r =
        catalog
            .rule(rule)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown rule \""
                            + rule
                            + "\"; 'trailaudit explain "
                            + c.id()
                            + "' lists its rules"));
    out.printf("%s — %s%n", rule, r.title());
    out.printf("Check:       %d. %s — %s%n", c.number(), c.id(), c.title());
    out.printf("Severity:    %s%n", r.severity().label());
    out.printf("Passes when: %s%n", r.passesWhen());
    out.printf("Controls:%n");
    if (r.controls().isEmpty()) {
      out.printf("  none mapped%n");
    }
    for (ControlRef ref : r.controls()) {
      out.printf(
          "  %s%n",
          ref.framework().equals(ControlRef.SECURITY_HUB)
              ? "AWS Security Hub " + ref.id()
              : "CIS AWS Foundations Benchmark v" + ref.version() + " " + ref.id());
    }
    if (rule.startsWith("cloudwatch-alerting/metric-filter/")) {
      explainTopic(out, rule.substring("cloudwatch-alerting/metric-filter/".length()));
    }
    out.printf("Remediation (placeholders are filled with real names in findings):%n");
    for (Map.Entry<String, String> e : r.remediations().entrySet()) {
      if (r.remediations().size() > 1) {
        out.printf("  [%s]%n", e.getKey());
      }
      for (String line : e.getValue().split("\n")) {
        out.printf("    %s%n", line);
      }
    }
    parameters(out, catalog, c);
    out.flush();
    return ExitCode.OK.code();
  }

  /** The configuration keys the check reads, with their defaults. */
  private static void parameters(PrintWriter out, ControlCatalog catalog, CheckInfo c) {
    var params = catalog.parametersOf(c);
    if (params.isEmpty()) {
      return;
    }
    out.printf("%nParameters (--config FILE; defaults shown):%n");
    for (ParameterInfo p : params) {
      String declarer = catalog.declarer(p.name()).map(CheckInfo::id).orElse(c.id());
      out.printf(
          "  %s: %s  (%s%s%s)%n    %s%n",
          p.name(),
          p.defaultLabel(),
          p.type().label(),
          p.min() == null ? "" : ", at least " + p.min(),
          declarer.equals(c.id()) ? "" : ", shared with " + declarer,
          p.description());
    }
  }

  /** The topic's documented pattern and the sample events a filter must, and must not, match. */
  private static void explainTopic(PrintWriter out, String topicId) {
    MonitoringTopic topic = MonitoringTopics.find(topicId).orElseThrow();
    out.printf("Topic:       %s%n", topic.title());
    out.printf(
        "Canonical pattern (%s):%n  %s%n", topic.canonicalSource(), topic.canonicalPattern());
    out.printf(
        "A metric filter satisfies the topic when its parsed pattern matches every event below and"
            + " none of the benign ones.%n");
    out.printf("Events it must match (%d):%n", topic.mustMatch().size());
    for (SampleEvent e : topic.mustMatch()) {
      out.printf("  %s%n    %s%n", e.name(), e.event());
    }
    out.printf("Benign events it must not match (%d):%n", topic.mustNotMatch().size());
    for (SampleEvent e : topic.mustNotMatch()) {
      out.printf("  %s%n    %s%n", e.name(), e.event());
    }
  }
}
