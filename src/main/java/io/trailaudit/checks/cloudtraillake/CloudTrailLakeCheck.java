package io.trailaudit.checks.cloudtraillake;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.Parameters;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Check 10: CloudTrail Lake event data stores are encrypted with a customer managed key, keep
 * events long enough, collect for the whole organization and every region, are protected from
 * termination and are ingesting. Lake is optional (and closed to new customers since 2026-05-31):
 * an account without a store is NOT_APPLICABLE unless the configuration requires one, and an
 * account covered by an organization store of its organization needs none of its own.
 */
public final class CloudTrailLakeCheck implements Check {
  public static final String ID = "cloudtrail-lake";
  static final String MIN_RETENTION_DAYS = "lake.minRetentionDays";
  static final String REQUIRE_EVENT_DATA_STORE = "lake.requireEventDataStore";

  static final String ENABLED = "ENABLED";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  /** A store with where it was read. */
  private record Seen(EventDataStore store, String account, String region, boolean inOrg) {}

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    Parameters p = parameters(config);
    int minDays = p.integer(MIN_RETENTION_DAYS);
    boolean requireStore = p.bool(REQUIRE_EVENT_DATA_STORE);
    Map<String, Seen> stores = new LinkedHashMap<>();
    Map<String, List<String>> unreadable = new LinkedHashMap<>();
    Map<String, String> orgOf = new HashMap<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      organizationId(a).ifPresent(id -> orgOf.put(a.accountId(), id));
      for (RegionSnapshot r : a.regions()) {
        Observed<List<EventDataStore>> o = r.eventDataStores();
        if (!o.isKnown()) {
          unreadable
              .computeIfAbsent(a.accountId(), k -> new ArrayList<>())
              .add(r.region() + ": " + o.failure().reason());
          continue;
        }
        for (EventDataStore s : o.value() == null ? List.<EventDataStore>of() : o.value()) {
          String owner = Arns.account(s.arn()).isEmpty() ? a.accountId() : Arns.account(s.arn());
          stores.putIfAbsent(
              s.arn(), new Seen(s, owner, regionOf(s, r.region()), orgOf.containsKey(owner)));
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Seen s : stores.values()) {
      out.addAll(store(f, s, minDays));
    }
    for (AccountSnapshot a : snapshot.accounts()) {
      String id = a.accountId();
      Resource where = Resource.account(id);
      List<String> failures = unreadable.getOrDefault(id, List.of());
      Map<String, String> values = new HashMap<>();
      values.put("account", id);
      if (!failures.isEmpty()) {
        values.put("failures", String.join("; ", failures));
        for (Requirement r : Requirement.values()) {
          out.add(f.error(r, where, message("unreadable"), values));
        }
        continue;
      }
      boolean own = stores.values().stream().anyMatch(s -> s.account().equals(id));
      Optional<Seen> orgStore =
          stores.values().stream()
              .filter(s -> s.store().organizationEnabled() && orgOf.containsKey(id))
              .filter(s -> Objects.equals(orgOf.get(s.account()), orgOf.get(id)))
              .findFirst();
      if (own || orgStore.isPresent()) {
        continue;
      }
      values.put("regions", String.valueOf(a.regions().size()));
      for (Requirement r : Requirement.values()) {
        if (requireStore && r == Requirement.ENABLED) {
          values.put("region", homeRegion(snapshot, a));
          values.put("minDays", String.valueOf(minDays));
          out.add(f.fail(Requirement.ENABLED, "missing", where, message("missing"), values));
        } else if (requireStore) {
          out.add(f.notApplicable(r, where, message("none-required"), values));
        } else {
          out.add(f.notApplicable(r, where, message("none"), values));
        }
      }
    }
    return out;
  }

  private List<Finding> store(FindingFactory f, Seen seen, int minDays) {
    EventDataStore s = seen.store();
    Resource where = new Resource(seen.account(), seen.region(), s.arn());
    Map<String, String> args = new HashMap<>();
    args.put("storeArn", s.arn());
    args.put("region", seen.region());
    args.put("account", seen.account());
    args.put("minDays", String.valueOf(minDays));
    args.put("store", s.name() == null ? s.arn() : s.name());
    List<Finding> out = new ArrayList<>();
    if (s.kmsKeyId() != null && !s.kmsKeyId().isBlank()) {
      args.put("kmsKeyId", s.kmsKeyId());
      out.add(f.pass(Requirement.CMK, where, message("pass"), args));
    } else {
      out.add(f.fail(Requirement.CMK, where, message("fail"), args));
    }
    Integer days = s.retentionPeriod();
    if (days == null) {
      out.add(f.error(Requirement.RETENTION, where, message("unknown"), args));
    } else {
      args.put("days", String.valueOf(days));
      out.add(
          days >= minDays
              ? f.pass(Requirement.RETENTION, where, message("pass"), args)
              : f.fail(Requirement.RETENTION, where, message("fail"), args));
    }
    if (!seen.inOrg()) {
      out.add(
          f.notApplicable(Requirement.ORGANIZATION_ENABLED, where, message("not-in-org"), args));
    } else {
      out.add(
          s.organizationEnabled()
              ? f.pass(Requirement.ORGANIZATION_ENABLED, where, message("pass"), args)
              : f.fail(Requirement.ORGANIZATION_ENABLED, where, message("fail"), args));
    }
    out.add(
        s.multiRegionEnabled()
            ? f.pass(Requirement.MULTI_REGION_ENABLED, where, message("pass"), args)
            : f.fail(Requirement.MULTI_REGION_ENABLED, where, message("fail"), args));
    out.add(
        s.terminationProtectionEnabled()
            ? f.pass(Requirement.TERMINATION_PROTECTION, where, message("pass"), args)
            : f.fail(Requirement.TERMINATION_PROTECTION, where, message("fail"), args));
    String status = s.status();
    if (ENABLED.equals(status)) {
      out.add(f.pass(Requirement.ENABLED, where, message("pass"), args));
    } else if (status == null) {
      out.add(f.error(Requirement.ENABLED, where, message("unknown"), args));
    } else {
      args.put("status", status);
      out.add(
          f.fail(
              Requirement.ENABLED,
              status.equals("PENDING_DELETION") ? "restore" : "default",
              where,
              message("fail"),
              args));
    }
    return out;
  }

  private static String regionOf(EventDataStore s, String listedIn) {
    String r = Arns.region(s.arn());
    return r.isEmpty() ? listedIn : r;
  }

  private static Optional<String> organizationId(AccountSnapshot a) {
    if (a.organization() instanceof Observed.Known<OrganizationMembership> k && k.value() != null) {
      return Optional.ofNullable(k.value().organizationId());
    }
    return Optional.empty();
  }

  private static String homeRegion(Snapshot snapshot, AccountSnapshot a) {
    String home = snapshot.collection().homeRegion();
    if (home != null && !home.isBlank()) {
      return home;
    }
    return a.regions().isEmpty() ? "us-east-1" : a.regions().get(0).region();
  }
}
