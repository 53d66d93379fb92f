package io.trailaudit.collect;

import io.trailaudit.model.Arn;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogGroup.MetricFilter;
import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SnsTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The CloudWatch alerting chain of one region: a trail log group's metric filters, the alarms on
 * their metrics, and the subscriptions of the SNS topics those alarms notify.
 */
public final class AlertingReader {
  private final CloudWatchLogsClient logs;
  private final CloudWatchClient cloudwatch;
  private final SnsClient sns;
  private final KmsClient kms;

  /** All four clients are of the region of the log groups (an SNS topic's key is in its region). */
  public AlertingReader(
      CloudWatchLogsClient logs, CloudWatchClient cloudwatch, SnsClient sns, KmsClient kms) {
    this.logs = logs;
    this.cloudwatch = cloudwatch;
    this.sns = sns;
    this.kms = kms;
  }

  /**
   * @param logGroupArn a trail's {@code CloudWatchLogsLogGroupArn}, {@code
   *     arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*}
   */
  public LogGroup logGroup(String logGroupArn) {
    String name = Arn.logGroupName(logGroupArn);
    Observed<List<MetricFilter>> filters =
        Reads.read(
            "logs",
            "DescribeMetricFilters",
            () ->
                logs
                    .describeMetricFiltersPaginator(r -> r.logGroupName(name))
                    .metricFilters()
                    .stream()
                    .map(AlertingReader::filter)
                    .toList());
    return new LogGroup(logGroupArn, name, filters);
  }

  /**
   * The alarms on the metrics the groups' filters publish, each alarm once. Unavailable as a whole
   * if any call fails: a list missing some alarms must not read as complete. Groups whose filters
   * could not be read add nothing (their topics are undecidable whatever the alarms).
   */
  public Observed<List<MetricAlarm>> alarms(List<LogGroup> groups) {
    Set<Metric> plain = new LinkedHashSet<>();
    Set<Metric> dimensioned = new LinkedHashSet<>();
    groups.forEach(group -> metrics(group, plain, dimensioned));
    Map<String, MetricAlarm> byArn = new LinkedHashMap<>();
    for (Metric metric : plain) {
      Observed<List<MetricAlarm>> on = alarmsFor(metric);
      if (!on.isKnown()) {
        return on;
      }
      on.value().forEach(a -> byArn.putIfAbsent(a.alarmArn(), a));
    }
    if (!dimensioned.isEmpty()) {
      // DescribeAlarmsForMetric finds only alarms whose dimensions it is given, and the values
      // come from the log events: list every metric alarm instead.
      Observed<List<MetricAlarm>> all = everyMetricAlarm();
      if (!all.isKnown()) {
        return all;
      }
      all.value().stream()
          .filter(a -> dimensioned.contains(new Metric(a.namespace(), a.metricName())))
          .forEach(a -> byArn.putIfAbsent(a.alarmArn(), a));
    }
    return Observed.known(List.copyOf(byArn.values()));
  }

  /** The SNS topics among the alarms' actions, each once, in order of appearance. */
  public static Set<String> topicArns(Observed<List<MetricAlarm>> alarms) {
    Set<String> arns = new LinkedHashSet<>();
    if (alarms instanceof Observed.Known<List<MetricAlarm>> k && k.value() != null) {
      for (MetricAlarm a : k.value()) {
        for (String action : a.alarmActions()) {
          if (Arn.parse(action).filter(x -> x.service().equals("sns")).isPresent()) {
            arns.add(action);
          }
        }
      }
    }
    return arns;
  }

  /**
   * {@link #alarms(List)} pipelined: the alarms on a group's metrics are asked for as soon as that
   * group's filters are read, each metric once, as tasks on {@code reads}. The answer is the same
   * as {@link #alarms(List)}'s, the first failure in the same order included; only after a failure
   * can more calls have been made than there.
   */
  public CompletableFuture<Observed<List<MetricAlarm>>> alarms(
      List<CompletableFuture<LogGroup>> groups, Executor reads) {
    Map<Metric, CompletableFuture<Observed<List<MetricAlarm>>>> onMetric =
        new ConcurrentHashMap<>();
    Map<String, CompletableFuture<Observed<List<MetricAlarm>>>> every = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> asked =
        groups.stream()
            .map(
                g ->
                    g.thenAccept(
                        group -> {
                          Set<Metric> plain = new LinkedHashSet<>();
                          Set<Metric> dimensioned = new LinkedHashSet<>();
                          metrics(group, plain, dimensioned);
                          plain.forEach(
                              m ->
                                  onMetric.computeIfAbsent(
                                      m,
                                      k ->
                                          CompletableFuture.supplyAsync(
                                              () -> alarmsFor(k), reads)));
                          if (!dimensioned.isEmpty()) {
                            every.computeIfAbsent(
                                "DescribeAlarms",
                                k -> CompletableFuture.supplyAsync(this::everyMetricAlarm, reads));
                          }
                        }))
            .toList();
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              List<CompletableFuture<?>> running = new ArrayList<>(onMetric.values());
              running.addAll(every.values());
              return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
            })
        .thenApply(
            done -> {
              Set<Metric> plain = new LinkedHashSet<>();
              Set<Metric> dimensioned = new LinkedHashSet<>();
              groups.forEach(g -> metrics(g.join(), plain, dimensioned));
              Map<String, MetricAlarm> byArn = new LinkedHashMap<>();
              for (Metric metric : plain) {
                Observed<List<MetricAlarm>> on = onMetric.get(metric).join();
                if (!on.isKnown()) {
                  return on;
                }
                on.value().forEach(a -> byArn.putIfAbsent(a.alarmArn(), a));
              }
              if (!dimensioned.isEmpty()) {
                Observed<List<MetricAlarm>> all = every.get("DescribeAlarms").join();
                if (!all.isKnown()) {
                  return all;
                }
                all.value().stream()
                    .filter(a -> dimensioned.contains(new Metric(a.namespace(), a.metricName())))
                    .forEach(a -> byArn.putIfAbsent(a.alarmArn(), a));
              }
              return Observed.known(List.copyOf(byArn.values()));
            });
  }

  /** Each topic once: its attributes and its subscriptions, each read on its own. */
  public List<SnsTopic> topics(Collection<String> topicArns) {
    return topics(topicArns, Runnable::run, Runnable::run).join();
  }

  /**
   * {@link #topics(Collection)} with every SNS read a task on {@code reads}, all at once, and each
   * topic's key read on {@code keyReads} once its attributes name it.
   */
  public CompletableFuture<List<SnsTopic>> topics(
      Collection<String> topicArns, Executor reads, Executor keyReads) {
    Fanout f = new Fanout(reads);
    List<String> arns = List.copyOf(new LinkedHashSet<>(topicArns));
    List<CompletableFuture<Observed<SnsTopic.Attributes>>> attributes = new ArrayList<>();
    List<CompletableFuture<Observed<List<SnsTopic.Subscription>>>> subscriptions =
        new ArrayList<>();
    for (String arn : arns) {
      attributes.add(
          f.read(
              "sns",
              "GetTopicAttributes",
              () -> attributes(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes())));
      subscriptions.add(
          f.read(
              "sns",
              "ListSubscriptionsByTopic",
              () ->
                  sns
                      .listSubscriptionsByTopicPaginator(r -> r.topicArn(arn))
                      .subscriptions()
                      .stream()
                      .map(
                          s ->
                              new SnsTopic.Subscription(
                                  s.subscriptionArn(), s.protocol(), s.endpoint()))
                      .toList()));
    }
    // Topics often share a key: each key is read once.
    Map<String, CompletableFuture<Observed<KmsKey>>> byKeyId = new ConcurrentHashMap<>();
    List<CompletableFuture<Observed<KmsKey>>> keys =
        attributes.stream().map(a -> a.thenCompose(attr -> key(attr, keyReads, byKeyId))).toList();
    // Built from the reads themselves, all done once they are.
    return CompletableFuture.allOf(
            f.all(), CompletableFuture.allOf(keys.toArray(new CompletableFuture<?>[0])))
        .thenApply(
            done -> {
              List<SnsTopic> topics = new ArrayList<>();
              for (int i = 0; i < arns.size(); i++) {
                topics.add(
                    new SnsTopic(
                        arns.get(i),
                        attributes.get(i).join(),
                        subscriptions.get(i).join(),
                        keys.get(i).join()));
              }
              return topics;
            });
  }

  /** Adds the metrics {@code group}'s filters publish, without and with dimensions. */
  private static void metrics(LogGroup group, Set<Metric> plain, Set<Metric> dimensioned) {
    if (group.metricFilters() instanceof Observed.Known<List<MetricFilter>> k
        && k.value() != null) {
      for (MetricFilter f : k.value()) {
        for (MetricTransformation t : f.metricTransformations()) {
          if (t.metricName() != null && t.metricNamespace() != null) {
            (t.dimensions().isEmpty() ? plain : dimensioned)
                .add(new Metric(t.metricNamespace(), t.metricName()));
          }
        }
      }
    }
  }

  private Observed<List<MetricAlarm>> alarmsFor(Metric metric) {
    return Reads.read(
        "cloudwatch",
        "DescribeAlarmsForMetric",
        () ->
            cloudwatch
                .describeAlarmsForMetric(
                    r -> r.namespace(metric.namespace()).metricName(metric.name()))
                .metricAlarms()
                .stream()
                .map(AlertingReader::alarm)
                .toList());
  }

  /** Every metric alarm of the region (all pages). */
  private Observed<List<MetricAlarm>> everyMetricAlarm() {
    return Reads.read(
        "cloudwatch",
        "DescribeAlarms",
        () ->
            cloudwatch.describeAlarmsPaginator(r -> {}).metricAlarms().stream()
                .map(AlertingReader::alarm)
                .toList());
  }

  /**
   * The topic's key, read when the attributes name one (CloudWatch must be able to use it); known
   * null when the topic is not encrypted.
   */
  private CompletableFuture<Observed<KmsKey>> key(
      Observed<SnsTopic.Attributes> attributes,
      Executor reads,
      Map<String, CompletableFuture<Observed<KmsKey>>> byKeyId) {
    if (!(attributes instanceof Observed.Known<SnsTopic.Attributes> k) || k.value() == null) {
      return CompletableFuture.completedFuture(Failures.of(attributes));
    }
    String id = k.value().kmsMasterKeyId();
    if (id == null || id.isBlank()) {
      return CompletableFuture.completedFuture(Observed.known(null));
    }
    return byKeyId.computeIfAbsent(
        id, keyId -> new KmsReader(kms).key(keyId, reads).thenApply(Observed::known));
  }

  private record Metric(String namespace, String name) {}

  private static MetricFilter filter(
      software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter f) {
    return new MetricFilter(
        f.filterName(),
        f.filterPattern(),
        f.metricTransformations().stream()
            .map(
                t ->
                    new MetricTransformation(
                        t.metricName(),
                        t.metricNamespace(),
                        t.metricValue(),
                        t.dimensions(),
                        Observed.known(t.defaultValue())))
            .toList());
  }

  private static MetricAlarm alarm(software.amazon.awssdk.services.cloudwatch.model.MetricAlarm a) {
    return MetricAlarm.builder()
        .alarmName(a.alarmName())
        .alarmArn(a.alarmArn())
        .namespace(a.namespace())
        .metricName(a.metricName())
        .actionsEnabled(Boolean.TRUE.equals(a.actionsEnabled()))
        .alarmActions(a.alarmActions())
        .stateValue(a.stateValueAsString())
        .statistic(a.statisticAsString())
        .comparisonOperator(a.comparisonOperatorAsString())
        .threshold(a.threshold())
        .evaluationPeriods(a.evaluationPeriods())
        .period(a.period())
        .evaluation(
            Observed.known(
                new MetricAlarm.Evaluation(
                    a.extendedStatistic(),
                    a.datapointsToAlarm(),
                    a.treatMissingData(),
                    a.dimensions().stream()
                        .collect(
                            java.util.stream.Collectors.toMap(
                                d -> d.name(), d -> d.value(), (x, y) -> y, LinkedHashMap::new)),
                    a.thresholdMetricId(),
                    a.hasMetrics() && !a.metrics().isEmpty())))
        .build();
  }

  private static SnsTopic.Attributes attributes(Map<String, String> a) {
    return new SnsTopic.Attributes(
        a.get("Owner"),
        count(a.get("SubscriptionsConfirmed")),
        count(a.get("SubscriptionsPending")),
        a.get("KmsMasterKeyId"));
  }

  private static Integer count(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw SdkClientException.create(
          "GetTopicAttributes gave a count that is no number: " + value);
    }
  }
}
