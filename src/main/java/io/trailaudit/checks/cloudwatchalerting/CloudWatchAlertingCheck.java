package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.CheckMetadata;
import io.trailaudit.checks.Delivery;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailListing;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.filterpattern.FilterPattern;
import io.trailaudit.filterpattern.FilterPatternException;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogGroup.MetricFilter;
import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.TrailStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check 5: a multi-region trail delivers to CloudWatch Logs, and each CIS monitoring topic has a
 * metric filter whose parsed pattern matches the topic's events, feeding an alarm with actions that
 * notifies a confirmed SNS subscription.
 */
public final class CloudWatchAlertingCheck implements Check {
  public static final String ID = "cloudwatch-alerting";

  /** Declared by organization-trail, listed in "uses". */
  static final String DELIVERY_MAX_AGE_HOURS = "deliveryMaxAgeHours";

  static final String TOPIC_PREFIX = "metric-filter/";

  private static final CheckInfo INFO =
      CheckMetadata.of(
          CloudWatchAlertingCheck.class, CheckMetadata.FILE, MonitoringTopics::requirements);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    List<String> ids = new java.util.ArrayList<>(Requirement.ids());
    info().requirements().stream()
        .map(io.trailaudit.checks.RequirementInfo::id)
        .filter(id -> id.startsWith(TOPIC_PREFIX))
        .forEach(ids::add);
    return ids;
  }

  /** The metadata, with one requirement per CIS monitoring topic. */
  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    TrailIndex index = TrailIndex.of(snapshot);
    Duration maxAge = Duration.ofHours(parameters(config).integer(DELIVERY_MAX_AGE_HOURS));
    List<Finding> out = new ArrayList<>();
    // An organization trail's log group serves every account: read it once, not once per account.
    Map<String, GroupView> views = new HashMap<>();
    for (AccountSnapshot account : snapshot.accounts()) {
      List<TrailView> trails = index.visibleFrom(account);
      // Only log groups of multi-region logging trails with read and write management events count.
      List<TrailView> qualifying =
          trails.stream()
              .filter(t -> t.trail().isMultiRegionTrail() && t.isLogging())
              .filter(t -> t.selectors().isKnown() && t.managementCoverage().full())
              .toList();
      List<TrailView> unsure =
          trails.stream().filter(CloudWatchAlertingCheck::isUncertain).toList();
      List<String> uncertain = new ArrayList<>(TrailListing.gaps(account, true));
      unsure.stream().map(CloudWatchAlertingCheck::whyUncertain).forEach(uncertain::add);
      Resource accountWide = Resource.account(account.accountId());
      out.add(logGroup(f, accountWide, qualifying, uncertain, snapshot.collectedAt(), maxAge));
      List<GroupView> groups = groups(snapshot, views, qualifying, List.of());
      List<GroupView> unsureGroups = groups(snapshot, views, unsure, groups);
      for (GroupView g : groups) {
        List<String> unparseable = g.unparseable();
        if (!unparseable.isEmpty()) {
          out.add(
              f.error(
                  Requirement.FILTER_PATTERN,
                  g.resource(account.accountId()),
                  "log group "
                      + g.name()
                      + ": "
                      + String.join("; ", unparseable)
                      + "; the CIS topics are judged without "
                      + (unparseable.size() == 1 ? "it" : "them")));
        }
      }
      for (MonitoringTopic topic : MonitoringTopics.load()) {
        out.add(topicFinding(f, account, accountWide, topic, groups, unsureGroups, uncertain));
      }
    }
    return out;
  }

  /** The distinct log groups of {@code trails}, leaving out those already in {@code known}. */
  private static List<GroupView> groups(
      Snapshot snapshot,
      Map<String, GroupView> views,
      List<TrailView> trails,
      List<GroupView> known) {
    List<GroupView> out = new ArrayList<>();
    for (TrailView t : trails) {
      String arn = t.trail().cloudWatchLogsLogGroupArn();
      if (arn != null
          && known.stream().noneMatch(g -> g.arn().equals(arn))
          && out.stream().noneMatch(g -> g.arn().equals(arn))) {
        out.add(views.computeIfAbsent(arn, a -> GroupView.of(snapshot, a)));
      }
    }
    return out;
  }

  /**
   * A multi-region trail with a log group whose status or selectors could not be read: it might
   * qualify. A trail without a log group cannot deliver to CloudWatch Logs, so it never matters.
   */
  private static boolean isUncertain(TrailView t) {
    return t.trail().isMultiRegionTrail()
        && t.trail().cloudWatchLogsLogGroupArn() != null
        && !t.isKnownStopped()
        && (!t.status().isKnown() || !t.selectors().isKnown());
  }

  private static String whyUncertain(TrailView t) {
    return t.status().isKnown()
        ? Messages.trailReadFailed(t, t.selectors(), "event selectors")
        : Messages.trailReadFailed(t, t.status(), "status");
  }

  private Finding logGroup(
      FindingFactory f,
      Resource where,
      List<TrailView> qualifying,
      List<String> uncertain,
      Instant now,
      Duration maxAge) {
    Requirement req = Requirement.LOG_GROUP;
    List<String> problems = new ArrayList<>();
    TrailView withGroup = null;
    for (TrailView t : qualifying) {
      String group = t.trail().cloudWatchLogsLogGroupArn();
      if (group == null) {
        problems.add(t.name() + " does not deliver to CloudWatch Logs");
        continue;
      }
      withGroup = withGroup == null ? t : withGroup;
      TrailStatus s = t.status().value();
      Delivery delivery =
          Delivery.of(
              s.latestCloudWatchLogsDeliveryError(),
              s.latestCloudWatchLogsDeliveryTime(),
              now,
              maxAge);
      if (delivery == Delivery.FAILED) {
        problems.add(
            t.name()
                + ": last delivery to "
                + group
                + " failed: "
                + s.latestCloudWatchLogsDeliveryError());
      } else if (delivery == Delivery.NEVER) {
        problems.add(t.name() + ": nothing has been delivered to " + group);
      } else if (delivery == Delivery.STALE) {
        problems.add(
            t.name()
                + ": last delivery to "
                + group
                + " was "
                + Messages.age(s.latestCloudWatchLogsDeliveryTime(), now)
                + ", older than "
                + maxAge.toHours()
                + " h");
      } else {
        return f.pass(
            req,
            where,
            "multi-region trail "
                + t.label()
                + " delivers to "
                + group
                + " ("
                + Messages.age(s.latestCloudWatchLogsDeliveryTime(), now)
                + ")");
      }
    }
    if (!uncertain.isEmpty()) {
      return f.error(
          req,
          where,
          "cannot tell whether a multi-region trail delivers to CloudWatch"
              + " Logs: "
              + String.join("; ", uncertain));
    }
    if (qualifying.isEmpty()) {
      return f.fail(
          req,
          "none",
          where,
          "no logging multi-region trail with read and write management"
              + " events is visible from account "
              + where.account(),
          Map.of());
    }
    TrailView target = withGroup == null ? qualifying.get(0) : withGroup;
    return f.fail(
        req,
        withGroup == null ? "default" : "delivery",
        where,
        "no multi-region trail delivers to CloudWatch Logs: " + String.join("; ", problems),
        target.remediationArgs());
  }

  private Finding topicFinding(
      FindingFactory f,
      AccountSnapshot account,
      Resource accountWide,
      MonitoringTopic topic,
      List<GroupView> groups,
      List<GroupView> unsureGroups,
      List<String> uncertain) {
    String req = TOPIC_PREFIX + topic.id();
    if (groups.isEmpty()) {
      if (!uncertain.isEmpty()) {
        return f.error(
            req,
            accountWide,
            "cannot tell which log group receives the events: " + String.join("; ", uncertain));
      }
      return f.fail(
          req,
          "none",
          accountWide,
          "no log group of a logging multi-region trail with read"
              + " and write management events is visible from account "
              + account.accountId()
              + ", so "
              + topic.title()
              + " raise no alarm",
          Map.of("topic", topic.id(), "pattern", topic.canonicalPattern()));
    }
    Outcome best = null;
    for (GroupView g : groups) {
      Outcome o = g.evaluate(topic);
      if (o.status == Outcome.Kind.PASS) {
        return f.pass(req, g.resource(account.accountId()), o.message);
      }
      if (best == null || o.rank() > best.rank()) {
        best = o;
      }
    }
    GroupView g = best.group;
    if (best.status == Outcome.Kind.ERROR) {
      return f.error(req, g.resource(account.accountId()), best.message);
    }
    // The log group of a trail that could not be read might pass: a FAIL here could be false.
    if (unsureGroups.stream().anyMatch(u -> u.evaluate(topic).status != Outcome.Kind.FAIL)) {
      return f.error(
          req,
          g.resource(account.accountId()),
          best.message
              + "; another trail's log group may count, but cannot tell: "
              + String.join("; ", uncertain));
    }
    Map<String, String> args = new HashMap<>(best.args);
    args.put("topic", topic.id());
    args.put("pattern", topic.canonicalPattern());
    args.put("logGroup", g.name());
    args.put("region", g.region());
    args.put("account", g.account());
    return f.fail(req, best.variant, g.resource(account.accountId()), best.message, args);
  }

  /** How far a log group gets towards a working alarm for one topic. */
  private static final class Outcome {
    enum Kind {
      PASS,
      FAIL,
      ERROR
    }

    final GroupView group;
    final Kind status;
    final String variant;
    final int link;
    final String message;
    final Map<String, String> args;

    Outcome(
        GroupView group,
        Kind status,
        String variant,
        int link,
        String message,
        Map<String, String> args) {
      this.group = group;
      this.status = status;
      this.variant = variant;
      this.link = link;
      this.message = message;
      this.args = args;
    }

    /** An ERROR outranks any FAIL (it might pass); among FAILs the furthest link wins. */
    int rank() {
      return status == Kind.ERROR ? 100 : link;
    }
  }

  /** A trail log group with its reads resolved from the snapshot. */
  private record GroupView(
      String arn,
      String name,
      String region,
      String account,
      Optional<LogGroup> group,
      Optional<RegionSnapshot> regionReads,
      boolean accountAudited,
      Map<String, Outcome> outcomes) {

    static GroupView of(Snapshot snapshot, String arn) {
      String region = Arns.region(arn);
      String account = Arns.account(arn);
      String name = Arn.logGroupName(arn);
      Optional<AccountSnapshot> owner = snapshot.account(account);
      Optional<RegionSnapshot> reads = owner.flatMap(a -> a.region(region));
      Optional<LogGroup> group =
          reads.flatMap(r -> r.logGroups().stream().filter(g -> g.name().equals(name)).findFirst());
      return new GroupView(
          arn, name, region, account, group, reads, owner.isPresent(), new HashMap<>());
    }

    Resource resource(String auditedAccount) {
      return new Resource(
          auditedAccount, region, arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn);
    }

    Outcome fail(String variant, int link, String message, Map<String, String> args) {
      return new Outcome(this, Outcome.Kind.FAIL, variant, link, message, args);
    }

    Outcome error(String message) {
      return new Outcome(this, Outcome.Kind.ERROR, null, 0, message, Map.of());
    }

    /** The outcome for a topic, decided once per log group. */
    Outcome evaluate(MonitoringTopic topic) {
      Outcome known = outcomes.get(topic.id());
      if (known == null) {
        known = decide(topic);
        outcomes.put(topic.id(), known);
      }
      return known;
    }

    private Outcome decide(MonitoringTopic topic) {
      if (group.isEmpty()) {
        return error(
            "log group "
                + name
                + " (account "
                + account
                + ", "
                + region
                + ") is not in the snapshot"
                + (accountAudited
                    ? ""
                    : ": include account " + account + " in the audit to read it"));
      }
      Observed<List<MetricFilter>> filters = group.get().metricFilters();
      if (!filters.isKnown()) {
        return error(
            "metric filters of log group "
                + name
                + " could not be read: "
                + filters.failure().reason());
      }
      List<String> misses = new ArrayList<>();
      List<MetricFilter> matching = new ArrayList<>();
      List<MetricFilter> all = filters.value() == null ? List.of() : filters.value();
      int parsed = 0;
      for (MetricFilter mf : all) {
        Optional<FilterPattern> pattern = parse(mf);
        if (pattern.isEmpty()) {
          continue;
        }
        parsed++;
        TopicMatch m = MonitoringTopics.evaluate(pattern.get(), topic);
        if (m.satisfied()) {
          matching.add(mf);
        } else if (m.unmatched().size() < m.requiredCount()) {
          // A near miss (it matches some of the topic's events): worth naming what it misses.
          misses.add("filter " + mf.name() + ": " + m.explanation());
        }
      }
      if (matching.isEmpty()) {
        String why =
            !misses.isEmpty()
                ? String.join("; ", misses)
                : all.isEmpty()
                    ? "it has no metric filters"
                    : parsed == 0
                        ? "it has no metric filter trailaudit can evaluate"
                        : "none of its "
                            + parsed
                            + (parsed == all.size() ? "" : " evaluable")
                            + " metric filters matches any of the topic's events";
        List<String> unverifiable =
            all.stream().filter(mf -> parse(mf).isEmpty()).map(MetricFilter::name).toList();
        if (!unverifiable.isEmpty()) {
          // Fail closed: a pattern we cannot evaluate is never taken to meet the topic.
          why +=
              "; not counted: "
                  + (unverifiable.size() == 1 ? "filter " : "filters ")
                  + String.join(", ", unverifiable)
                  + ", whose pattern trailaudit cannot evaluate (see"
                  + " cloudwatch-alerting/filter-pattern)";
        }
        return fail(
            "default",
            1,
            "no metric filter on log group " + name + " matches " + topic.title() + ": " + why,
            Map.of());
      }
      return alarmChain(topic, matching);
    }

    /** The filter's pattern, or empty when it is missing or cannot be parsed. */
    private static Optional<FilterPattern> parse(MetricFilter mf) {
      if (mf.filterPattern() == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(FilterPattern.parse(mf.filterPattern()));
      } catch (FilterPatternException e) {
        return Optional.empty();
      }
    }

    /**
     * Each metric filter of the group whose pattern cannot be evaluated, with why; empty when the
     * filters are unknown (the topics are ERROR then).
     */
    List<String> unparseable() {
      if (group.isEmpty() || !group.get().metricFilters().isKnown()) {
        return List.of();
      }
      List<MetricFilter> all = group.get().metricFilters().value();
      List<String> out = new ArrayList<>();
      for (MetricFilter mf : all == null ? List.<MetricFilter>of() : all) {
        if (mf.filterPattern() == null) {
          out.add("filter " + mf.name() + " has no filter pattern in the snapshot");
          continue;
        }
        try {
          FilterPattern.parse(mf.filterPattern());
        } catch (FilterPatternException e) {
          out.add(
              "filter "
                  + mf.name()
                  + " has a pattern trailaudit cannot evaluate: "
                  + e.getMessage());
        }
      }
      return out;
    }

    /**
     * Filter found: an alarm on its metric, with actions, to a topic with a confirmed subscriber.
     */
    private Outcome alarmChain(MonitoringTopic topic, List<MetricFilter> matching) {
      Observed<List<MetricAlarm>> alarms =
          regionReads.map(RegionSnapshot::alarms).orElse(Observed.notCollected("alarms"));
      if (!alarms.isKnown()) {
        return error("alarms in " + region + " could not be read: " + alarms.failure().reason());
      }
      Outcome best = null;
      for (MetricFilter mf : matching) {
        for (MetricTransformation mt : mf.metricTransformations()) {
          Outcome o = alarmsFor(topic, mf, mt, alarms.value() == null ? List.of() : alarms.value());
          if (o.status == Outcome.Kind.PASS) {
            return o;
          }
          best = best == null || o.rank() > best.rank() ? o : best;
        }
      }
      if (best == null) {
        return fail(
            "default",
            1,
            "metric filter " + matching.get(0).name() + " matches but publishes no metric",
            Map.of());
      }
      return best;
    }

    private Outcome alarmsFor(
        MonitoringTopic topic, MetricFilter mf, MetricTransformation mt, List<MetricAlarm> alarms) {
      String metric = mt.metricNamespace() + "/" + mt.metricName();
      Map<String, String> args = new HashMap<>();
      args.put("namespace", mt.metricNamespace());
      args.put("metric", mt.metricName());
      List<MetricAlarm> on =
          alarms.stream()
              .filter(
                  a ->
                      mt.metricName().equals(a.metricName())
                          && mt.metricNamespace().equals(a.namespace()))
              .toList();
      if (on.isEmpty()) {
        return fail(
            "alarm",
            2,
            "metric filter "
                + mf.name()
                + " matches "
                + topic.title()
                + " but no alarm watches its metric "
                + metric,
            args);
      }
      Outcome best = null;
      for (MetricAlarm a : on) {
        Map<String, String> alarmArgs = new HashMap<>(args);
        alarmArgs.put("alarm", a.alarmName());
        Outcome o = alarmOutcome(mf, mt, a, metric, alarmArgs);
        if (o.status == Outcome.Kind.PASS) {
          return o;
        }
        best = best == null || o.rank() > best.rank() ? o : best;
      }
      return best;
    }

    private Outcome alarmOutcome(
        MetricFilter mf,
        MetricTransformation mt,
        MetricAlarm a,
        String metric,
        Map<String, String> args) {
      if (!a.actionsEnabled()) {
        return fail(
            "actions",
            3,
            "alarm " + a.alarmName() + " on " + metric + " has its actions disabled",
            args);
      }
      AlarmFiring.Verdict firing = AlarmFiring.judge(mt, a);
      if (firing.kind() == AlarmFiring.Kind.UNKNOWN) {
        return error(
            "cannot tell whether alarm "
                + a.alarmName()
                + " on "
                + metric
                + " fires on one matching event: "
                + firing.reason());
      }
      if (firing.kind() == AlarmFiring.Kind.NEVER) {
        return fail(
            "alarm-value",
            4,
            "alarm "
                + a.alarmName()
                + " on "
                + metric
                + " can never notify of one matching event: "
                + firing.reason(),
            args);
      }
      List<String> snsActions =
          a.alarmActions().stream()
              .filter(x -> Arn.parse(x).filter(t -> t.service().equals("sns")).isPresent())
              .toList();
      if (snsActions.isEmpty()) {
        return fail(
            "topic",
            5,
            "alarm " + a.alarmName() + " on " + metric + " notifies no SNS topic",
            args);
      }
      List<String> unconfirmed = new ArrayList<>();
      List<String> blocked = new ArrayList<>();
      for (String topicArn : snsActions) {
        Optional<SnsTopic> topic =
            regionOf(topicArn)
                .flatMap(
                    r -> r.snsTopics().stream().filter(t -> t.arn().equals(topicArn)).findFirst());
        if (topic.isEmpty()) {
          return error(
              "SNS topic " + topicArn + " of alarm " + a.alarmName() + " is not in the snapshot");
        }
        AlarmFiring.Verdict reachable = TopicKeyAccess.judge(topic.get(), a.alarmArn());
        if (reachable.kind() == AlarmFiring.Kind.UNKNOWN) {
          return error(
              "cannot tell whether alarm "
                  + a.alarmName()
                  + " can publish to SNS topic "
                  + topicArn
                  + ": "
                  + reachable.reason());
        }
        if (reachable.kind() == AlarmFiring.Kind.NEVER) {
          blocked.add(topicArn + ": " + reachable.reason());
          continue;
        }
        Observed<List<SnsTopic.Subscription>> subs = topic.get().subscriptions();
        if (!subs.isKnown()) {
          return error(
              "subscriptions of SNS topic "
                  + topicArn
                  + " could not be read: "
                  + subs.failure().reason());
        }
        List<SnsTopic.Subscription> list = subs.value() == null ? List.of() : subs.value();
        if (list.stream().anyMatch(SnsTopic.Subscription::confirmed)) {
          return new Outcome(
              this,
              Outcome.Kind.PASS,
              null,
              9,
              "metric filter "
                  + mf.name()
                  + " on "
                  + name
                  + " feeds alarm "
                  + a.alarmName()
                  + " notifying "
                  + topicArn
                  + " (confirmed subscription)",
              args);
        }
        unconfirmed.add(
            topicArn
                + (list.isEmpty() ? " has no subscription" : " has only pending subscriptions"));
      }
      Map<String, String> withTopic = new HashMap<>(args);
      withTopic.put("snsTopic", snsActions.get(0));
      if (unconfirmed.isEmpty()) {
        return fail(
            "topic-key",
            6,
            "alarm "
                + a.alarmName()
                + " on "
                + metric
                + " cannot notify its SNS topic: "
                + String.join("; ", blocked),
            withTopic);
      }
      unconfirmed.addAll(blocked);
      return fail(
          "subscription",
          7,
          "alarm "
              + a.alarmName()
              + " on "
              + metric
              + " notifies no one: "
              + String.join("; ", unconfirmed),
          withTopic);
    }

    /** SNS topics of the alarm's region (topics live in the alarm's account and region). */
    private Optional<RegionSnapshot> regionOf(String topicArn) {
      return regionReads.filter(r -> r.region().equals(Arns.region(topicArn)));
    }
  }
}
