package io.trailaudit.checks.config;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.RemediationConfiguration;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Check 12: AWS Config records in every audited region, the CloudTrail managed rules are deployed
 * (recognised by source identifier, whatever their names: conformance pack rules and Security Hub's
 * service-linked rules count), and the CloudTrail-enabled rule remediates automatically.
 */
public final class ConfigRulesCheck implements Check {
  public static final String ID = "config-rules";

  /** Each entry is satisfied by any one of its identifiers. */
  static final List<List<String>> REQUIRED_RULES =
      List.of(
          List.of("CLOUD_TRAIL_ENABLED", "MULTI_REGION_CLOUD_TRAIL_ENABLED"),
          List.of("CLOUD_TRAIL_ENCRYPTION_ENABLED"),
          List.of("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"),
          List.of("CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED"),
          List.of("S3_BUCKET_PUBLIC_READ_PROHIBITED"));

  /** The managed rule name AWS Config documents for each identifier, used in remediation. */
  static final Map<String, String> RULE_NAMES =
      Map.of(
          "CLOUD_TRAIL_ENABLED", "cloudtrail-enabled",
          "MULTI_REGION_CLOUD_TRAIL_ENABLED", "multi-region-cloudtrail-enabled",
          "CLOUD_TRAIL_ENCRYPTION_ENABLED", "cloud-trail-encryption-enabled",
          "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "cloud-trail-log-file-validation-enabled",
          "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", "cloud-trail-cloud-watch-logs-enabled",
          "S3_BUCKET_PUBLIC_READ_PROHIBITED", "s3-bucket-public-read-prohibited");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    TrailIndex index = TrailIndex.of(snapshot);
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      List<TrailView> trails = index.visibleFrom(a);
      for (RegionSnapshot r : a.regions()) {
        Resource where = configResource(a.accountId(), r.region());
        out.add(recorder(f, where, r));
        out.add(cloudTrailRules(f, where, r));
        out.add(autoRemediation(f, where, r, trails));
      }
    }
    return out;
  }

  private Finding recorder(FindingFactory f, Resource where, RegionSnapshot r) {
    String req = "recorder";
    Observed<List<ConfigRecorder>> o = r.configRecorders();
    if (!o.isKnown()) {
      return f.error(req, where, "AWS Config recorders could not be read: " + o.failure().reason());
    }
    List<ConfigRecorder> recorders = o.value() == null ? List.of() : o.value();
    Map<String, String> args = Map.of("region", r.region(), "account", where.account());
    if (recorders.isEmpty()) {
      return f.fail(req, where, "no AWS Config configuration recorder in " + r.region(), args);
    }
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (ConfigRecorder rec : recorders) {
      if (!rec.status().isKnown()) {
        unknown.add(
            "status of recorder "
                + rec.name()
                + " could not be read: "
                + rec.status().failure().reason());
        continue;
      }
      ConfigRecorder.Status s = rec.status().value();
      if (s == null) {
        unknown.add("recorder " + rec.name() + " has no status in the snapshot (null)");
      } else if (!s.recording()) {
        problems.add("recorder " + rec.name() + " is not recording");
      } else if ("FAILURE".equalsIgnoreCase(s.lastStatus())) {
        problems.add(
            "recorder "
                + rec.name()
                + " is recording but its last status is Failure"
                + (s.lastErrorCode() == null ? "" : " (" + s.lastErrorCode() + ")"));
      } else {
        return f.pass(
            req,
            where,
            "recorder "
                + rec.name()
                + " is recording"
                + (s.lastStatus() == null ? "" : ", last status " + s.lastStatus())
                + (rec.allSupported() ? ", all supported resource types" : ""));
      }
    }
    if (!unknown.isEmpty()) {
      return f.error(
          req,
          where,
          String.join("; ", unknown)
              + (problems.isEmpty() ? "" : "; " + String.join("; ", problems)));
    }
    return f.fail(
        req,
        where,
        String.join("; ", problems),
        Map.of(
            "region", r.region(), "account", where.account(), "recorder", recorders.get(0).name()));
  }

  private Finding cloudTrailRules(FindingFactory f, Resource where, RegionSnapshot r) {
    String req = "cloudtrail-rules";
    Observed<List<ConfigRule>> o = r.configRules();
    if (!o.isKnown()) {
      return f.error(req, where, "AWS Config rules could not be read: " + o.failure().reason());
    }
    List<ConfigRule> deployed = deployed(o.value());
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (List<String> alternatives : REQUIRED_RULES) {
      Optional<ConfigRule> rule =
          deployed.stream().filter(x -> alternatives.contains(x.sourceIdentifier())).findFirst();
      if (rule.isPresent()) {
        found.add(describe(rule.get()));
      } else {
        missing.add(String.join(" or ", alternatives));
      }
    }
    if (missing.isEmpty()) {
      return f.pass(req, where, "CloudTrail rules deployed: " + String.join(", ", found));
    }
    String commands =
        REQUIRED_RULES.stream()
            .filter(alt -> deployed.stream().noneMatch(x -> alt.contains(x.sourceIdentifier())))
            .map(alt -> putConfigRule(alt.get(0), r.region()))
            .collect(Collectors.joining("\n"));
    return f.fail(
        req,
        where,
        "managed rules missing in "
            + r.region()
            + ": "
            + String.join(", ", missing)
            + (found.isEmpty() ? "" : " (deployed: " + String.join(", ", found) + ")"),
        Map.of("region", r.region(), "account", where.account(), "commands", commands));
  }

  private Finding autoRemediation(
      FindingFactory f, Resource where, RegionSnapshot r, List<TrailView> trails) {
    String req = "auto-remediation";
    Observed<List<ConfigRule>> rules = r.configRules();
    if (!rules.isKnown()) {
      return f.error(req, where, "AWS Config rules could not be read: " + rules.failure().reason());
    }
    List<ConfigRule> enabledRules =
        deployed(rules.value()).stream()
            .filter(x -> REQUIRED_RULES.get(0).contains(x.sourceIdentifier()))
            .toList();
    TrailView trail =
        trails.stream().filter(t -> t.trail().isMultiRegionTrail()).findFirst().orElse(null);
    Map<String, String> args =
        Map.of(
            "region", r.region(),
            "account", where.account(),
            "ruleName",
                enabledRules.isEmpty()
                    ? RULE_NAMES.get("CLOUD_TRAIL_ENABLED")
                    : enabledRules.stream()
                        .filter(x -> x.createdBy() == null)
                        .map(ConfigRule::name)
                        .findFirst()
                        .orElse(RULE_NAMES.get("CLOUD_TRAIL_ENABLED")),
            "trailName", trail == null ? "<trail>" : trail.name(),
            "bucket",
                trail == null ? "<log-bucket>" : String.valueOf(trail.trail().s3BucketName()));
    if (enabledRules.isEmpty()) {
      return f.fail(
          req,
          "no-rule",
          where,
          "no CLOUD_TRAIL_ENABLED or MULTI_REGION_CLOUD_TRAIL_ENABLED rule in "
              + r.region()
              + " to remediate from",
          args);
    }
    Observed<List<RemediationConfiguration>> o = r.remediationConfigurations();
    if (!o.isKnown()) {
      return f.error(
          req,
          where,
          "AWS Config remediation configurations could not be read: " + o.failure().reason());
    }
    List<RemediationConfiguration> configs = o.value() == null ? List.of() : o.value();
    List<String> problems = new ArrayList<>();
    for (ConfigRule rule : enabledRules) {
      List<RemediationConfiguration> mine =
          configs.stream().filter(c -> rule.name().equals(c.configRuleName())).toList();
      Optional<RemediationConfiguration> auto =
          mine.stream().filter(RemediationConfiguration::automatic).findFirst();
      if (auto.isPresent()) {
        return f.pass(
            req,
            where,
            "rule "
                + describe(rule)
                + " remediates automatically with "
                + auto.get().targetType()
                + " "
                + auto.get().targetId());
      }
      if (mine.isEmpty()) {
        problems.add(
            "rule " + describe(rule) + " has no remediation configuration" + ownerHint(rule));
      } else {
        problems.add(
            "rule "
                + describe(rule)
                + " has a remediation ("
                + mine.get(0).targetId()
                + ") that is not automatic");
      }
    }
    return f.fail(req, where, String.join("; ", problems), args);
  }

  /** Where a service-linked rule's remediation has to come from. */
  private static String ownerHint(ConfigRule rule) {
    String by = rule.createdBy();
    if (by == null) {
      return "";
    }
    if (by.startsWith("config-conforms")) {
      return " (it belongs to a conformance pack: add the remediation to the pack's template)";
    }
    return " (it is a service-linked rule of " + by + " and cannot take one: deploy your own rule)";
  }

  /** Managed rules that are not being deleted. */
  private static List<ConfigRule> deployed(List<ConfigRule> rules) {
    return (rules == null ? List.<ConfigRule>of() : rules)
        .stream()
            .filter(x -> "AWS".equals(x.sourceOwner()))
            .filter(
                x ->
                    x.state() == null || !x.state().toUpperCase(Locale.ROOT).startsWith("DELETING"))
            .toList();
  }

  /**
   * {@code securityhub-cloud-trail-enabled-1a2b (CLOUD_TRAIL_ENABLED, securityhub.amazonaws.com)}.
   */
  static String describe(ConfigRule rule) {
    return rule.name()
        + " ("
        + rule.sourceIdentifier()
        + (rule.createdBy() == null ? "" : ", created by " + rule.createdBy())
        + ")";
  }

  private static String putConfigRule(String identifier, String region) {
    return "aws configservice put-config-rule --region "
        + region
        + " --config-rule '{\"ConfigRuleName\":\""
        + RULE_NAMES.get(identifier)
        + "\",\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\""
        + identifier
        + "\"}}'";
  }

  private static Resource configResource(String account, String region) {
    return new Resource(account, region, "arn:aws:iam::" + account + ":root");
  }
}
