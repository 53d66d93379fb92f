package io.trailaudit.checks.organizationtrail;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Delivery;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailCandidates;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailListing;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.TrailStatus;
import io.trailaudit.selectors.Coverage;
import io.trailaudit.selectors.SelectorEvaluator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Check 1: an organization trail in all regions logging read and write management events. */
public final class OrganizationTrailCheck implements Check {
  public static final String ID = "organization-trail";
  static final String DELIVERY_MAX_AGE_HOURS = "deliveryMaxAgeHours";
  static final String REQUIRED_TAG_KEYS = "organizationTrail.requiredTagKeys";

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
    for (AccountSnapshot account : snapshot.accounts()) {
      AccountTrails a = new AccountTrails(account, index.visibleFrom(account), snapshot);
      out.add(trailEnabled(f, a));
      out.add(multiRegionManagementEvents(f, a));
      out.add(allRegions(f, a));
      out.add(organizationTrail(f, a));
      out.add(globalServiceEvents(f, a));
    }
    Duration maxAge = Duration.ofHours(parameters(config).integer(DELIVERY_MAX_AGE_HOURS));
    for (TrailView t : index.all()) {
      out.add(deliveryHealthy(f, t, snapshot.collectedAt(), maxAge));
    }
    for (TrailView t : index.all()) {
      out.add(tagged(f, t, requiredTagKeys(config)));
    }
    return out;
  }

  /** The configured tag keys: the one place this check reads its parameter. */
  List<String> requiredTagKeys(AuditConfig config) {
    return parameters(config).strings(REQUIRED_TAG_KEYS);
  }

  /**
   * Security Hub CloudTrail.9: the trail carries the required tag keys, or any tag when none is
   * required. System tags ({@code aws:}) do not count, as in the control.
   */
  private Finding tagged(FindingFactory f, TrailView t, List<String> required) {
    Requirement req = Requirement.TAGGED;
    Map<String, String> values = trailValues(t);
    Observed<Map<String, String>> tags = t.trail().tags();
    if (!tags.isKnown()) {
      values.put("readFailed", Messages.trailReadFailed(t, tags, "tags"));
      return f.error(req, t.resource(), message("unknown"), values);
    }
    if (t.trail().isOrganizationTrail() && !t.ownerAudited()) {
      // ListTags answers for the owner's trail only: a member's reading proves nothing.
      return f.error(req, t.resource(), message("owner-not-audited"), values);
    }
    Set<String> keys = new TreeSet<>();
    (tags.value() == null ? Map.<String, String>of() : tags.value())
        .keySet()
        .forEach(k -> keys.add(k));
    keys.removeIf(k -> k.startsWith("aws:"));
    values.put("tags", String.join(", ", keys));
    if (required.isEmpty()) {
      if (keys.isEmpty()) {
        values.put("missingTags", f.text(req, message("tag-spec"), Map.of("key", "<key>")));
        return f.fail(req, t.resource(), message("no-tag"), values);
      }
      return f.pass(req, t.resource(), message("pass-any"), values);
    }
    List<String> missing = required.stream().filter(k -> !keys.contains(k)).toList();
    if (!missing.isEmpty()) {
      values.put(
          "missingTags",
          missing.stream()
              .map(k -> f.text(req, message("tag-spec"), Map.of("key", k)))
              .collect(Collectors.joining(" ")));
      values.put("missing", String.join(", ", missing));
      values.put("present", f.text(req, message(keys.isEmpty() ? "has-none" : "has"), values));
      return f.fail(req, t.resource(), message("missing"), values);
    }
    values.put("required", String.join(", ", required));
    return f.pass(req, t.resource(), message("pass"), values);
  }

  /** A trail's remediation values and its name and label for messages, to add to. */
  private static Map<String, String> trailValues(TrailView t) {
    Map<String, String> values = new HashMap<>(t.remediationArgs());
    values.put("trail", String.valueOf(t.name()));
    values.put("trailLabel", t.label());
    return values;
  }

  /** What one account sees. */
  private record AccountTrails(AccountSnapshot account, List<TrailView> trails, Snapshot snapshot) {
    Resource resource() {
      return Resource.account(account.accountId());
    }

    /** Why DescribeTrails could not tell all trails: failed regions, or none read. */
    List<String> describeGaps() {
      return TrailListing.gaps(account, false);
    }

    /** Every region failed: multi-region trails, which every region lists, may be unseen. */
    boolean noRegionRead() {
      return account.regions().stream().noneMatch(r -> r.trailArns().isKnown());
    }

    String homeRegion() {
      String home = snapshot.collection().homeRegion();
      return home == null || home.isBlank() ? "us-east-1" : home;
    }
  }

  private Finding trailEnabled(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.TRAIL_ENABLED;
    Map<String, String> values = new HashMap<>();
    values.put("account", a.account().accountId());
    List<TrailView> logging = a.trails().stream().filter(TrailView::isLogging).toList();
    if (!logging.isEmpty()) {
      values.put("count", String.valueOf(logging.size()));
      values.put("trails", Messages.names(logging));
      return f.pass(req, a.resource(), message("pass"), values);
    }
    List<String> unknown = unknownStatus(a.trails());
    // A region whose DescribeTrails failed may hold a logging single-region trail: never a false
    // FAIL.
    unknown.addAll(a.describeGaps());
    if (!unknown.isEmpty()) {
      values.put("uncertain", String.join("; ", unknown));
      return f.error(req, a.resource(), message("unknown"), values);
    }
    if (a.trails().isEmpty()) {
      values.put("region", a.homeRegion());
      return f.fail(req, a.resource(), message("no-trail"), values);
    }
    values.putAll(a.trails().get(0).remediationArgs());
    values.put("stopped", stoppedLabels(f, req, a.trails()));
    return f.fail(req, "start", a.resource(), message("stopped"), values);
  }

  private Finding multiRegionManagementEvents(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.MULTI_REGION_MANAGEMENT_EVENTS;
    List<TrailView> multi =
        a.trails().stream().filter(t -> t.trail().isMultiRegionTrail()).toList();
    List<String> shortfalls = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (TrailView t : multi) {
      Map<String, String> trail = trailValues(t);
      if (t.isLogging() && t.selectorsRead() && t.managementCoverage().full()) {
        return f.pass(req, a.resource(), message("pass"), trail);
      }
      if (!t.status().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.status(), "status"));
      } else if (!t.isLogging()) {
        shortfalls.add(f.text(req, message("not-logging"), trail));
      } else if (!t.selectorsRead()) {
        unknown.add(TrailCandidates.selectorsUnknown(t));
      } else {
        trail.put("gaps", String.join("; ", t.managementCoverage().gaps()));
        shortfalls.add(f.text(req, message("shortfall"), trail));
      }
    }
    Map<String, String> values = new HashMap<>();
    values.put("account", a.account().accountId());
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      values.put("uncertain", String.join("; ", unknown));
      return f.error(req, a.resource(), message("unknown"), values);
    }
    if (multi.isEmpty()) {
      values.put("region", a.homeRegion());
      return f.fail(req, "create", a.resource(), message("no-trail"), values);
    }
    values.putAll(multi.get(0).remediationArgs());
    values.put("shortfalls", String.join("; ", shortfalls));
    return f.fail(req, a.resource(), message("fail"), values);
  }

  private Finding allRegions(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.ALL_REGIONS;
    Map<String, String> values = new HashMap<>();
    values.put("account", a.account().accountId());
    Observed<List<String>> enabled = a.account().enabledRegions();
    if (!enabled.isKnown()) {
      values.put("reason", String.valueOf(enabled.failure().reason()));
      return f.error(req, a.resource(), message("unreadable"), values);
    }
    if (enabled.value() == null) {
      return f.error(req, a.resource(), message("no-value"), values);
    }
    values.put("enabled", String.valueOf(enabled.value().size()));
    Set<String> covered = new TreeSet<>();
    Set<String> uncertain = new TreeSet<>();
    boolean everywhere = false;
    boolean maybeEverywhere = false;
    for (TrailView t : a.trails()) {
      boolean logsManagement = t.isLogging() && t.selectorsRead() && t.managementCoverage().some();
      boolean unknown =
          !t.isKnownStopped() && !logsManagement && (!t.status().isKnown() || !t.selectorsRead());
      if (t.trail().isMultiRegionTrail()) {
        everywhere |= logsManagement;
        maybeEverywhere |= unknown;
      } else if (logsManagement) {
        covered.add(t.region());
      } else if (unknown) {
        uncertain.add(t.region());
      }
    }
    // A region whose DescribeTrails failed may hold a single-region trail that was not seen.
    for (RegionSnapshot r : a.account().regions()) {
      if (!r.trailArns().isKnown()) {
        uncertain.add(r.region());
      }
    }
    List<String> uncovered =
        everywhere
            ? List.of()
            : enabled.value().stream().filter(r -> !covered.contains(r)).sorted().toList();
    if (uncovered.isEmpty()) {
      return f.pass(req, a.resource(), message(everywhere ? "pass-multi" : "pass"), values);
    }
    // Regions surely uncovered fail the requirement whatever the unreadable trails hold.
    boolean maybeAll = maybeEverywhere || a.noRegionRead();
    List<String> surely =
        maybeAll ? List.of() : uncovered.stream().filter(r -> !uncertain.contains(r)).toList();
    List<String> undecided = uncovered.stream().filter(r -> !surely.contains(r)).toList();
    if (surely.isEmpty()) {
      List<String> why = new ArrayList<>();
      for (TrailView t : a.trails()) {
        if (!t.status().isKnown()) {
          why.add(Messages.trailReadFailed(t, t.status(), "status"));
        } else if (!t.selectorsRead()) {
          why.add(TrailCandidates.selectorsUnknown(t));
        }
      }
      why.addAll(a.describeGaps());
      values.put("undecided", String.join(", ", uncovered));
      values.put("uncertain", String.join("; ", why));
      return f.error(req, a.resource(), message("unknown"), values);
    }
    values.put("uncoveredCount", String.valueOf(surely.size()));
    values.put("regions", String.join(", ", surely));
    values.put("undecided", String.join(", ", undecided));
    values.put(
        "undecidedNote", undecided.isEmpty() ? "" : f.text(req, message("undecided"), values));
    return f.fail(req, a.resource(), message("fail"), values);
  }

  private Finding organizationTrail(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.ORGANIZATION_TRAIL;
    Map<String, String> values = new HashMap<>();
    values.put("account", a.account().accountId());
    Observed<OrganizationMembership> org = a.account().organization();
    if (!org.isKnown()) {
      values.put("reason", String.valueOf(org.failure().reason()));
      return f.error(req, a.resource(), message("unreadable"), values);
    }
    if (org.value() == null) {
      return f.notApplicable(req, a.resource(), message("not-member"), values);
    }
    values.put("organization", String.valueOf(org.value().organizationId()));
    List<TrailView> orgTrails =
        a.trails().stream()
            .filter(t -> t.trail().isOrganizationTrail() && t.trail().isMultiRegionTrail())
            .toList();
    for (TrailView t : orgTrails) {
      if (t.isLogging()) {
        values.put("trailLabel", t.label());
        return f.pass(req, a.resource(), message("pass"), values);
      }
    }
    List<String> unknown = unknownStatus(orgTrails);
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      values.put("uncertain", String.join("; ", unknown));
      return f.error(req, a.resource(), message("unknown"), values);
    }
    values.put("managementAccount", org.value().managementAccountId());
    if (orgTrails.isEmpty()) {
      return f.fail(req, a.resource(), message("no-trail"), values);
    }
    values.put("stopped", stoppedLabels(f, req, orgTrails));
    return f.fail(req, a.resource(), message("stopped"), values);
  }

  /**
   * The event sources CloudTrail treats as global services: their events reach only trails that
   * include global service events, and only as management events.
   */
  static final List<String> GLOBAL_EVENT_SOURCES =
      List.of(
          "iam.amazonaws.com",
          "sts.amazonaws.com",
          "signin.amazonaws.com",
          "cloudfront.amazonaws.com");

  private Finding globalServiceEvents(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.GLOBAL_SERVICE_EVENTS;
    List<TrailView> multi =
        a.trails().stream().filter(t -> t.trail().isMultiRegionTrail()).toList();
    List<TrailView> including =
        multi.stream().filter(t -> t.trail().includeGlobalServiceEvents()).toList();
    List<String> unknown = new ArrayList<>();
    List<String> narrowed = new ArrayList<>();
    TrailView narrowedTrail = null;
    for (TrailView t : including) {
      Map<String, String> trail = trailValues(t);
      if (!t.status().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.status(), "status"));
        continue;
      }
      if (!t.isLogging()) {
        continue;
      }
      if (!t.selectorsRead()) {
        unknown.add(
            t.selectors().isKnown()
                ? f.text(req, message("no-selectors"), trail)
                : Messages.trailReadFailed(t, t.selectors(), "event selectors"));
        continue;
      }
      // IncludeGlobalServiceEvents only lets these events in; the selectors decide what is kept.
      Coverage c =
          SelectorEvaluator.of(t.selectors().value(), Arns.partition(t.arn()))
              .managementOf(GLOBAL_EVENT_SOURCES, true, true);
      trail.put("explanation", String.valueOf(c.explanation()));
      if (c.full()) {
        return f.pass(req, a.resource(), message("pass"), trail);
      }
      narrowed.add(f.text(req, message("narrowed"), trail));
      narrowedTrail = narrowedTrail == null ? t : narrowedTrail;
    }
    Map<String, String> values = new HashMap<>();
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      unknown.addAll(narrowed);
      values.put("uncertain", String.join("; ", unknown));
      return f.error(req, a.resource(), message("unknown"), values);
    }
    if (multi.isEmpty()) {
      return f.fail(req, "none", a.resource(), message("no-trail"), values);
    }
    List<TrailView> excluding =
        multi.stream().filter(t -> !t.trail().includeGlobalServiceEvents()).toList();
    List<String> details = new ArrayList<>(narrowed);
    if (!excluding.isEmpty()) {
      details.add(f.text(req, message("excluding"), Map.of("trails", Messages.names(excluding))));
    }
    List<TrailView> stopped = including.stream().filter(TrailView::isKnownStopped).toList();
    if (!stopped.isEmpty()) {
      details.add(
          f.text(
              req,
              message(excluding.isEmpty() && narrowed.isEmpty() ? "only-stopped" : "stopped"),
              Map.of("trails", Messages.names(stopped))));
    }
    // The nearest fix first: widen the selectors of a logging trail that includes them, else turn
    // the setting on, else start a stopped trail that has it.
    String variant;
    TrailView target;
    if (narrowedTrail != null) {
      variant = "selectors";
      target = narrowedTrail;
    } else if (!excluding.isEmpty()) {
      variant = "default";
      target = excluding.get(0);
    } else {
      variant = "start";
      target = multi.get(0);
    }
    values.putAll(target.remediationArgs());
    values.put("details", String.join("; ", details));
    return f.fail(req, variant, a.resource(), message("fail"), values);
  }

  private Finding deliveryHealthy(FindingFactory f, TrailView t, Instant now, Duration maxAge) {
    Requirement req = Requirement.DELIVERY_HEALTHY;
    Map<String, String> values = trailValues(t);
    if (!t.status().isKnown()) {
      values.put("readFailed", Messages.trailReadFailed(t, t.status(), "status"));
      return f.error(req, t.resource(), message("unknown"), values);
    }
    TrailStatus s = t.status().value();
    if (!s.isLogging()) {
      boolean at = s.stopLoggingTime() != null;
      if (at) {
        values.put("stoppedAt", String.valueOf(s.stopLoggingTime()));
      }
      return f.fail(req, "stopped", t.resource(), message(at ? "stopped-at" : "stopped"), values);
    }
    Delivery delivery = Delivery.of(s.latestDeliveryError(), s.latestDeliveryTime(), now, maxAge);
    if (delivery == Delivery.FAILED) {
      values.put("deliveryError", String.valueOf(s.latestDeliveryError()));
      return f.fail(req, t.resource(), message("failed"), values);
    }
    if (delivery == Delivery.NEVER) {
      return f.fail(req, t.resource(), message("never"), values);
    }
    values.put("age", Messages.age(s.latestDeliveryTime(), now));
    if (delivery == Delivery.STALE) {
      values.put("deliveredAt", String.valueOf(s.latestDeliveryTime()));
      values.put("maxAgeHours", String.valueOf(maxAge.toHours()));
      return f.fail(req, t.resource(), message("stale"), values);
    }
    return f.pass(req, t.resource(), message("pass"), values);
  }

  private static List<String> unknownStatus(List<TrailView> trails) {
    List<String> unknown = new ArrayList<>();
    for (TrailView t : trails) {
      if (!t.status().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.status(), "status"));
      }
    }
    return unknown;
  }

  /** The stopped trails, each with the time it stopped when known, from the requirement's words. */
  private static String stoppedLabels(FindingFactory f, Requirement req, List<TrailView> trails) {
    List<String> labels = new ArrayList<>();
    for (TrailView t : trails) {
      TrailStatus s = t.status().isKnown() ? t.status().value() : null;
      Map<String, String> values = trailValues(t);
      if (s != null && s.stopLoggingTime() != null) {
        values.put("stoppedAt", String.valueOf(s.stopLoggingTime()));
        labels.add(f.text(req, message("stopped-trail-at"), values));
      } else {
        labels.add(f.text(req, message("stopped-trail"), values));
      }
    }
    return String.join(", ", labels);
  }
}
