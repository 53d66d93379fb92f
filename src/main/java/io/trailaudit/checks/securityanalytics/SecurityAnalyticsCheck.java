package io.trailaudit.checks.securityanalytics;

import static io.trailaudit.checks.FindingFactory.message;

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
    Map<String, String> values = new HashMap<>();
    values.put("region", r.region());
    values.put("account", account);
    if (!hub.isKnown()) {
      values.put("reason", String.valueOf(hub.failure().reason()));
      return f.error(req, where, message("unknown"), values);
    }
    if (hub.value() == null) {
      return f.fail(req, where, message("fail"), values);
    }
    if (hub.value().subscribedAt() == null) {
      return f.pass(req, where, message("pass"), values);
    }
    values.put("subscribedAt", String.valueOf(hub.value().subscribedAt()));
    return f.pass(req, where, message("pass-since"), values);
  }

  private Finding standards(FindingFactory f, String account, RegionSnapshot r) {
    Requirement req = Requirement.STANDARDS;
    Observed<SecurityHubHub> hub = r.securityHub();
    Resource where = hubResource(account, r.region(), hub);
    Map<String, String> values = new HashMap<>();
    values.put("region", r.region());
    values.put("account", account);
    if (!hub.isKnown()) {
      values.put("reason", String.valueOf(hub.failure().reason()));
      return f.error(req, where, message("unknown-hub"), values);
    }
    if (hub.value() == null) {
      return f.notApplicable(req, where, message("no-hub"), values);
    }
    Observed<List<StandardsSubscription>> subs = r.securityHubStandards();
    if (!subs.isKnown()) {
      values.put("reason", String.valueOf(subs.failure().reason()));
      return f.error(req, where, message("unknown"), values);
    }
    List<StandardsSubscription> all = subs.value() == null ? List.of() : subs.value();
    List<String> problems = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    judge(f, all, FSBP, f.text(req, message("fsbp"), values), problems, ready);
    judge(f, all, CIS, f.text(req, message("cis"), values), problems, ready);
    values.put("ready", String.join(", ", ready));
    if (problems.isEmpty()) {
      return f.pass(req, where, message("pass"), values);
    }
    values.put("problems", String.join("; ", problems));
    values.put("readyNote", ready.isEmpty() ? "" : f.text(req, message("fail-ready"), values));
    return f.fail(req, where, message("fail"), values);
  }

  /** Adds the READY subscription of a kind, or why there is none. */
  private static void judge(
      FindingFactory f,
      List<StandardsSubscription> all,
      String marker,
      String name,
      List<String> problems,
      List<String> ready) {
    Requirement req = Requirement.STANDARDS;
    List<StandardsSubscription> kind =
        all.stream()
            .filter(s -> s.standardsArn() != null && s.standardsArn().contains(marker))
            .toList();
    Optional<StandardsSubscription> ok =
        kind.stream().filter(s -> READY.equals(s.status())).findFirst();
    if (ok.isPresent()) {
      ready.add(standardName(ok.get().standardsArn()));
    } else if (kind.isEmpty()) {
      problems.add(f.text(req, message("not-subscribed"), Map.of("standard", name)));
    } else {
      String statuses =
          String.join(
              ", ",
              kind.stream().map(s -> standardName(s.standardsArn()) + " " + s.status()).toList());
      problems.add(
          f.text(req, message("not-ready"), Map.of("standard", name, "statuses", statuses)));
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
    Map<String, String> values = new HashMap<>(t.remediationArgs());
    values.put("trail", t.name());
    String bucket = t.trail().s3BucketName();
    if (bucket == null || bucket.isBlank()) {
      return f.notApplicable(req, t.resource(), message("no-bucket"), values);
    }
    String location = logsLocation(bucket, t.trail().s3KeyPrefix());
    values.put("location", location + "/");
    for (GlueTable table : tables) {
      if (readsLocation(table.location(), location)) {
        values.put("database", String.valueOf(table.databaseName()));
        values.put("table", String.valueOf(table.name()));
        values.put("tableWhere", where.get(table));
        values.put("tableLocation", table.location());
        return f.pass(req, t.resource(), message("pass"), values);
      }
    }
    if (!unreadable.isEmpty()) {
      values.put("unreadable", String.join("; ", unreadable));
      return f.error(req, t.resource(), message("unknown"), values);
    }
    return f.fail(req, t.resource(), message("fail"), values);
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
