package io.trailaudit.checks.configrules;

import static io.trailaudit.checks.FindingFactory.message;
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
import java.util.HashMap;
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
      GlobalRecording global = globalRecording(f, snapshot, a);
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

  private static GlobalRecording globalRecording(
      FindingFactory f, Snapshot snapshot, AccountSnapshot a) {
    Requirement req = Requirement.RECORDER;
    List<String> recordedIn = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    for (RegionSnapshot r : a.regions()) {
      Observed<List<ConfigRecorder>> o = r.configRecorders();
      if (!o.isKnown()) {
        undecided.add(
            f.text(
                req,
                message("undecided-unreadable"),
                values("region", r.region(), "reason", o.failure().reason())));
        continue;
      }
      for (ConfigRecorder rec : customerManaged(o.value())) {
        if (!rec.recordsGlobalIamTypes()) {
          continue;
        }
        if (!rec.status().isKnown()
            || rec.status().value() == null
            || (rec.status().value().recording() && rec.status().value().lastStatus() == null)) {
          undecided.add(
              f.text(
                  req,
                  message("undecided-status"),
                  values("region", r.region(), "name", rec.name())));
        } else if (healthy(rec.status().value())) {
          recordedIn.add(r.region());
        }
      }
    }
    Observed<List<String>> enabled = a.enabledRegions();
    if (!enabled.isKnown() || enabled.value() == null) {
      String reasonNote =
          enabled.isKnown()
              ? ""
              : f.text(
                  req, message("undecided-reason"), values("reason", enabled.failure().reason()));
      undecided.add(
          f.text(
              req,
              message("undecided-enabled-regions"),
              values("account", a.accountId(), "reasonNote", reasonNote)));
    } else {
      Set<String> audited = a.regions().stream().map(RegionSnapshot::region).collect(toSet());
      List<String> missing = enabled.value().stream().filter(x -> !audited.contains(x)).toList();
      if (!missing.isEmpty()) {
        undecided.add(
            f.text(
                req,
                message("undecided-not-audited"),
                values("regions", String.join(", ", missing))));
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
      return f.error(
          req, where, message("unknown-recorders"), values("reason", o.failure().reason()));
    }
    List<ConfigRecorder> all = o.value() == null ? List.of() : o.value();
    List<ConfigRecorder> recorders = customerManaged(all);
    String linked =
        all.stream()
            .filter(ConfigRecorder::serviceLinked)
            .map(
                x ->
                    f.text(
                        req,
                        message("linked-recorder"),
                        values("name", x.name(), "principal", x.servicePrincipal())))
            .collect(Collectors.joining(", "));
    String linkedNote =
        linked.isEmpty() ? "" : f.text(req, message("linked-note"), values("linked", linked));
    Map<String, String> args =
        values(
            "region",
            r.region(),
            "account",
            where.account(),
            "recorder",
            recorders.isEmpty() ? "default" : recorders.get(0).name(),
            "includeGlobal",
            String.valueOf(
                recorders.stream().anyMatch(ConfigRecorder::recordsGlobalIamTypes)
                    || (global.recordedIn().isEmpty() && r.region().equals(global.designated()))),
            "linkedNote",
            linkedNote);
    if (recorders.isEmpty()) {
      return f.fail(req, where, message("no-recorder"), args);
    }
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    boolean scopeProblem = false;
    for (ConfigRecorder rec : recorders) {
      List<String> mine = new ArrayList<>();
      List<String> scope = scopeGaps(f, rec);
      scopeProblem |= !scope.isEmpty();
      mine.addAll(scope);
      String statusUnknown = null;
      if (!rec.status().isKnown()) {
        statusUnknown =
            f.text(
                req,
                message("status-unreadable"),
                values("name", rec.name(), "reason", rec.status().failure().reason()));
      } else if (rec.status().value() == null) {
        statusUnknown = f.text(req, message("status-null"), values("name", rec.name()));
      } else {
        ConfigRecorder.Status s = rec.status().value();
        if (!s.recording()) {
          mine.add(f.text(req, message("not-recording"), values()));
        } else if (s.lastStatus() == null) {
          // Recording, but how its last recording went is not known: no evidence it works.
          statusUnknown = f.text(req, message("last-status-null"), values("name", rec.name()));
        } else if ("FAILURE".equalsIgnoreCase(s.lastStatus())) {
          String errorCodeNote =
              s.lastErrorCode() == null
                  ? ""
                  : f.text(req, message("error-code"), values("errorCode", s.lastErrorCode()));
          mine.add(f.text(req, message("last-failure"), values("errorCodeNote", errorCodeNote)));
        }
      }
      if (!mine.isEmpty()) {
        problems.add(
            f.text(
                req,
                message("recorder-problems"),
                values("name", rec.name(), "gaps", String.join(", ", mine))));
      } else if (statusUnknown != null) {
        unknown.add(statusUnknown);
      } else {
        return recorderRecordsEverything(f, where, r, rec, global, args);
      }
    }
    args.put("problems", String.join("; ", problems));
    if (!unknown.isEmpty()) {
      args.put("unknown", String.join("; ", unknown));
      args.put(
          "problemsNote", problems.isEmpty() ? "" : f.text(req, message("unknown-problems"), args));
      return f.error(req, where, message("unknown"), args);
    }
    return f.fail(req, scopeProblem ? "scope" : "default", where, message("fail"), args);
  }

  /** What a recorder leaves out of the region's resource types, in words. */
  private static List<String> scopeGaps(FindingFactory f, ConfigRecorder rec) {
    Requirement req = Requirement.RECORDER;
    List<String> gaps = new ArrayList<>();
    switch (rec.effectiveStrategy()) {
      case ConfigRecorder.ALL_SUPPORTED -> {
        if (!rec.allSupported()) {
          gaps.add(f.text(req, message("not-all-supported"), values()));
        }
      }
      case ConfigRecorder.EXCLUSION -> {
        if (!rec.excludedResourceTypes().isEmpty()) {
          gaps.add(
              f.text(
                  req,
                  message("excludes"),
                  values(
                      "count",
                      rec.excludedResourceTypes().size(),
                      "strategy",
                      ConfigRecorder.EXCLUSION,
                      "types",
                      types(f, rec.excludedResourceTypes()))));
        }
      }
      case ConfigRecorder.INCLUSION -> {
        String included =
            rec.resourceTypes().isEmpty()
                ? f.text(req, message("included-none"), values())
                : f.text(
                    req,
                    message("included"),
                    values(
                        "count",
                        rec.resourceTypes().size(),
                        "strategy",
                        ConfigRecorder.INCLUSION,
                        "types",
                        types(f, rec.resourceTypes())));
        gaps.add(f.text(req, message("includes-only"), values("included", included)));
      }
      default ->
          gaps.add(
              f.text(
                  req, message("unknown-strategy"), values("strategy", rec.effectiveStrategy())));
    }
    return gaps;
  }

  private static String types(FindingFactory f, List<String> types) {
    return types.size() <= TYPES_SHOWN
        ? String.join(", ", types)
        : f.text(
            Requirement.RECORDER,
            message("types-more"),
            values(
                "types",
                String.join(", ", types.subList(0, TYPES_SHOWN)),
                "more",
                types.size() - TYPES_SHOWN));
  }

  /** The region's recorder records every regional type: now the global IAM types. */
  private Finding recorderRecordsEverything(
      FindingFactory f,
      Resource where,
      RegionSnapshot r,
      ConfigRecorder rec,
      GlobalRecording global,
      Map<String, String> args) {
    Requirement req = Requirement.RECORDER;
    ConfigRecorder.Status s = rec.status().value();
    args.put("name", String.valueOf(rec.name()));
    args.put(
        "lastStatusNote",
        s.lastStatus() == null
            ? ""
            : f.text(req, message("last-status"), values("lastStatus", s.lastStatus())));
    args.put(
        "dailyNote",
        "DAILY".equalsIgnoreCase(rec.recordingFrequency())
            ? f.text(req, message("daily"), values())
            : "");
    args.put("recording", f.text(req, message("recording"), args));
    if (rec.recordsGlobalIamTypes()) {
      return f.pass(req, where, message("pass-global"), args);
    }
    if (!global.recordedIn().isEmpty()) {
      args.put("recordedIn", String.join(", ", global.recordedIn()));
      return f.pass(req, where, message("pass-elsewhere"), args);
    }
    if (!r.region().equals(global.designated())) {
      args.put("designated", String.valueOf(global.designated()));
      return f.pass(req, where, message("pass-designated"), args);
    }
    args.put("nowhere", f.text(req, message("nowhere"), args));
    if (!global.undecided().isEmpty()) {
      args.put("undecided", String.join("; ", global.undecided()));
      return f.error(req, where, message("unknown-global"), args);
    }
    return f.fail(req, "scope", where, message("fail-global"), args);
  }

  private Finding cloudTrailRules(FindingFactory f, Resource where, RegionSnapshot r) {
    Requirement req = Requirement.CLOUDTRAIL_RULES;
    Observed<List<ConfigRule>> o = r.configRules();
    if (!o.isKnown()) {
      return f.error(req, where, message("unknown"), values("reason", o.failure().reason()));
    }
    List<ConfigRule> deployed = deployed(o.value());
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (List<String> alternatives : REQUIRED_RULES) {
      Optional<ConfigRule> rule =
          deployed.stream().filter(x -> alternatives.contains(x.sourceIdentifier())).findFirst();
      if (rule.isPresent()) {
        found.add(describe(f, req, rule.get()));
      } else {
        missing.add(String.join(" or ", alternatives));
      }
    }
    Map<String, String> args = values("found", String.join(", ", found));
    if (missing.isEmpty()) {
      return f.pass(req, where, message("pass"), args);
    }
    String commands =
        REQUIRED_RULES.stream()
            .filter(alt -> deployed.stream().noneMatch(x -> alt.contains(x.sourceIdentifier())))
            .map(alt -> putConfigRule(alt.get(0), r.region()))
            .collect(Collectors.joining("\n"));
    args.put("region", r.region());
    args.put("account", where.account());
    args.put("commands", commands);
    args.put("missing", String.join(", ", missing));
    args.put("deployedNote", found.isEmpty() ? "" : f.text(req, message("deployed-note"), args));
    return f.fail(req, where, message("fail"), args);
  }

  private Finding autoRemediation(
      FindingFactory f, Resource where, RegionSnapshot r, List<TrailView> trails) {
    Requirement req = Requirement.AUTO_REMEDIATION;
    Observed<List<ConfigRule>> rules = r.configRules();
    if (!rules.isKnown()) {
      return f.error(
          req, where, message("unknown-rules"), values("reason", rules.failure().reason()));
    }
    List<ConfigRule> enabledRules =
        deployed(rules.value()).stream()
            .filter(x -> REQUIRED_RULES.get(0).contains(x.sourceIdentifier()))
            .toList();
    TrailView trail =
        trails.stream().filter(t -> t.trail().isMultiRegionTrail()).findFirst().orElse(null);
    Map<String, String> args =
        values(
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
      return f.fail(req, "no-rule", where, message("no-rule"), args);
    }
    Observed<List<RemediationConfiguration>> o = r.remediationConfigurations();
    if (!o.isKnown()) {
      args.put("reason", String.valueOf(o.failure().reason()));
      return f.error(req, where, message("unknown-remediations"), args);
    }
    List<RemediationConfiguration> configs = o.value() == null ? List.of() : o.value();
    List<String> problems = new ArrayList<>();
    for (ConfigRule rule : enabledRules) {
      List<RemediationConfiguration> mine =
          configs.stream().filter(c -> rule.name().equals(c.configRuleName())).toList();
      Optional<RemediationConfiguration> auto =
          mine.stream().filter(RemediationConfiguration::automatic).findFirst();
      Map<String, String> about = values("rule", describe(f, req, rule));
      if (auto.isPresent()) {
        about.put("targetType", String.valueOf(auto.get().targetType()));
        about.put("targetId", String.valueOf(auto.get().targetId()));
        return f.pass(req, where, message("pass"), about);
      }
      if (mine.isEmpty()) {
        about.put("ownerHint", ownerHint(f, rule));
        problems.add(f.text(req, message("no-remediation"), about));
      } else {
        about.put("targetId", String.valueOf(mine.get(0).targetId()));
        problems.add(f.text(req, message("not-automatic"), about));
      }
    }
    args.put("problems", String.join("; ", problems));
    return f.fail(req, where, message("fail"), args);
  }

  /** Where a service-linked rule's remediation has to come from. */
  private static String ownerHint(FindingFactory f, ConfigRule rule) {
    String by = rule.createdBy();
    if (by == null) {
      return "";
    }
    Requirement req = Requirement.AUTO_REMEDIATION;
    if (by.startsWith("config-conforms")) {
      return f.text(req, message("conformance-pack"), values());
    }
    return f.text(req, message("service-linked"), values("createdBy", by));
  }

  /** Managed rules that are not being deleted. */
  private static List<ConfigRule> deployed(List<ConfigRule> rules) {
    return (rules == null ? List.<ConfigRule>of() : rules)
        .stream()
            // A managed rule names its identifier; a rule of unknown state is no evidence.
            .filter(x -> "AWS".equals(x.sourceOwner()) && x.sourceIdentifier() != null)
            .filter(
                x ->
                    x.state() != null && !x.state().toUpperCase(Locale.ROOT).startsWith("DELETING"))
            .toList();
  }

  /**
   * {@code securityhub-cloud-trail-enabled-1a2b (CLOUD_TRAIL_ENABLED, created by
   * securityhub.amazonaws.com)}.
   */
  static String describe(FindingFactory f, Requirement req, ConfigRule rule) {
    String createdByNote =
        rule.createdBy() == null
            ? ""
            : f.text(req, message("created-by"), values("createdBy", rule.createdBy()));
    return f.text(
        req,
        message("rule"),
        values(
            "name",
            rule.name(),
            "identifier",
            rule.sourceIdentifier(),
            "createdByNote",
            createdByNote));
  }

  /** Named values for a template; a missing value reads "null", as it did concatenated. */
  private static Map<String, String> values(Object... namesAndValues) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
    }
    return out;
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
