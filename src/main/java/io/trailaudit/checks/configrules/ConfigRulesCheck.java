package io.trailaudit.checks.configrules;

import static java.util.stream.Collectors.toSet;

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
import java.util.Set;
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
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    TrailIndex index = TrailIndex.of(snapshot);
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      List<TrailView> trails = index.visibleFrom(a);
      GlobalRecording global = globalRecording(snapshot, a);
      for (RegionSnapshot r : a.regions()) {
        Resource where = configResource(a.accountId(), r.region());
        out.add(recorder(f, where, r, global));
        out.add(cloudTrailRules(f, where, r));
        out.add(autoRemediation(f, where, r, trails));
      }
    }
    return out;
  }

  /** How many resource types a message lists before it says "and N more". */
  private static final int TYPES_SHOWN = 5;

  /**
   * Where an account records the global IAM resource types. AWS Config records them only where a
   * recorder asks for them, and AWS advises one region, so one region suffices; when none does, the
   * finding of {@code designated} (the collection's home region, else the first audited one) says
   * so.
   *
   * @param recordedIn regions whose recording, healthy recorder records them
   * @param undecided why other regions might (unreadable, or enabled but not audited)
   */
  private record GlobalRecording(
      List<String> recordedIn, List<String> undecided, String designated) {}

  private static GlobalRecording globalRecording(Snapshot snapshot, AccountSnapshot a) {
    List<String> recordedIn = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    for (RegionSnapshot r : a.regions()) {
      Observed<List<ConfigRecorder>> o = r.configRecorders();
      if (!o.isKnown()) {
        undecided.add(r.region() + ": " + o.failure().reason());
        continue;
      }
      for (ConfigRecorder rec : customerManaged(o.value())) {
        if (!rec.recordsGlobalIamTypes()) {
          continue;
        }
        if (!rec.status().isKnown() || rec.status().value() == null) {
          undecided.add(r.region() + ": the status of recorder " + rec.name() + " is unknown");
        } else if (healthy(rec.status().value())) {
          recordedIn.add(r.region());
        }
      }
    }
    Observed<List<String>> enabled = a.enabledRegions();
    if (!enabled.isKnown() || enabled.value() == null) {
      undecided.add(
          "the enabled regions of account "
              + a.accountId()
              + " are unknown"
              + (enabled.isKnown() ? "" : " (" + enabled.failure().reason() + ")"));
    } else {
      Set<String> audited = a.regions().stream().map(RegionSnapshot::region).collect(toSet());
      List<String> missing = enabled.value().stream().filter(x -> !audited.contains(x)).toList();
      if (!missing.isEmpty()) {
        undecided.add("enabled regions not audited: " + String.join(", ", missing));
      }
    }
    String home = snapshot.collection() == null ? null : snapshot.collection().homeRegion();
    String designated =
        a.regions().stream()
            .map(RegionSnapshot::region)
            .filter(x -> x.equals(home))
            .findFirst()
            .orElse(a.regions().isEmpty() ? null : a.regions().get(0).region());
    return new GlobalRecording(List.copyOf(recordedIn), List.copyOf(undecided), designated);
  }

  private static List<ConfigRecorder> customerManaged(List<ConfigRecorder> recorders) {
    return (recorders == null ? List.<ConfigRecorder>of() : recorders)
        .stream().filter(x -> !x.serviceLinked()).toList();
  }

  private static boolean healthy(ConfigRecorder.Status s) {
    return s.recording() && !"FAILURE".equalsIgnoreCase(s.lastStatus());
  }

  private Finding recorder(
      FindingFactory f, Resource where, RegionSnapshot r, GlobalRecording global) {
    Requirement req = Requirement.RECORDER;
    Observed<List<ConfigRecorder>> o = r.configRecorders();
    if (!o.isKnown()) {
      return f.error(req, where, "AWS Config recorders could not be read: " + o.failure().reason());
    }
    List<ConfigRecorder> all = o.value() == null ? List.of() : o.value();
    List<ConfigRecorder> recorders = customerManaged(all);
    String linked =
        all.stream()
            .filter(ConfigRecorder::serviceLinked)
            .map(x -> x.name() + " (" + x.servicePrincipal() + ")")
            .collect(Collectors.joining(", "));
    String linkedNote =
        linked.isEmpty()
            ? ""
            : " (service-linked recorder(s) "
                + linked
                + " do not count: the linked service chooses what they record)";
    Map<String, String> args =
        Map.of(
            "region",
            r.region(),
            "account",
            where.account(),
            "recorder",
            recorders.isEmpty() ? "default" : recorders.get(0).name(),
            "includeGlobal",
            String.valueOf(
                recorders.stream().anyMatch(ConfigRecorder::recordsGlobalIamTypes)
                    || (global.recordedIn().isEmpty() && r.region().equals(global.designated()))));
    if (recorders.isEmpty()) {
      return f.fail(
          req, where, "no AWS Config configuration recorder in " + r.region() + linkedNote, args);
    }
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    boolean scopeProblem = false;
    for (ConfigRecorder rec : recorders) {
      List<String> mine = new ArrayList<>();
      List<String> scope = scopeGaps(rec);
      scopeProblem |= !scope.isEmpty();
      mine.addAll(scope);
      String statusUnknown = null;
      if (!rec.status().isKnown()) {
        statusUnknown =
            "status of recorder "
                + rec.name()
                + " could not be read: "
                + rec.status().failure().reason();
      } else if (rec.status().value() == null) {
        statusUnknown = "recorder " + rec.name() + " has no status in the snapshot (null)";
      } else {
        ConfigRecorder.Status s = rec.status().value();
        if (!s.recording()) {
          mine.add("is not recording");
        } else if ("FAILURE".equalsIgnoreCase(s.lastStatus())) {
          mine.add(
              "is recording but its last status is Failure"
                  + (s.lastErrorCode() == null ? "" : " (" + s.lastErrorCode() + ")"));
        }
      }
      if (!mine.isEmpty()) {
        problems.add("recorder " + rec.name() + " " + String.join(", ", mine));
      } else if (statusUnknown != null) {
        unknown.add(statusUnknown);
      } else {
        return recorderRecordsEverything(f, where, r, rec, global, linkedNote, args);
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
        scopeProblem ? "scope" : "default",
        where,
        String.join("; ", problems) + linkedNote,
        args);
  }

  /** What a recorder leaves out of the region's resource types, in words. */
  private static List<String> scopeGaps(ConfigRecorder rec) {
    List<String> gaps = new ArrayList<>();
    switch (rec.effectiveStrategy()) {
      case ConfigRecorder.ALL_SUPPORTED -> {
        if (!rec.allSupported()) {
          gaps.add("does not record all supported resource types (allSupported=false)");
        }
      }
      case ConfigRecorder.EXCLUSION -> {
        if (!rec.excludedResourceTypes().isEmpty()) {
          gaps.add(
              "excludes "
                  + rec.excludedResourceTypes().size()
                  + " resource type(s) from recording ("
                  + ConfigRecorder.EXCLUSION
                  + "): "
                  + types(rec.excludedResourceTypes()));
        }
      }
      case ConfigRecorder.INCLUSION ->
          gaps.add(
              "records only "
                  + (rec.resourceTypes().isEmpty()
                      ? "the resource types it lists (none in the snapshot)"
                      : rec.resourceTypes().size()
                          + " listed resource type(s) ("
                          + ConfigRecorder.INCLUSION
                          + "): "
                          + types(rec.resourceTypes()))
                  + ", not all supported types");
      default ->
          gaps.add("has recording strategy " + rec.effectiveStrategy() + ", unknown to this check");
    }
    return gaps;
  }

  private static String types(List<String> types) {
    return types.size() <= TYPES_SHOWN
        ? String.join(", ", types)
        : String.join(", ", types.subList(0, TYPES_SHOWN))
            + " and "
            + (types.size() - TYPES_SHOWN)
            + " more";
  }

  /** The region's recorder records every regional type: now the global IAM types. */
  private Finding recorderRecordsEverything(
      FindingFactory f,
      Resource where,
      RegionSnapshot r,
      ConfigRecorder rec,
      GlobalRecording global,
      String linkedNote,
      Map<String, String> args) {
    Requirement req = Requirement.RECORDER;
    ConfigRecorder.Status s = rec.status().value();
    String base =
        "recorder "
            + rec.name()
            + " is recording all supported resource types"
            + (s.lastStatus() == null ? "" : ", last status " + s.lastStatus())
            + ("DAILY".equalsIgnoreCase(rec.recordingFrequency())
                ? ", daily (not continuous) recording"
                : "");
    if (rec.recordsGlobalIamTypes()) {
      return f.pass(req, where, base + ", global IAM resource types included" + linkedNote);
    }
    if (!global.recordedIn().isEmpty()) {
      return f.pass(
          req,
          where,
          base
              + "; the global IAM resource types are recorded in "
              + String.join(", ", global.recordedIn())
              + linkedNote);
    }
    if (!r.region().equals(global.designated())) {
      return f.pass(
          req,
          where,
          base
              + "; the global IAM resource types are recorded in no audited region: see the"
              + " finding of "
              + global.designated());
    }
    String nowhere =
        "recorder "
            + rec.name()
            + " does not record the global IAM resource types (IAM users, groups, roles and"
            + " customer managed policies: includeGlobalResourceTypes is false) and no audited"
            + " region of account "
            + where.account()
            + " records them";
    if (!global.undecided().isEmpty()) {
      return f.error(
          req,
          where,
          nowhere
              + "; cannot tell whether another region does: "
              + String.join("; ", global.undecided()));
    }
    return f.fail(req, "scope", where, nowhere + ", so IAM changes are recorded nowhere", args);
  }

  private Finding cloudTrailRules(FindingFactory f, Resource where, RegionSnapshot r) {
    Requirement req = Requirement.CLOUDTRAIL_RULES;
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
    Requirement req = Requirement.AUTO_REMEDIATION;
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
