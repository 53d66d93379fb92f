package io.trailaudit.checks.organizationtrail;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Delivery;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
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
    Observed<Map<String, String>> tags = t.trail().tags();
    if (!tags.isKnown()) {
      return f.error(req, t.resource(), Messages.trailReadFailed(t, tags, "tags"));
    }
    if (t.trail().isOrganizationTrail() && !t.ownerAudited()) {
      // ListTags answers for the owner's trail only: a member's reading proves nothing.
      return f.error(
          req,
          t.resource(),
          "the tags of organization trail "
              + t.label()
              + " can only be read in its owner account "
              + t.account()
              + ": include that account in the audit to read them");
    }
    Set<String> keys = new TreeSet<>();
    (tags.value() == null ? Map.<String, String>of() : tags.value())
        .keySet()
        .forEach(k -> keys.add(k));
    keys.removeIf(k -> k.startsWith("aws:"));
    Map<String, String> args = new java.util.HashMap<>(t.remediationArgs());
    if (required.isEmpty()) {
      if (keys.isEmpty()) {
        args.put("missingTags", "Key=<key>,Value=<value>");
        return f.fail(req, t.resource(), "trail " + t.label() + " has no tag", args);
      }
      return f.pass(
          req, t.resource(), "trail " + t.name() + " is tagged: " + String.join(", ", keys));
    }
    List<String> missing = required.stream().filter(k -> !keys.contains(k)).toList();
    if (!missing.isEmpty()) {
      args.put(
          "missingTags",
          missing.stream()
              .map(k -> "Key=" + k + ",Value=<value>")
              .collect(Collectors.joining(" ")));
      return f.fail(
          req,
          t.resource(),
          "trail "
              + t.label()
              + " lacks the required tag key(s) "
              + String.join(", ", missing)
              + (keys.isEmpty() ? " (it has no tag)" : " (it has " + String.join(", ", keys) + ")"),
          args);
    }
    return f.pass(
        req,
        t.resource(),
        "trail " + t.name() + " carries the required tag keys " + String.join(", ", required));
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
    List<TrailView> logging = a.trails().stream().filter(TrailView::isLogging).toList();
    if (!logging.isEmpty()) {
      return f.pass(
          req, a.resource(), logging.size() + " trail(s) logging: " + Messages.names(logging));
    }
    List<String> unknown = unknownStatus(a.trails());
    // A region whose DescribeTrails failed may hold a logging single-region trail: never a false
    // FAIL.
    unknown.addAll(a.describeGaps());
    if (!unknown.isEmpty()) {
      return f.error(
          req,
          a.resource(),
          "cannot tell whether any trail is logging: " + String.join("; ", unknown));
    }
    if (a.trails().isEmpty()) {
      return f.fail(
          req,
          a.resource(),
          "no trail is visible from account " + a.account().accountId(),
          Map.of("region", a.homeRegion()));
    }
    TrailView first = a.trails().get(0);
    return f.fail(
        req,
        "start",
        a.resource(),
        "no trail is logging; stopped: "
            + a.trails().stream()
                .map(OrganizationTrailCheck::stoppedLabel)
                .collect(Collectors.joining(", ")),
        first.remediationArgs());
  }

  private Finding multiRegionManagementEvents(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.MULTI_REGION_MANAGEMENT_EVENTS;
    List<TrailView> multi =
        a.trails().stream().filter(t -> t.trail().isMultiRegionTrail()).toList();
    List<String> shortfalls = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (TrailView t : multi) {
      if (t.isLogging() && t.selectors().isKnown() && t.managementCoverage().full()) {
        return f.pass(
            req,
            a.resource(),
            "multi-region trail "
                + t.label()
                + " is logging and records read and write management events");
      }
      if (!t.status().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.status(), "status"));
      } else if (!t.isLogging()) {
        shortfalls.add(t.name() + " is not logging");
      } else if (!t.selectors().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.selectors(), "event selectors"));
      } else {
        shortfalls.add(t.name() + ": " + String.join("; ", t.managementCoverage().gaps()));
      }
    }
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      return f.error(
          req,
          a.resource(),
          "cannot tell whether a multi-region trail logs all management events: "
              + String.join("; ", unknown));
    }
    if (multi.isEmpty()) {
      return f.fail(
          req,
          "create",
          a.resource(),
          "no multi-region trail is visible from account " + a.account().accountId(),
          Map.of("region", a.homeRegion()));
    }
    return f.fail(
        req,
        a.resource(),
        "no multi-region trail logs all read and write management events: "
            + String.join("; ", shortfalls),
        multi.get(0).remediationArgs());
  }

  private Finding allRegions(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.ALL_REGIONS;
    Observed<List<String>> enabled = a.account().enabledRegions();
    if (!enabled.isKnown() || enabled.value() == null) {
      return f.error(
          req,
          a.resource(),
          "enabled regions of account "
              + a.account().accountId()
              + " could not be read: "
              + (enabled.isKnown() ? "no value" : enabled.failure().reason()));
    }
    Set<String> covered = new TreeSet<>();
    Set<String> uncertain = new TreeSet<>();
    boolean everywhere = false;
    boolean maybeEverywhere = false;
    for (TrailView t : a.trails()) {
      boolean logsManagement =
          t.isLogging() && t.selectors().isKnown() && t.managementCoverage().some();
      boolean unknown =
          !t.isKnownStopped()
              && !logsManagement
              && (!t.status().isKnown() || !t.selectors().isKnown());
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
      return f.pass(
          req,
          a.resource(),
          everywhere
              ? "a logging multi-region trail covers all "
                  + enabled.value().size()
                  + " enabled regions"
              : "logging trails cover all " + enabled.value().size() + " enabled regions");
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
        } else if (!t.selectors().isKnown()) {
          why.add(Messages.trailReadFailed(t, t.selectors(), "event selectors"));
        }
      }
      why.addAll(a.describeGaps());
      return f.error(
          req,
          a.resource(),
          "cannot tell whether regions "
              + String.join(", ", uncovered)
              + " are covered: "
              + String.join("; ", why));
    }
    return f.fail(
        req,
        a.resource(),
        surely.size()
            + " of "
            + enabled.value().size()
            + " enabled regions have no logging trail with management events: "
            + String.join(", ", surely)
            + (undecided.isEmpty()
                ? ""
                : " (cannot tell for " + String.join(", ", undecided) + ")"),
        Map.of("regions", String.join(", ", surely)));
  }

  private Finding organizationTrail(FindingFactory f, AccountTrails a) {
    Requirement req = Requirement.ORGANIZATION_TRAIL;
    Observed<OrganizationMembership> org = a.account().organization();
    if (!org.isKnown()) {
      return f.error(
          req,
          a.resource(),
          "organization membership of account "
              + a.account().accountId()
              + " could not be read: "
              + org.failure().reason());
    }
    if (org.value() == null) {
      return f.notApplicable(
          req,
          a.resource(),
          "account " + a.account().accountId() + " is not in an AWS Organization");
    }
    List<TrailView> orgTrails =
        a.trails().stream()
            .filter(t -> t.trail().isOrganizationTrail() && t.trail().isMultiRegionTrail())
            .toList();
    for (TrailView t : orgTrails) {
      if (t.isLogging()) {
        return f.pass(
            req,
            a.resource(),
            "organization trail "
                + t.label()
                + " of "
                + org.value().organizationId()
                + " is logging in all regions");
      }
    }
    List<String> unknown = unknownStatus(orgTrails);
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      return f.error(
          req,
          a.resource(),
          "cannot tell whether the organization trail is logging: " + String.join("; ", unknown));
    }
    Map<String, String> args = Map.of("managementAccount", org.value().managementAccountId());
    if (orgTrails.isEmpty()) {
      return f.fail(
          req,
          a.resource(),
          "no multi-region organization trail of "
              + org.value().organizationId()
              + " is visible from account "
              + a.account().accountId(),
          args);
    }
    return f.fail(
        req,
        a.resource(),
        "organization trail(s) not logging: "
            + orgTrails.stream()
                .map(OrganizationTrailCheck::stoppedLabel)
                .collect(Collectors.joining(", ")),
        args);
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
      if (!t.status().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.status(), "status"));
        continue;
      }
      if (!t.isLogging()) {
        continue;
      }
      if (!t.selectors().isKnown() || t.selectors().value() == null) {
        unknown.add(
            t.selectors().isKnown()
                ? "event selectors of trail " + t.label() + " are not in the snapshot (null)"
                : Messages.trailReadFailed(t, t.selectors(), "event selectors"));
        continue;
      }
      // IncludeGlobalServiceEvents only lets these events in; the selectors decide what is kept.
      Coverage c =
          SelectorEvaluator.of(t.selectors().value(), Arns.partition(t.arn()))
              .managementOf(GLOBAL_EVENT_SOURCES, true, true);
      if (c.full()) {
        return f.pass(
            req,
            a.resource(),
            "multi-region trail "
                + t.label()
                + " is logging, includes global service events and records their read and write"
                + " management events (IAM, STS, sign-in, CloudFront): "
                + c.explanation());
      }
      narrowed.add(
          t.name()
              + " includes global service events but its selectors do not record them all: "
              + c.explanation());
      narrowedTrail = narrowedTrail == null ? t : narrowedTrail;
    }
    if (!unknown.isEmpty() || a.noRegionRead()) {
      unknown.addAll(a.describeGaps());
      unknown.addAll(narrowed);
      return f.error(
          req,
          a.resource(),
          "cannot tell whether global service events are logged: " + String.join("; ", unknown));
    }
    if (multi.isEmpty()) {
      return f.fail(
          req,
          "none",
          a.resource(),
          "no multi-region trail is visible, so global service events"
              + " (IAM, STS, CloudFront) are logged only by chance",
          Map.of());
    }
    List<TrailView> excluding =
        multi.stream().filter(t -> !t.trail().includeGlobalServiceEvents()).toList();
    List<String> details = new ArrayList<>(narrowed);
    if (!excluding.isEmpty()) {
      details.add("IncludeGlobalServiceEvents is false on " + Messages.names(excluding));
    }
    List<TrailView> stopped = including.stream().filter(TrailView::isKnownStopped).toList();
    if (!stopped.isEmpty()) {
      details.add(
          (excluding.isEmpty() && narrowed.isEmpty()
                  ? "the multi-region trails that include them are not logging: "
                  : "trails including them are not logging: ")
              + Messages.names(stopped));
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
    return f.fail(
        req,
        variant,
        a.resource(),
        "global service events are not logged by a logging multi-region trail: "
            + String.join("; ", details),
        target.remediationArgs());
  }

  private Finding deliveryHealthy(FindingFactory f, TrailView t, Instant now, Duration maxAge) {
    Requirement req = Requirement.DELIVERY_HEALTHY;
    if (!t.status().isKnown()) {
      return f.error(req, t.resource(), Messages.trailReadFailed(t, t.status(), "status"));
    }
    TrailStatus s = t.status().value();
    Map<String, String> args = t.remediationArgs();
    if (s == null || !s.isLogging()) {
      return f.fail(
          req,
          "stopped",
          t.resource(),
          "trail "
              + t.label()
              + " is not logging"
              + (s != null && s.stopLoggingTime() != null
                  ? " (stopped " + s.stopLoggingTime() + ")"
                  : ""),
          args);
    }
    Delivery delivery = Delivery.of(s.latestDeliveryError(), s.latestDeliveryTime(), now, maxAge);
    if (delivery == Delivery.FAILED) {
      return f.fail(
          req,
          t.resource(),
          "last log delivery to s3://"
              + t.trail().s3BucketName()
              + " failed: "
              + s.latestDeliveryError(),
          args);
    }
    if (delivery == Delivery.NEVER) {
      return f.fail(
          req,
          t.resource(),
          "no log file has been delivered to s3://" + t.trail().s3BucketName(),
          args);
    }
    if (delivery == Delivery.STALE) {
      return f.fail(
          req,
          t.resource(),
          "last log delivery was "
              + Messages.age(s.latestDeliveryTime(), now)
              + " ("
              + s.latestDeliveryTime()
              + "), older than "
              + maxAge.toHours()
              + " h",
          args);
    }
    return f.pass(
        req,
        t.resource(),
        "logs delivered to s3://"
            + t.trail().s3BucketName()
            + " "
            + Messages.age(s.latestDeliveryTime(), now)
            + " with no delivery error");
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

  private static String stoppedLabel(TrailView t) {
    TrailStatus s = t.status().isKnown() ? t.status().value() : null;
    return t.name()
        + (s != null && s.stopLoggingTime() != null
            ? " (stopped " + s.stopLoggingTime() + ")"
            : "");
  }
}
