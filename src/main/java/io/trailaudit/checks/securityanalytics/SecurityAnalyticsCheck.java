package io.trailaudit.checks.securityanalytics;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.StandardsSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check 11: the logs are analysed. Security Hub is enabled in every audited region with the AWS
 * Foundational Security Best Practices standard and a CIS AWS Foundations Benchmark standard
 * subscribed and READY; an Athena (Glue Data Catalog) table reads each trail's {@code AWSLogs/}
 * location.
 */
public final class SecurityAnalyticsCheck implements Check {
  public static final String ID = "security-analytics";
  static final String FSBP = "/aws-foundational-security-best-practices/";
  static final String CIS = "/cis-aws-foundations-benchmark/";
  static final String READY = "READY";

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
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      for (RegionSnapshot r : a.regions()) {
        out.add(securityHub(f, a.accountId(), r));
        out.add(standards(f, a.accountId(), r));
      }
    }
    List<String> unreadable = new ArrayList<>();
    List<GlueTable> tables = new ArrayList<>();
    Map<GlueTable, String> tableAccount = new HashMap<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      for (RegionSnapshot r : a.regions()) {
        Observed<List<GlueTable>> o = r.glueTables();
        if (!o.isKnown()) {
          unreadable.add(a.accountId() + " " + r.region() + ": " + o.failure().reason());
        } else if (o.value() != null) {
          for (GlueTable t : o.value()) {
            tables.add(t);
            tableAccount.put(t, a.accountId() + " " + r.region());
          }
        }
      }
    }
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      out.add(athenaTable(f, t, tables, tableAccount, unreadable));
    }
    return out;
  }

  private Finding securityHub(FindingFactory f, String account, RegionSnapshot r) {
    Requirement req = Requirement.SECURITY_HUB;
    Observed<SecurityHubHub> hub = r.securityHub();
    Resource where = hubResource(account, r.region(), hub);
    if (!hub.isKnown()) {
      return f.error(
          req,
          where,
          "whether Security Hub is enabled in "
              + r.region()
              + " of account "
              + account
              + " could not be read: "
              + hub.failure().reason());
    }
    if (hub.value() == null) {
      return f.fail(
          req,
          where,
          "Security Hub is not enabled in " + r.region() + " of account " + account,
          Map.of("region", r.region(), "account", account));
    }
    String since = hub.value().subscribedAt() == null ? "" : " since " + hub.value().subscribedAt();
    return f.pass(req, where, "Security Hub is enabled in " + r.region() + since);
  }

  private Finding standards(FindingFactory f, String account, RegionSnapshot r) {
    Requirement req = Requirement.STANDARDS;
    Observed<SecurityHubHub> hub = r.securityHub();
    Resource where = hubResource(account, r.region(), hub);
    if (!hub.isKnown()) {
      return f.error(
          req,
          where,
          "Security Hub in " + r.region() + " could not be read: " + hub.failure().reason());
    }
    if (hub.value() == null) {
      return f.notApplicable(
          req,
          where,
          "Security Hub is not enabled in "
              + r.region()
              + ", so no standard can be subscribed (see security-analytics/security-hub)");
    }
    Observed<List<StandardsSubscription>> subs = r.securityHubStandards();
    if (!subs.isKnown()) {
      return f.error(
          req,
          where,
          "the enabled Security Hub standards in "
              + r.region()
              + " could not be read: "
              + subs.failure().reason());
    }
    List<StandardsSubscription> all = subs.value() == null ? List.of() : subs.value();
    List<String> problems = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    judge(all, FSBP, "AWS Foundational Security Best Practices", problems, ready);
    judge(all, CIS, "a CIS AWS Foundations Benchmark standard", problems, ready);
    if (problems.isEmpty()) {
      return f.pass(req, where, "subscribed and READY: " + String.join(", ", ready));
    }
    return f.fail(
        req,
        where,
        String.join("; ", problems)
            + (ready.isEmpty() ? "" : " (READY: " + String.join(", ", ready) + ")"),
        Map.of("region", r.region(), "account", account));
  }

  /** Adds the READY subscription of a kind, or why there is none. */
  private static void judge(
      List<StandardsSubscription> all,
      String marker,
      String name,
      List<String> problems,
      List<String> ready) {
    List<StandardsSubscription> kind =
        all.stream()
            .filter(s -> s.standardsArn() != null && s.standardsArn().contains(marker))
            .toList();
    Optional<StandardsSubscription> ok =
        kind.stream().filter(s -> READY.equals(s.status())).findFirst();
    if (ok.isPresent()) {
      ready.add(standardName(ok.get().standardsArn()));
    } else if (kind.isEmpty()) {
      problems.add(name + " is not subscribed");
    } else {
      problems.add(
          name
              + " is subscribed but not READY ("
              + String.join(
                  ", ",
                  kind.stream()
                      .map(s -> standardName(s.standardsArn()) + " " + s.status())
                      .toList())
              + ")");
    }
  }

  /** {@code cis-aws-foundations-benchmark v5.0.0} from a standards ARN. */
  static String standardName(String arn) {
    String[] parts = arn.split("/");
    for (int i = 0; i + 2 < parts.length; i++) {
      if (parts[i + 1].equals("v")) {
        return parts[i] + " v" + parts[i + 2];
      }
    }
    return arn;
  }

  private Finding athenaTable(
      FindingFactory f,
      TrailView t,
      List<GlueTable> tables,
      Map<GlueTable, String> where,
      List<String> unreadable) {
    Requirement req = Requirement.ATHENA_TABLE;
    String bucket = t.trail().s3BucketName();
    if (bucket == null || bucket.isBlank()) {
      return f.notApplicable(req, t.resource(), "trail " + t.name() + " names no S3 bucket");
    }
    String location = logsLocation(bucket, t.trail().s3KeyPrefix());
    for (GlueTable table : tables) {
      if (readsLocation(table.location(), location)) {
        return f.pass(
            req,
            t.resource(),
            "Glue table "
                + table.databaseName()
                + "."
                + table.name()
                + " ("
                + where.get(table)
                + ") reads "
                + table.location());
      }
    }
    if (!unreadable.isEmpty()) {
      return f.error(
          req,
          t.resource(),
          "no Glue table found that reads "
              + location
              + "/, and Glue tables could not be read in "
              + String.join("; ", unreadable));
    }
    Map<String, String> args = new HashMap<>(t.remediationArgs());
    args.put("location", location + "/");
    return f.fail(
        req,
        t.resource(),
        "no Glue Data Catalog table in the audited accounts reads "
            + location
            + "/, so the logs of trail "
            + t.name()
            + " cannot be queried with Athena",
        args);
  }

  /** {@code s3://bucket/prefix/AWSLogs} (no trailing slash). */
  static String logsLocation(String bucket, String prefix) {
    String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    return "s3://" + bucket + "/" + (p.isEmpty() ? "" : p + "/") + "AWSLogs";
  }

  /** The location is the AWSLogs folder or inside it. */
  static boolean readsLocation(String tableLocation, String logs) {
    if (tableLocation == null) {
      return false;
    }
    String loc = tableLocation.replaceAll("/+$", "");
    return loc.equals(logs) || loc.startsWith(logs + "/");
  }

  private static Resource hubResource(String account, String region, Observed<SecurityHubHub> o) {
    String arn =
        o instanceof Observed.Known<SecurityHubHub> k
                && k.value() != null
                && k.value().hubArn() != null
            ? k.value().hubArn()
            : "arn:aws:securityhub:" + region + ":" + account + ":hub/default";
    return new Resource(account, region, arn);
  }
}
