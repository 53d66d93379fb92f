package io.trailaudit.checks.cloudwatchalerting;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.edit;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withRegions;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogGroup.MetricFilter;
import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.SnsTopic.Subscription;
import io.trailaudit.model.Trail;
import io.trailaudit.testing.Catalogs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the scenario files under checks/cloudwatch-alerting/ cannot say stays here: the control
 * mappings of the requirements, the member accounts of an organization (a second account seeing the
 * organization trail as a shadow, which the alerting base does not hold, and every topic checked
 * for it), and the generated alarm-statistic variants.
 */
class CloudWatchAlertingCheckTest {
  private static final String LOG_GROUP_RULE = "cloudwatch-alerting/log-group";
  private static final String ROOT = "root-usage";
  private static final String SECURITY_GROUPS = "security-group-changes";

  private static final String US = "us-east-1";
  private static final String GROUP = "org-trail-logs";

  /** The log group ARN as findings name it. */
  private static final String GROUP_ARN = "arn:aws:logs:us-east-1:" + MGMT + ":log-group:" + GROUP;

  /** The log group ARN as CloudTrail reports it in {@code CloudWatchLogsLogGroupArn}. */
  private static final String TRAIL_GROUP_ARN = GROUP_ARN + ":*";

  private static final String NAMESPACE = "CISBenchmark";
  private static final String SNS = "arn:aws:sns:us-east-1:" + MGMT + ":cis-security-alarms";

  // ---------------------------------------------------------------- helpers

  private static String rule(String topic) {
    return "cloudwatch-alerting/metric-filter/" + topic;
  }

  private static MonitoringTopic topic(String id) {
    return MonitoringTopics.find(id).orElseThrow();
  }

  private static String canonical(String topic) {
    return topic(topic).canonicalPattern();
  }

  private static String alarmName(String topic) {
    return "cis-" + topic;
  }

  private static List<Finding> run(Snapshot s) {
    return run(s, Catalogs.defaultConfig());
  }

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new CloudWatchAlertingCheck().evaluate(s, config);
  }

  private static List<Finding> run(AccountSnapshot... accounts) {
    return run(snapshot(accounts));
  }

  /** The one finding of {@code ruleId} about {@code account}, with its status. */
  private static Finding only(List<Finding> fs, String ruleId, String account, Status status) {
    List<Finding> matching =
        fs.stream().filter(f -> f.ruleId().equals(ruleId) && f.account().equals(account)).toList();
    assertThat(matching).as("%s findings for %s in %s", ruleId, account, fs).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  /** A finding about the account as a whole. */
  private static Finding accountWide(
      List<Finding> fs, String ruleId, String account, Status status) {
    Finding f = only(fs, ruleId, account, status);
    assertThat(f.region()).isEqualTo("global");
    assertThat(f.resourceArn()).isEqualTo("arn:aws:iam::" + account + ":root");
    return f;
  }

  /** A finding about the trail's log group (its ARN without {@code :*}, in its region). */
  private static Finding onLogGroup(
      List<Finding> fs, String ruleId, String account, Status status) {
    Finding f = only(fs, ruleId, account, status);
    assertThat(f.region()).isEqualTo(US);
    assertThat(f.resourceArn()).isEqualTo(GROUP_ARN);
    return f;
  }

  /** The topic finding of the management account in a baseline changed by {@code change}. */
  private static Finding topicFinding(UnaryOperator<Alerting> change, String topic, Status status) {
    return onLogGroup(run(owner(change.apply(Alerting.healthy()))), rule(topic), MGMT, status);
  }

  private static Trail withLogGroup(Trail t, String logGroupArn) {
    return edit(t, e -> e.cloudWatchLogsLogGroupArn = logGroupArn);
  }

  /** The organization trail delivering to {@link #GROUP}. */
  private static Trail cwTrail() {
    return withLogGroup(orgTrail(), TRAIL_GROUP_ARN);
  }

  private static <T> Observed<T> trailNotFound(String operation) {
    return Observed.unavailable(
        "cloudtrail",
        operation,
        "TrailNotFoundException",
        "Unknown trail: " + TRAIL_ARN + " for the user: " + MEMBER);
  }

  /** The organization trail as a member account sees it: per-trail reads refused. */
  private static Trail shadow(Trail t) {
    return withSelectors(
        withStatus(t, trailNotFound("GetTrailStatus")), trailNotFound("GetEventSelectors"));
  }

  private static MetricFilter metricFilter(String name, String pattern, String namespace) {
    return new MetricFilter(name, pattern, List.of(new MetricTransformation(name, namespace, "1")));
  }

  private static MetricFilter metricFilter(String topic, String pattern) {
    return metricFilter(topic, pattern, NAMESPACE);
  }

  private static MetricAlarm metricAlarm(
      String name, String namespace, String metric, boolean actionsEnabled, List<String> actions) {
    return new MetricAlarm(
        name,
        "arn:aws:cloudwatch:us-east-1:" + MGMT + ":alarm:" + name,
        namespace,
        metric,
        actionsEnabled,
        actions,
        "OK",
        "Sum",
        "GreaterThanOrEqualToThreshold",
        1.0,
        1,
        300,
        Observed.known(EVALUATION));
  }

  /**
   * DescribeAlarms of an alarm set with no datapoints-to-alarm, treat-missing-data or dimensions.
   */
  private static final MetricAlarm.Evaluation EVALUATION =
      new MetricAlarm.Evaluation(null, null, null, java.util.Map.of(), null, false);

  /** The root-usage alarm with its statistic, operator, threshold and periods replaced. */
  private static MetricAlarm rootAlarm(
      String statistic,
      String operator,
      double threshold,
      int periods,
      Observed<MetricAlarm.Evaluation> evaluation) {
    return new MetricAlarm(
        alarmName(ROOT),
        "arn:aws:cloudwatch:us-east-1:" + MGMT + ":alarm:" + alarmName(ROOT),
        NAMESPACE,
        ROOT,
        true,
        List.of(SNS),
        "OK",
        statistic,
        operator,
        threshold,
        periods,
        300,
        evaluation);
  }

  private static MetricAlarm metricAlarm(String topic) {
    return metricAlarm(alarmName(topic), NAMESPACE, topic, true, List.of(SNS));
  }

  private static Subscription confirmed(String topicArn) {
    return new Subscription(
        topicArn + ":0b7c1a5e-1f0e-4a8b-9d2c-3e4f5a6b7c8d", "email", "security@example.com");
  }

  private static SnsTopic snsTopic(String arn, Subscription... subscriptions) {
    return new SnsTopic(
        arn,
        Observed.known(new SnsTopic.Attributes(MGMT, 1, 0, null)),
        Observed.known(List.of(subscriptions)),
        Observed.known(null));
  }

  /**
   * The CloudWatch side of the owner's us-east-1: the log group's metric filters, the alarms and
   * the SNS topics. {@link #healthy()} has, for every topic, the canonical filter, an alarm with
   * actions on its metric and an SNS topic with a confirmed subscription.
   */
  private record Alerting(
      Observed<List<MetricFilter>> filters,
      Observed<List<MetricAlarm>> alarms,
      List<SnsTopic> snsTopics,
      List<LogGroup> otherGroups) {

    static Alerting healthy() {
      List<MetricFilter> filters = new ArrayList<>();
      List<MetricAlarm> alarms = new ArrayList<>();
      for (MonitoringTopic t : MonitoringTopics.load()) {
        filters.add(metricFilter(t.id(), t.canonicalPattern()));
        alarms.add(metricAlarm(t.id()));
      }
      return new Alerting(
          Observed.known(filters),
          Observed.known(alarms),
          List.of(snsTopic(SNS, confirmed(SNS))),
          List.of());
    }

    /** The topic's alarm replaced by {@code replacements}. */
    Alerting alarm(String topic, MetricAlarm... replacements) {
      List<MetricAlarm> list = new ArrayList<>();
      for (MetricAlarm a : alarms.value()) {
        if (!a.alarmName().equals(alarmName(topic))) {
          list.add(a);
        }
      }
      list.addAll(List.of(replacements));
      return new Alerting(filters, Observed.known(list), snsTopics, otherGroups);
    }

    RegionSnapshot into(RegionSnapshot r) {
      List<LogGroup> groups = new ArrayList<>();
      groups.add(new LogGroup(TRAIL_GROUP_ARN, GROUP, filters));
      groups.addAll(otherGroups);
      return alerting(r, groups, alarms, snsTopics);
    }
  }

  private static RegionSnapshot alerting(
      RegionSnapshot r,
      List<LogGroup> groups,
      Observed<List<MetricAlarm>> alarms,
      List<SnsTopic> snsTopics) {
    return new RegionSnapshot(
        r.region(),
        r.trailArns(),
        groups,
        alarms,
        snsTopics,
        r.eventDataStores(),
        r.configRecorders(),
        r.configRules(),
        r.remediationConfigurations(),
        r.securityHub(),
        r.securityHubStandards(),
        r.glueTables());
  }

  /** {@code a} with its us-east-1 changed by {@code change}. */
  private static AccountSnapshot withUsEast(
      AccountSnapshot a, UnaryOperator<RegionSnapshot> change) {
    return withRegions(
        a, a.regions().stream().map(r -> r.region().equals(US) ? change.apply(r) : r).toList());
  }

  /** The management account seeing {@code trails}, with {@code alerting} in its us-east-1. */
  private static AccountSnapshot owner(Alerting alerting, Trail... trails) {
    return withUsEast(account(MGMT, trails), alerting::into);
  }

  /** The management account with the logging organization trail delivering to {@link #GROUP}. */
  private static AccountSnapshot owner(Alerting alerting) {
    return owner(alerting, cwTrail());
  }

  private static AccountSnapshot healthyOwner() {
    return owner(Alerting.healthy());
  }

  // ---------------------------------------------------------------- healthy baseline

  @Test
  void severitiesAndControls() {
    List<Finding> fs = run(healthyOwner());
    Finding logGroup = accountWide(fs, LOG_GROUP_RULE, MGMT, Status.PASS);
    assertThat(logGroup.severity()).isEqualTo(Severity.HIGH);
    assertThat(logGroup.controls())
        .contains(ControlRef.securityHub("CloudTrail.5"), ControlRef.cis("1.4.0", "3.4"));
    assertThat(onLogGroup(fs, rule(ROOT), MGMT, Status.PASS).controls())
        .contains(ControlRef.securityHub("CloudWatch.1"), ControlRef.cis("5.0.0", "4.3"));
    assertThat(onLogGroup(fs, rule(SECURITY_GROUPS), MGMT, Status.PASS).controls())
        .contains(ControlRef.securityHub("CloudWatch.10"), ControlRef.cis("6.0.0", "5.10"));
  }

  // ---------------------------------------------------------------- organization view

  @Nested
  class MemberAccounts {
    @Test
    void memberSeeingTheShadowTrailUsesTheOwnersDataAndPasses() {
      List<Finding> fs = run(healthyOwner(), account(MEMBER, shadow(cwTrail())));

      Finding logGroup = accountWide(fs, LOG_GROUP_RULE, MEMBER, Status.PASS);
      assertThat(logGroup.message()).contains("org-trail (" + TRAIL_ARN + ")");
      for (MonitoringTopic t : MonitoringTopics.load()) {
        Finding f = onLogGroup(fs, rule(t.id()), MEMBER, Status.PASS);
        assertThat(f.message()).contains("feeds alarm " + alarmName(t.id()));
      }
      // The owner's findings are still its own.
      onLogGroup(fs, rule(ROOT), MGMT, Status.PASS);
    }

    @Test
    void memberFindingsFollowTheOwnersFailures() {
      Alerting noRootAlarm = Alerting.healthy().alarm(ROOT);
      List<Finding> fs = run(owner(noRootAlarm), account(MEMBER, shadow(cwTrail())));
      Finding f = onLogGroup(fs, rule(ROOT), MEMBER, Status.FAIL);
      assertThat(f.message()).contains("no alarm watches its metric CISBenchmark/root-usage");
      assertThat(f.remediation())
          .contains("--namespace CISBenchmark --metric-name root-usage")
          .contains("--region us-east-1");
    }

    @Test
    void errorWhenTheOwnerIsNotAuditedAndTheLogGroupCannotBeRead() {
      // The member could read the trail's status, but the log group lives in the owner account.
      List<Finding> fs = run(account(MEMBER, cwTrail()));
      accountWide(fs, LOG_GROUP_RULE, MEMBER, Status.PASS);
      for (MonitoringTopic t : MonitoringTopics.load()) {
        Finding f = onLogGroup(fs, rule(t.id()), MEMBER, Status.ERROR);
        assertThat(f.message())
            .isEqualTo(
                "log group org-trail-logs (account "
                    + MGMT
                    + ", us-east-1) is not in the snapshot: include account "
                    + MGMT
                    + " in the audit to read it");
      }
    }

    @Test
    void errorWhenTheOwnerIsNotAuditedAndTheShadowTrailCannotBeRead() {
      List<Finding> fs = run(account(MEMBER, shadow(cwTrail())));
      Finding f = accountWide(fs, LOG_GROUP_RULE, MEMBER, Status.ERROR);
      assertThat(f.message())
          .contains("TrailNotFoundException")
          .contains("include that account in the audit");
      Finding topic = accountWide(fs, rule(ROOT), MEMBER, Status.ERROR);
      assertThat(topic.message())
          .startsWith("cannot tell which log group receives the events: ")
          .contains("organization trail owned by account " + MGMT)
          .contains("include that account in the audit");
    }

    @Test
    void memberWithItsOwnEmptyGroupAndAnUnreadableOrganizationTrailIsError() {
      // The member's own trail delivers to a group without filters; the organization trail's
      // group (in the owner account, not audited) might hold every alarm.
      String memberGroup = "arn:aws:logs:us-east-1:" + MEMBER + ":log-group:member-logs";
      Trail own =
          withLogGroup(
              withFlags(regionalTrail(MEMBER, US, "member-trail"), true, false, true, true),
              memberGroup + ":*");
      AccountSnapshot member =
          withUsEast(
              account(MEMBER, shadow(cwTrail()), own),
              r ->
                  alerting(
                      r,
                      List.of(
                          new LogGroup(
                              memberGroup + ":*", "member-logs", Observed.known(List.of()))),
                      Observed.known(List.of()),
                      List.of()));
      List<Finding> fs = run(member);
      accountWide(fs, LOG_GROUP_RULE, MEMBER, Status.PASS);
      Finding f = only(fs, rule(ROOT), MEMBER, Status.ERROR);
      assertThat(f.resourceArn()).isEqualTo(memberGroup);
      assertThat(f.message())
          .startsWith(
              "no metric filter on log group member-logs matches Usage of the root user: it has"
                  + " no metric filters; another trail's log group may count, but cannot tell: ")
          .contains("TrailNotFoundException")
          .contains("organization trail owned by account " + MGMT)
          .contains("include that account in the audit");
    }
  }

  /**
   * 11.4: the chain must hold in value, so that one matching event notifies. The statistic,
   * operator and threshold variants are generated here; the single cases are in alarm-value.yaml.
   */
  @Nested
  class AlarmValue {
    private Finding withAlarm(MetricAlarm alarm, Status status) {
      return topicFinding(a -> a.alarm(ROOT, alarm), ROOT, status);
    }

    @ParameterizedTest
    @CsvSource({
      "Sum, GreaterThanOrEqualToThreshold, 1",
      "Sum, GreaterThanThreshold, 0",
      "Sum, GreaterThanThreshold, 0.5",
      "SampleCount, GreaterThanOrEqualToThreshold, 1",
      "Maximum, GreaterThanOrEqualToThreshold, 1",
      "Average, GreaterThanThreshold, 0",
      "Minimum, GreaterThanOrEqualToThreshold, 1",
    })
    void oneEventBreachesTheseAlarms(String statistic, String operator, double threshold) {
      withAlarm(
          rootAlarm(statistic, operator, threshold, 1, Observed.known(EVALUATION)), Status.PASS);
    }

    @ParameterizedTest
    @CsvSource({
      "Sum, GreaterThanOrEqualToThreshold, 2, 'Sum of one matching event is 1, which is not at or above 2'",
      "Sum, GreaterThanThreshold, 1, 'Sum of one matching event is 1, which is not above 1'",
      "SampleCount, GreaterThanThreshold, 1, 'SampleCount of one matching event is 1, which is not above 1'",
      "Sum, LessThanThreshold, 0, 'LessThanThreshold 0 on Sum breaches when events stop, not when one happens'",
      "Sum, LessThanOrEqualToThreshold, 1, 'LessThanOrEqualToThreshold 1 on Sum breaches when events stop'",
    })
    void oneEventNeverBreachesThese(
        String statistic, String operator, double threshold, String why) {
      Finding f =
          withAlarm(
              rootAlarm(statistic, operator, threshold, 1, Observed.known(EVALUATION)),
              Status.FAIL);
      assertThat(f.message())
          .startsWith(
              "alarm cis-root-usage on CISBenchmark/root-usage can never notify of one matching"
                  + " event: ")
          .contains(why);
      assertThat(f.remediation())
          .contains("put-metric-alarm --alarm-name cis-root-usage --namespace CISBenchmark")
          .contains("--datapoints-to-alarm 1");
    }
  }
}
