package io.trailaudit.checks.cloudtraillake;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.RequirementInfo;
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
      if (!failures.isEmpty()) {
        for (RequirementInfo r : info().requirements()) {
          out.add(
              f.error(
                  r.id(),
                  where,
                  "CloudTrail Lake event data stores of account "
                      + id
                      + " could not be listed in "
                      + String.join("; ", failures)));
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
      String none =
          "no CloudTrail Lake event data store in account "
              + id
              + " ("
              + a.regions().size()
              + " audited regions) and none of its organization collects for it";
      for (RequirementInfo r : info().requirements()) {
        if (requireStore && r.id().equals(Requirement.ENABLED.id())) {
          out.add(
              f.fail(
                  Requirement.ENABLED,
                  "missing",
                  where,
                  none + "; the configuration requires one (lake.requireEventDataStore)",
                  Map.of(
                      "account",
                      id,
                      "region",
                      homeRegion(snapshot, a),
                      "minDays",
                      String.valueOf(minDays))));
        } else if (requireStore) {
          out.add(f.notApplicable(r.id(), where, none + ": nothing to check (see enabled)"));
        } else {
          out.add(
              f.notApplicable(
                  r.id(),
                  where,
                  none
                      + ". Lake is optional and closed to new customers since 2026-05-31; set"
                      + " lake.requireEventDataStore to require one"));
        }
      }
    }
    return out;
  }

  private List<Finding> store(FindingFactory f, Seen seen, int minDays) {
    EventDataStore s = seen.store();
    Resource where = new Resource(seen.account(), seen.region(), s.arn());
    String label = "event data store " + (s.name() == null ? s.arn() : s.name());
    Map<String, String> args =
        Map.of(
            "storeArn", s.arn(),
            "region", seen.region(),
            "account", seen.account(),
            "minDays", String.valueOf(minDays));
    List<Finding> out = new ArrayList<>();
    out.add(
        s.kmsKeyId() != null && !s.kmsKeyId().isBlank()
            ? f.pass(Requirement.CMK, where, label + " is encrypted with KMS key " + s.kmsKeyId())
            : f.fail(
                Requirement.CMK,
                where,
                label + " is encrypted with a CloudTrail-owned key, not a customer managed key",
                args));
    Integer days = s.retentionPeriod();
    if (days == null) {
      out.add(
          f.error(
              Requirement.RETENTION,
              where,
              label + " has no retention period in the snapshot (null)"));
    } else if (days >= minDays) {
      out.add(
          f.pass(
              Requirement.RETENTION,
              where,
              label + " keeps events " + days + " days (at least " + minDays + " required)"));
    } else {
      out.add(
          f.fail(
              Requirement.RETENTION,
              where,
              label + " keeps events only " + days + " days; at least " + minDays + " required",
              args));
    }
    if (!seen.inOrg()) {
      out.add(
          f.notApplicable(
              Requirement.ORGANIZATION_ENABLED,
              where,
              "account "
                  + seen.account()
                  + " is not in an organization, or its membership is unknown"));
    } else {
      out.add(
          s.organizationEnabled()
              ? f.pass(
                  Requirement.ORGANIZATION_ENABLED,
                  where,
                  label + " collects events of every account of the organization")
              : f.fail(
                  Requirement.ORGANIZATION_ENABLED,
                  where,
                  label + " collects events of account " + seen.account() + " only",
                  args));
    }
    out.add(
        s.multiRegionEnabled()
            ? f.pass(
                Requirement.MULTI_REGION_ENABLED, where, label + " collects events of every region")
            : f.fail(
                Requirement.MULTI_REGION_ENABLED,
                where,
                label + " collects events of " + seen.region() + " only",
                args));
    out.add(
        s.terminationProtectionEnabled()
            ? f.pass(
                Requirement.TERMINATION_PROTECTION, where, label + " has termination protection")
            : f.fail(
                Requirement.TERMINATION_PROTECTION,
                where,
                label + " can be deleted: termination protection is off",
                args));
    String status = s.status();
    if (ENABLED.equals(status)) {
      out.add(f.pass(Requirement.ENABLED, where, label + " is ENABLED"));
    } else if (status == null) {
      out.add(f.error(Requirement.ENABLED, where, label + " has no status in the snapshot (null)"));
    } else {
      out.add(
          f.fail(
              Requirement.ENABLED,
              status.equals("PENDING_DELETION") ? "restore" : "default",
              where,
              label + " is " + status + ", not ENABLED: it is not ingesting events",
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
