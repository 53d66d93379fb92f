package io.trailaudit.checks.cloudwatchalerting;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.CheckMetadata;
import io.trailaudit.checks.Delivery;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.RequirementId;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailCandidates;
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
              .filter(t -> t.selectorsRead() && t.managementCoverage().full())
              .toList();
      List<TrailView> unsure =
          trails.stream().filter(CloudWatchAlertingCheck::isUncertain).toList();
      List<String> uncertain = new ArrayList<>(TrailListing.gaps(account, true));
      unsure.stream().map(CloudWatchAlertingCheck::whyUncertain).forEach(uncertain::add);
      Resource accountWide = Resource.account(account.accountId());
      out.add(logGroup(f, accountWide, qualifying, uncertain, snapshot.collectedAt(), maxAge));
      List<GroupView> groups = groups(f, snapshot, views, qualifying, List.of());
      List<GroupView> unsureGroups = groups(f, snapshot, views, unsure, groups);
      for (GroupView g : groups) {
        List<String> unparseable = g.unparseable();
        if (!unparseable.isEmpty()) {
          out.add(
              f.error(
                  Requirement.FILTER_PATTERN,
                  g.resource(account.accountId()),
                  message(unparseable.size() == 1 ? "unparseable-one" : "unparseable-many"),
                  Map.of(
                      "logGroup", String.valueOf(g.name()),
                      "problems", String.join("; ", unparseable))));
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
      FindingFactory f,
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
        out.add(views.computeIfAbsent(arn, a -> GroupView.of(f, snapshot, a)));
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
        && (!t.status().isKnown() || !t.selectorsRead());
  }

  private static String whyUncertain(TrailView t) {
    return t.status().isKnown()
        ? TrailCandidates.selectorsUnknown(t)
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
      Map<String, String> values = new HashMap<>();
      values.put("trail", String.valueOf(t.name()));
      if (group == null) {
        problems.add(f.text(req, message("no-group"), values));
        continue;
      }
      values.put("logGroupArn", group);
      withGroup = withGroup == null ? t : withGroup;
      TrailStatus s = t.status().value();
      Delivery delivery =
          Delivery.of(
              s.latestCloudWatchLogsDeliveryError(),
              s.latestCloudWatchLogsDeliveryTime(),
              now,
              maxAge);
      if (delivery == Delivery.FAILED) {
        values.put("error", String.valueOf(s.latestCloudWatchLogsDeliveryError()));
        problems.add(f.text(req, message("delivery-failed"), values));
      } else if (delivery == Delivery.NEVER) {
        problems.add(f.text(req, message("never-delivered"), values));
      } else if (delivery == Delivery.STALE) {
        values.put("age", Messages.age(s.latestCloudWatchLogsDeliveryTime(), now));
        values.put("maxAge", String.valueOf(maxAge.toHours()));
        problems.add(f.text(req, message("stale"), values));
      } else {
        values.put("trailLabel", t.label());
        values.put("age", Messages.age(s.latestCloudWatchLogsDeliveryTime(), now));
        return f.pass(req, where, message("pass"), values);
      }
    }
    if (!uncertain.isEmpty()) {
      return f.error(
          req, where, message("unknown"), Map.of("uncertain", String.join("; ", uncertain)));
    }
    if (qualifying.isEmpty()) {
      return f.fail(
          req,
          "none",
          where,
          message("no-trail"),
          Map.of("account", String.valueOf(where.account())));
    }
    TrailView target = withGroup == null ? qualifying.get(0) : withGroup;
    Map<String, String> values = new HashMap<>(target.remediationArgs());
    values.put("problems", String.join("; ", problems));
    return f.fail(req, withGroup == null ? "default" : "delivery", where, message("fail"), values);
  }

  private Finding topicFinding(
      FindingFactory f,
      AccountSnapshot account,
      Resource accountWide,
      MonitoringTopic topic,
      List<GroupView> groups,
      List<GroupView> unsureGroups,
      List<String> uncertain) {
    RequirementId req = topicRequirement(topic);
    if (groups.isEmpty()) {
      if (!uncertain.isEmpty()) {
        return f.error(
            req,
            accountWide,
            message("log-group-unknown"),
            Map.of("uncertain", String.join("; ", uncertain)));
      }
      Map<String, String> values = new HashMap<>();
      values.put("topic", topic.id());
      values.put("pattern", topic.canonicalPattern());
      values.put("account", String.valueOf(account.accountId()));
      values.put("topicTitle", topic.title());
      return f.fail(req, "none", accountWide, message("no-log-group"), values);
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
          message("unknown-other"),
          Map.of("outcome", best.message, "uncertain", String.join("; ", uncertain)));
    }
    Map<String, String> args = new HashMap<>(best.args);
    args.put("topic", topic.id());
    args.put("pattern", topic.canonicalPattern());
    args.put("logGroup", g.name());
    args.put("region", g.region());
    args.put("account", g.account());
    return f.fail(req, best.variant, g.resource(account.accountId()), best.message, args);
  }

  /** The requirement of a topic: {@code metric-filter/<topic>}, its messages the template's. */
  private static RequirementId topicRequirement(MonitoringTopic topic) {
    String id = TOPIC_PREFIX + topic.id();
    return () -> id;
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
      FindingFactory f,
      String arn,
      String name,
      String region,
      String account,
      Optional<LogGroup> group,
      Optional<RegionSnapshot> regionReads,
      boolean accountAudited,
      Map<String, Outcome> outcomes) {

    static GroupView of(FindingFactory f, Snapshot snapshot, String arn) {
      String region = Arns.region(arn);
      String account = Arns.account(arn);
      String name = Arn.logGroupName(arn);
      Optional<AccountSnapshot> owner = snapshot.account(account);
      Optional<RegionSnapshot> reads = owner.flatMap(a -> a.region(region));
      Optional<LogGroup> group =
          reads.flatMap(r -> r.logGroups().stream().filter(g -> g.name().equals(name)).findFirst());
      return new GroupView(
          f, arn, name, region, account, group, reads, owner.isPresent(), new HashMap<>());
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

    /** A message template of the topic's requirement, filled in. */
    private String text(MonitoringTopic topic, String key, Map<String, String> values) {
      return f.text(topicRequirement(topic), message(key), values);
    }

    /** The log group as messages name it: its name, account and region. */
    private Map<String, String> values() {
      Map<String, String> values = new HashMap<>();
      values.put("logGroup", String.valueOf(name));
      values.put("account", String.valueOf(account));
      values.put("region", String.valueOf(region));
      return values;
    }

    private Outcome decide(MonitoringTopic topic) {
      Map<String, String> values = values();
      if (group.isEmpty()) {
        values.put("includeAccount", accountAudited ? "" : text(topic, "include-account", values));
        return error(text(topic, "group-missing", values));
      }
      Observed<List<MetricFilter>> filters = group.get().metricFilters();
      if (!filters.isKnown()) {
        values.put("reason", String.valueOf(filters.failure().reason()));
        return error(text(topic, "filters-unreadable", values));
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
          misses.add(
              text(
                  topic,
                  "near-miss",
                  Map.of(
                      "filter",
                      String.valueOf(mf.name()),
                      "explanation",
                      String.valueOf(m.explanation()))));
        }
      }
      if (matching.isEmpty()) {
        values.put("parsed", String.valueOf(parsed));
        values.put(
            "why",
            !misses.isEmpty()
                ? String.join("; ", misses)
                : all.isEmpty()
                    ? text(topic, "no-filters", values)
                    : parsed == 0
                        ? text(topic, "no-evaluable-filter", values)
                        : text(
                            topic,
                            parsed == all.size() ? "no-match" : "no-match-evaluable",
                            values));
        List<String> unverifiable =
            all.stream()
                .filter(mf -> parse(mf).isEmpty())
                .map(mf -> String.valueOf(mf.name()))
                .toList();
        values.put("filters", String.join(", ", unverifiable));
        // Fail closed: a pattern we cannot evaluate is never taken to meet the topic.
        values.put(
            "notCounted",
            unverifiable.isEmpty()
                ? ""
                : text(
                    topic,
                    unverifiable.size() == 1 ? "not-counted-one" : "not-counted-many",
                    values));
        values.put("topicTitle", topic.title());
        return fail("default", 1, text(topic, "no-filter", values), Map.of());
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
      Requirement req = Requirement.FILTER_PATTERN;
      for (MetricFilter mf : all == null ? List.<MetricFilter>of() : all) {
        Map<String, String> values = new HashMap<>();
        values.put("filter", String.valueOf(mf.name()));
        if (mf.filterPattern() == null) {
          out.add(f.text(req, message("no-pattern"), values));
          continue;
        }
        try {
          FilterPattern.parse(mf.filterPattern());
        } catch (FilterPatternException e) {
          values.put("reason", String.valueOf(e.getMessage()));
          out.add(f.text(req, message("cannot-evaluate"), values));
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
        Map<String, String> values = values();
        values.put("reason", String.valueOf(alarms.failure().reason()));
        return error(text(topic, "alarms-unreadable", values));
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
            text(topic, "no-metric", Map.of("filter", String.valueOf(matching.get(0).name()))),
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
        Map<String, String> values = new HashMap<>();
        values.put("filter", String.valueOf(mf.name()));
        values.put("topicTitle", topic.title());
        values.put("metricPath", metric);
        return fail("alarm", 2, text(topic, "no-alarm", values), args);
      }
      Outcome best = null;
      for (MetricAlarm a : on) {
        Map<String, String> alarmArgs = new HashMap<>(args);
        alarmArgs.put("alarm", a.alarmName());
        Outcome o = alarmOutcome(topic, mf, mt, a, metric, alarmArgs);
        if (o.status == Outcome.Kind.PASS) {
          return o;
        }
        best = best == null || o.rank() > best.rank() ? o : best;
      }
      return best;
    }

    private Outcome alarmOutcome(
        MonitoringTopic topic,
        MetricFilter mf,
        MetricTransformation mt,
        MetricAlarm a,
        String metric,
        Map<String, String> args) {
      Map<String, String> values = values();
      values.put("alarm", String.valueOf(a.alarmName()));
      values.put("metricPath", metric);
      if (!a.actionsEnabled()) {
        return fail("actions", 3, text(topic, "actions-disabled", values), args);
      }
      AlarmFiring.Verdict firing = AlarmFiring.judge(mt, a);
      if (firing.kind() == AlarmFiring.Kind.UNKNOWN) {
        values.put("reason", text(topic, firing.key(), firing.values()));
        return error(text(topic, "firing-unknown", values));
      }
      if (firing.kind() == AlarmFiring.Kind.NEVER) {
        values.put("reason", text(topic, firing.key(), firing.values()));
        return fail("alarm-value", 4, text(topic, "never-fires", values), args);
      }
      List<String> snsActions =
          a.alarmActions().stream()
              .filter(x -> Arn.parse(x).filter(t -> t.service().equals("sns")).isPresent())
              .toList();
      if (snsActions.isEmpty()) {
        return fail("topic", 5, text(topic, "no-sns-topic", values), args);
      }
      List<String> unconfirmed = new ArrayList<>();
      List<String> blocked = new ArrayList<>();
      for (String topicArn : snsActions) {
        Optional<SnsTopic> sns =
            regionOf(topicArn)
                .flatMap(
                    r -> r.snsTopics().stream().filter(t -> t.arn().equals(topicArn)).findFirst());
        Map<String, String> topicValues = new HashMap<>(values);
        topicValues.put("snsTopic", topicArn);
        if (sns.isEmpty()) {
          return error(text(topic, "sns-topic-missing", topicValues));
        }
        AlarmFiring.Verdict reachable = TopicKeyAccess.judge(sns.get(), a.alarmArn());
        topicValues.put(
            "reason",
            reachable.kind() == AlarmFiring.Kind.FIRES
                ? ""
                : text(topic, reachable.key(), reachable.values()));
        if (reachable.kind() == AlarmFiring.Kind.UNKNOWN) {
          return error(text(topic, "publish-unknown", topicValues));
        }
        if (reachable.kind() == AlarmFiring.Kind.NEVER) {
          blocked.add(text(topic, "blocked", topicValues));
          continue;
        }
        Observed<List<SnsTopic.Subscription>> subs = sns.get().subscriptions();
        if (!subs.isKnown()) {
          topicValues.put("reason", String.valueOf(subs.failure().reason()));
          return error(text(topic, "subscriptions-unreadable", topicValues));
        }
        List<SnsTopic.Subscription> list = subs.value() == null ? List.of() : subs.value();
        if (list.stream().anyMatch(SnsTopic.Subscription::confirmed)) {
          topicValues.put("filter", String.valueOf(mf.name()));
          return new Outcome(
              this, Outcome.Kind.PASS, null, 9, text(topic, "pass", topicValues), args);
        }
        unconfirmed.add(
            text(topic, list.isEmpty() ? "no-subscription" : "pending-subscriptions", topicValues));
      }
      Map<String, String> withTopic = new HashMap<>(args);
      withTopic.put("snsTopic", snsActions.get(0));
      if (unconfirmed.isEmpty()) {
        values.put("blocked", String.join("; ", blocked));
        return fail("topic-key", 6, text(topic, "topic-key", values), withTopic);
      }
      unconfirmed.addAll(blocked);
      values.put("unconfirmed", String.join("; ", unconfirmed));
      return fail("subscription", 7, text(topic, "no-one", values), withTopic);
    }

    /** SNS topics of the alarm's region (topics live in the alarm's account and region). */
    private Optional<RegionSnapshot> regionOf(String topicArn) {
      return regionReads.filter(r -> r.region().equals(Arns.region(topicArn)));
    }
  }
}
