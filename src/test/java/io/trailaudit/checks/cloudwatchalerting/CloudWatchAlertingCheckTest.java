package io.trailaudit.checks.cloudwatchalerting;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
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
import io.trailaudit.model.TrailStatus;
import io.trailaudit.testing.Catalogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Java for the alarm-statistic and filter-pattern parameterized variants and the owner/member
 * cases; the remaining single cases are not yet converted to data under
 * checks/cloudwatch-alerting/.
 */
class CloudWatchAlertingCheckTest {
  private static final String LOG_GROUP_RULE = "cloudwatch-alerting/log-group";
  private static final String ROOT = "root-usage";
  private static final String IAM = "iam-policy-changes";
  private static final String SECURITY_GROUPS = "security-group-changes";
  private static final String UNAUTHORIZED = "unauthorized-api-calls";

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

  private static TrailStatus cloudWatchDelivery(Instant at, String error) {
    return new TrailStatus(
        true,
        NOW.minusSeconds(600),
        null,
        NOW.minusSeconds(1800),
        null,
        at,
        error,
        Instant.parse("2024-01-01T00:00:00Z"),
        null);
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

  private static Observed<MetricAlarm.Evaluation> evaluation(
      String extended, Integer datapoints, String missing, java.util.Map<String, String> dims) {
    return Observed.known(
        new MetricAlarm.Evaluation(extended, datapoints, missing, dims, null, false));
  }

  /** The root-usage filter publishing {@code value} with {@code defaultValue}. */
  private static MetricFilter rootFilter(
      String value, java.util.Map<String, String> dims, Double defaultValue) {
    return new MetricFilter(
        ROOT,
        canonical(ROOT),
        List.of(
            new MetricTransformation(ROOT, NAMESPACE, value, dims, Observed.known(defaultValue))));
  }

  private static MetricAlarm metricAlarm(String topic) {
    return metricAlarm(alarmName(topic), NAMESPACE, topic, true, List.of(SNS));
  }

  private static Subscription confirmed(String topicArn) {
    return new Subscription(
        topicArn + ":0b7c1a5e-1f0e-4a8b-9d2c-3e4f5a6b7c8d", "email", "security@example.com");
  }

  private static Subscription pending() {
    return new Subscription("PendingConfirmation", "email", "security@example.com");
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

    /** The topic's filter replaced by {@code replacement}, or removed when it is null. */
    Alerting filter(String topic, MetricFilter replacement) {
      List<MetricFilter> list = new ArrayList<>();
      for (MetricFilter f : filters.value()) {
        if (!f.name().equals(topic)) {
          list.add(f);
        } else if (replacement != null) {
          list.add(replacement);
        }
      }
      return new Alerting(Observed.known(list), alarms, snsTopics, otherGroups);
    }

    Alerting pattern(String topic, String pattern) {
      return filter(topic, metricFilter(topic, pattern));
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

    Alerting filters(Observed<List<MetricFilter>> value) {
      return new Alerting(value, alarms, snsTopics, otherGroups);
    }

    Alerting alarms(Observed<List<MetricAlarm>> value) {
      return new Alerting(filters, value, snsTopics, otherGroups);
    }

    Alerting sns(SnsTopic... topics) {
      return new Alerting(filters, alarms, List.of(topics), otherGroups);
    }

    /** Another log group in the region, beside {@link #GROUP}. */
    Alerting plusGroup(LogGroup group) {
      List<LogGroup> list = new ArrayList<>(otherGroups);
      list.add(group);
      return new Alerting(filters, alarms, snsTopics, list);
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

  // ---------------------------------------------------------------- log-group

  // ---------------------------------------------------------------- another trail unreadable

  /**
   * A second multi-region trail whose status could not be read might qualify: it makes a finding
   * ERROR only where its log group could change the outcome, never a false FAIL.
   */
  @Nested
  class AnotherTrailUnreadable {
    private static final String OTHER_GROUP_ARN =
        "arn:aws:logs:us-east-1:" + MGMT + ":log-group:other-logs";
    private static final String OTHER_ARN = "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/other";

    /** Another multi-region trail of the owner whose status could not be read. */
    private Trail unreadable(String logGroupArn) {
      return withStatus(
          withLogGroup(
              withFlags(regionalTrail(MGMT, US, "other"), true, false, true, true), logGroupArn),
          denied("cloudtrail", "GetTrailStatus"));
    }

    /** The organization trail delivering to other-logs, a group with no metric filters. */
    private List<Finding> orgTrailOnAnEmptyGroupBeside(Alerting alerting, Trail other) {
      Trail org = withLogGroup(orgTrail(), OTHER_GROUP_ARN + ":*");
      Alerting a =
          alerting.plusGroup(
              new LogGroup(OTHER_GROUP_ARN + ":*", "other-logs", Observed.known(List.of())));
      return run(owner(a, org, other));
    }

    @Test
    void anUnreadableTrailWithoutALogGroupLeavesTheFailStanding() {
      List<Finding> fs = run(owner(Alerting.healthy(), orgTrail(), unreadable(null)));
      Finding f = accountWide(fs, LOG_GROUP_RULE, MGMT, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "no multi-region trail delivers to CloudWatch Logs: org-trail does not deliver to"
                  + " CloudWatch Logs");
      assertThat(f.remediation()).contains("update-trail --name " + TRAIL_ARN);
      assertThat(accountWide(fs, rule(ROOT), MGMT, Status.FAIL).remediation())
          .contains("fix cloudwatch-alerting/log-group first");
    }

    @Test
    void anUnreadableTrailWithALogGroupMakesTheLogGroupUncertain() {
      List<Finding> fs =
          run(owner(Alerting.healthy(), orgTrail(), unreadable(OTHER_GROUP_ARN + ":*")));
      Finding f = accountWide(fs, LOG_GROUP_RULE, MGMT, Status.ERROR);
      assertThat(f.message())
          .isEqualTo(
              "cannot tell whether a multi-region trail delivers to CloudWatch Logs: status of"
                  + " trail other ("
                  + OTHER_ARN
                  + ") could not be read: cloudtrail:GetTrailStatus failed: AccessDeniedException"
                  + " (not authorized)");
      assertThat(accountWide(fs, rule(ROOT), MGMT, Status.ERROR).message())
          .startsWith("cannot tell which log group receives the events: status of trail other");
    }

    @Test
    void aTopicFailingOnTheTrailsGroupIsErrorWhenTheUnreadableTrailsGroupWouldPass() {
      List<Finding> fs =
          orgTrailOnAnEmptyGroupBeside(Alerting.healthy(), unreadable(TRAIL_GROUP_ARN));
      accountWide(fs, LOG_GROUP_RULE, MGMT, Status.PASS);
      Finding f = only(fs, rule(ROOT), MGMT, Status.ERROR);
      assertThat(f.region()).isEqualTo(US);
      assertThat(f.resourceArn()).isEqualTo(OTHER_GROUP_ARN);
      assertThat(f.message())
          .isEqualTo(
              "no metric filter on log group other-logs matches Usage of the root user: it has no"
                  + " metric filters; another trail's log group may count, but cannot tell: status"
                  + " of trail other ("
                  + OTHER_ARN
                  + ") could not be read: cloudtrail:GetTrailStatus failed: AccessDeniedException"
                  + " (not authorized)");
    }

    @Test
    void aTopicFailingOnBothGroupsStillFails() {
      List<Finding> fs =
          orgTrailOnAnEmptyGroupBeside(
              Alerting.healthy().filter(ROOT, null), unreadable(TRAIL_GROUP_ARN));
      Finding f = only(fs, rule(ROOT), MGMT, Status.FAIL);
      assertThat(f.resourceArn()).isEqualTo(OTHER_GROUP_ARN);
      assertThat(f.message())
          .isEqualTo(
              "no metric filter on log group other-logs matches Usage of the root user: it has no"
                  + " metric filters");
      assertThat(f.remediation()).contains("--log-group-name other-logs");
      // Topics the unreadable trail's group would pass are ERROR, not FAIL.
      only(fs, rule(IAM), MGMT, Status.ERROR);
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

  // ---------------------------------------------------------------- metric-filter/<topic>

  @Nested
  class MetricFilterRequirement {

    @Test
    void failsWhenAndStandsWhereOrBelongsInTheUnauthorizedCallsPattern() {
      Finding f =
          topicFinding(
              a ->
                  a.pattern(
                      UNAUTHORIZED,
                      "{($.errorCode=\"*UnauthorizedOperation\") && ($.errorCode=\"AccessDenied*\")}"),
              UNAUTHORIZED,
              Status.FAIL);
      // A pattern matching none of the topic's events is not a near miss: the message counts the
      // filters rather than naming the filter and the events it misses.
      assertThat(f.message())
          .isEqualTo(
              "no metric filter on log group org-trail-logs matches Unauthorized API calls: none"
                  + " of its 15 metric filters matches any of the topic's events");
      assertThat(f.remediation())
          .contains("--filter-pattern '" + canonical(UNAUTHORIZED) + "'")
          .contains("--log-group-name org-trail-logs");
    }

    @Test
    void failsWithAMisspeltEventName() {
      String pattern =
          canonical(IAM).replace("$.eventName=PutUserPolicy)", "$.eventName=PutUserPolicyy)");
      Finding f = topicFinding(a -> a.pattern(IAM, pattern), IAM, Status.FAIL);
      assertThat(f.message())
          .endsWith(
              "filter iam-policy-changes: IAM policy changes: the pattern does not match"
                  + " PutUserPolicy.");
    }

    @Test
    void failsWhenThePatternMissesAnEvent() {
      String pattern = canonical(IAM).replace("||($.eventName=DetachGroupPolicy)", "");
      assertThat(pattern).doesNotContain("DetachGroupPolicy");
      Finding f = topicFinding(a -> a.pattern(IAM, pattern), IAM, Status.FAIL);
      assertThat(f.message())
          .endsWith(
              "filter iam-policy-changes: IAM policy changes: the pattern does not match"
                  + " DetachGroupPolicy.");
    }

    @Test
    void failsWithThePreCis5SecurityGroupPattern() {
      String older =
          topic(SECURITY_GROUPS).variants().stream()
              .filter(v -> v.source().startsWith("Security Hub CloudWatch.10"))
              .findFirst()
              .orElseThrow()
              .pattern();
      Finding f =
          topicFinding(a -> a.pattern(SECURITY_GROUPS, older), SECURITY_GROUPS, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "no metric filter on log group org-trail-logs matches Security group changes: filter"
                  + " security-group-changes: Security group changes: the pattern does not match"
                  + " ModifySecurityGroupRules.");
      assertThat(f.remediation()).contains("($.eventName = ModifySecurityGroupRules)");
    }

    @Test
    void failsWhenTheUnauthorizedPatternLacksItsWildcards() {
      Finding f =
          topicFinding(
              a ->
                  a.pattern(
                      UNAUTHORIZED,
                      "{ ($.errorCode = \"UnauthorizedOperation\") || ($.errorCode ="
                          + " \"AccessDenied\") }"),
              UNAUTHORIZED,
              Status.FAIL);
      assertThat(f.message())
          .contains(
              "filter unauthorized-api-calls: Unauthorized API calls: the pattern does not match"
                  + " RunInstances and Decrypt.");
    }

    @Test
    void failsWhenThePatternAlsoMatchesBenignEvents() {
      Finding f =
          topicFinding(
              a -> a.pattern(UNAUTHORIZED, "{ $.errorCode = * }"), UNAUTHORIZED, Status.FAIL);
      assertThat(f.message())
          .contains(
              "filter unauthorized-api-calls: Unauthorized API calls: the pattern matches benign"
                  + " DescribeVolumes.");
    }

    /** The filter-pattern finding of the management account on the trail's log group. */
    private Finding filterPatternFinding(UnaryOperator<Alerting> change) {
      return onLogGroup(
          run(owner(change.apply(Alerting.healthy()))),
          "cloudwatch-alerting/filter-pattern",
          MGMT,
          Status.ERROR);
    }

    @Test
    void anUnparseableFilterLeavesEveryOtherTopicAsItIs() {
      // Before, one broken filter turned every unmet topic of the log group into ERROR.
      List<Finding> fs =
          run(
              owner(
                  Alerting.healthy()
                      .pattern(SECURITY_GROUPS, "{ broken")
                      .filter(ROOT, null)
                      .alarm(IAM)));
      assertThat(only(fs, rule(ROOT), MGMT, Status.FAIL).message())
          .contains("not counted: filter security-group-changes, whose pattern");
      assertThat(only(fs, rule(IAM), MGMT, Status.FAIL).message())
          .contains("no alarm watches its metric");
      assertThat(only(fs, rule(UNAUTHORIZED), MGMT, Status.PASS).message()).contains("feeds alarm");
      assertThat(fs.stream().filter(x -> x.status() == Status.ERROR))
          .extracting(Finding::ruleId)
          .containsExactly("cloudwatch-alerting/filter-pattern");
    }

    @Test
    void aTermPatternIsItsOwnError() {
      UnaryOperator<Alerting> change = a -> a.pattern(ROOT, "Root");
      assertThat(filterPatternFinding(change).message())
          .contains("filter root-usage has a pattern trailaudit cannot evaluate: ")
          .contains("only JSON filter patterns")
          .contains("at position 0");
      topicFinding(change, ROOT, Status.FAIL);
    }

    @Test
    void aRegexOutsideTheDocumentedSubsetIsItsOwnError() {
      UnaryOperator<Alerting> change = a -> a.pattern(ROOT, "{ $.userIdentity.type = %\\bRoot% }");
      assertThat(filterPatternFinding(change).message())
          .contains("the escape \\b in a regular expression cannot be evaluated");
      topicFinding(change, ROOT, Status.FAIL);
    }

    @Test
    void aRegexPatternIsEvaluatedLikeAnyOther() {
      String regex =
          "{ $.userIdentity.type = %^Root$% && $.userIdentity.invokedBy NOT EXISTS"
              + " && $.eventType != \"AwsServiceEvent\" }";
      List<Finding> fs = run(owner(Alerting.healthy().pattern(ROOT, regex)));
      only(fs, rule(ROOT), MGMT, Status.PASS);
      assertThat(fs).noneMatch(x -> x.ruleId().equals("cloudwatch-alerting/filter-pattern"));
    }

    @Test
    void failsWhenThePatternHasAHoleTheSamplesDoNotShow() {
      String canonical = canonical(ROOT).trim();
      String holed =
          canonical.substring(0, canonical.lastIndexOf('}'))
              + " && $.sourceIPAddress != \"192.0.2.44\" }";
      Finding f = topicFinding(a -> a.pattern(ROOT, holed), ROOT, Status.FAIL);
      assertThat(f.message())
          .startsWith("no metric filter on log group " + GROUP + " matches Usage of the root user:")
          .contains("filter root-usage: Usage of the root user: the pattern drops ")
          .contains("sourceIPAddress = \"192.0.2.44\"");
    }

    @Test
    void anUnparseableFilterDoesNotMatterWhenAnotherFilterSatisfiesTheTopic() {
      Finding f = topicFinding(a -> a.pattern(SECURITY_GROUPS, "{ broken"), ROOT, Status.PASS);
      assertThat(f.message()).contains("feeds alarm");
    }

    @Test
    void aFilterWithoutAPatternIsItsOwnError() {
      UnaryOperator<Alerting> change = a -> a.pattern(ROOT, null);
      assertThat(filterPatternFinding(change).message())
          .contains("filter root-usage has no filter pattern in the snapshot");
      assertThat(topicFinding(change, ROOT, Status.FAIL).message())
          .contains("not counted: filter root-usage, whose pattern");
    }

    @Test
    void noFilterPatternFindingWhenEveryPatternParses() {
      assertThat(run(healthyOwner()))
          .noneMatch(x -> x.ruleId().equals("cloudwatch-alerting/filter-pattern"));
    }
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
  }

  /** 11.4: the chain must hold in value, so that one matching event notifies. */
  @Nested
  class AlarmValue {
    private static final String GE = "GreaterThanOrEqualToThreshold";
    private static final String GT = "GreaterThanThreshold";
    private static final java.util.Map<String, String> NONE = java.util.Map.of();

    private Finding withAlarm(MetricAlarm alarm, Status status) {
      return topicFinding(a -> a.alarm(ROOT, alarm), ROOT, status);
    }

    private Finding with(MetricFilter filter, MetricAlarm alarm, Status status) {
      return topicFinding(a -> a.filter(ROOT, filter).alarm(ROOT, alarm), ROOT, status);
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

    @Test
    void aZeroOrNegativeMetricValueAddsNothing() {
      MetricAlarm alarm = rootAlarm("Sum", GE, 1, 1, Observed.known(EVALUATION));
      assertThat(with(rootFilter("0", NONE, null), alarm, Status.FAIL).message())
          .contains("the filter publishes metric value 0, so a match adds nothing");
      assertThat(with(rootFilter("-1", NONE, null), alarm, Status.FAIL).message())
          .contains("metric value -1");
    }

    @Test
    void aMetricValueTakenFromTheEventCannotBeJudged() {
      Finding f =
          with(
              rootFilter("$.requestParameters.count", NONE, null),
              rootAlarm("Sum", GE, 1, 1, Observed.known(EVALUATION)),
              Status.ERROR);
      assertThat(f.message())
          .contains("the filter publishes $.requestParameters.count taken from each event");
    }

    @Test
    void aDefaultValueOfZeroDragsAverageAndMinimumDown() {
      // Log events the pattern does not match publish 0: the period's Average may be far below 1.
      MetricFilter filter = rootFilter("1", NONE, 0.0);
      assertThat(
              with(filter, rootAlarm("Average", GE, 1, 1, Observed.known(EVALUATION)), Status.FAIL)
                  .message())
          .contains(
              "Average of one matching event is 0 (with default value 0), which is not at or"
                  + " above 1");
      with(filter, rootAlarm("Minimum", GT, 0, 1, Observed.known(EVALUATION)), Status.FAIL);
      with(filter, rootAlarm("Sum", GE, 1, 1, Observed.known(EVALUATION)), Status.PASS);
      with(filter, rootAlarm("Maximum", GE, 1, 1, Observed.known(EVALUATION)), Status.PASS);
    }

    @Test
    void percentilesAreTheValueWithoutADefault() {
      withAlarm(rootAlarm(null, GE, 1, 1, evaluation("p99", null, null, NONE)), Status.PASS);
      with(
          rootFilter("1", NONE, 0.0),
          rootAlarm(null, GE, 1, 1, evaluation("p50", null, null, NONE)),
          Status.FAIL);
    }

    @Test
    void moreThanOneBreachingPeriodNeverComesFromOneEvent() {
      assertThat(
              withAlarm(rootAlarm("Sum", GE, 1, 3, Observed.known(EVALUATION)), Status.FAIL)
                  .message())
          .contains("it needs 3 breaching periods out of 3, and one event gives one");
      assertThat(
              withAlarm(rootAlarm("Sum", GE, 1, 5, evaluation(null, 2, null, NONE)), Status.FAIL)
                  .message())
          .contains("it needs 2 breaching periods out of 5");
      withAlarm(rootAlarm("Sum", GE, 1, 5, evaluation(null, 1, null, NONE)), Status.PASS);
    }

    @Test
    void missingDataTreatedAsBreachingOrIgnoredHidesEvents() {
      assertThat(
              withAlarm(
                      rootAlarm("Sum", GE, 1, 1, evaluation(null, null, "breaching", NONE)),
                      Status.FAIL)
                  .message())
          .contains("treats missing data as breaching");
      assertThat(
              withAlarm(
                      rootAlarm("Sum", GE, 1, 1, evaluation(null, null, "ignore", NONE)),
                      Status.FAIL)
                  .message())
          .contains("after the first event it stays in ALARM");
      withAlarm(
          rootAlarm("Sum", GE, 1, 1, evaluation(null, null, "notBreaching", NONE)), Status.PASS);
      withAlarm(rootAlarm("Sum", GE, 1, 1, evaluation(null, null, "missing", NONE)), Status.PASS);
      // With a default value of 0, quiet periods publish an OK datapoint: ignore is harmless.
      with(
          rootFilter("1", NONE, 0.0),
          rootAlarm("Sum", GE, 1, 1, evaluation(null, null, "ignore", NONE)),
          Status.PASS);
    }

    @Test
    void dimensionsMustMatchAndADimensionedMetricHasHoles() {
      assertThat(
              withAlarm(
                      rootAlarm(
                          "Sum",
                          GE,
                          1,
                          1,
                          evaluation(null, null, null, java.util.Map.of("Region", "us-east-1"))),
                      Status.FAIL)
                  .message())
          .contains("which the filter never publishes");
      assertThat(
              with(
                      rootFilter("1", java.util.Map.of("SourceIp", "$.sourceIPAddress"), null),
                      rootAlarm(
                          "Sum",
                          GE,
                          1,
                          1,
                          evaluation(null, null, null, java.util.Map.of("SourceIp", "192.0.2.1"))),
                      Status.FAIL)
                  .message())
          .contains("dimensions SourceIp taken from the events")
          .contains("events with other values raise nothing");
    }

    @Test
    void errorWhenTheEvaluationSettingsWereNotCollected() {
      Finding f =
          withAlarm(
              rootAlarm("Sum", GE, 1, 1, Observed.notCollected("alarm evaluation settings")),
              Status.ERROR);
      assertThat(f.message())
          .contains("cannot tell whether alarm cis-root-usage on CISBenchmark/root-usage fires")
          .contains("alarm evaluation settings is not in the snapshot");
    }

    @Test
    void errorWhenTheDefaultValueWasNotCollected() {
      Finding f =
          with(
              new MetricFilter(
                  ROOT,
                  canonical(ROOT),
                  List.of(
                      new MetricTransformation(
                          ROOT,
                          NAMESPACE,
                          "1",
                          NONE,
                          Observed.notCollected("metric default value")))),
              rootAlarm("Sum", GE, 1, 1, Observed.known(EVALUATION)),
              Status.ERROR);
      assertThat(f.message()).contains("the filter's default value is unavailable");
    }

    @Test
    void metricMathAndAnomalyBandsAreNotEvaluated() {
      Finding f =
          withAlarm(
              rootAlarm(
                  "Sum",
                  "GreaterThanUpperThreshold",
                  1,
                  1,
                  Observed.known(new MetricAlarm.Evaluation(null, null, null, NONE, "ad1", false))),
              Status.ERROR);
      assertThat(f.message()).contains("anomaly-detection band");
    }

    @Test
    void aWorkingAlarmBesideOneThatNeverFiresPasses() {
      Finding f =
          topicFinding(
              a ->
                  a.alarm(
                      ROOT,
                      rootAlarm("Sum", "LessThanThreshold", 0, 1, Observed.known(EVALUATION)),
                      metricAlarm(ROOT)),
              ROOT,
              Status.PASS);
      assertThat(f.message()).contains("feeds alarm cis-root-usage");
    }
  }

  /** 11.4: CloudWatch must be able to publish to the topic's key. */
  @Nested
  class TopicKey {
    private static final String KEY =
        "arn:aws:kms:us-east-1:" + MGMT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private SnsTopic encrypted(String keyId, Observed<io.trailaudit.model.KmsKey> key) {
      return new SnsTopic(
          SNS,
          Observed.known(new SnsTopic.Attributes(MGMT, 1, 0, keyId)),
          Observed.known(List.of(confirmed(SNS))),
          key);
    }

    private Observed<io.trailaudit.model.KmsKey> customerKey(String policy) {
      return Observed.known(
          new io.trailaudit.model.KmsKey(
              KEY,
              Observed.known(
                  new io.trailaudit.model.KmsKey.KeyMetadata(
                      "1234abcd-12ab-34cd-56ef-1234567890ab",
                      KEY,
                      MGMT,
                      "CUSTOMER",
                      "Enabled",
                      "SYMMETRIC_DEFAULT",
                      "ENCRYPT_DECRYPT",
                      "AWS_KMS",
                      false)),
              Observed.known(true),
              Observed.known(policy),
              null));
    }

    private static String policy(String condition) {
      return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"},\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey*\"],\"Resource\":\"*\""
          + condition
          + "}]}";
    }

    @Test
    void theAwsManagedSnsKeyNeverReceivesAlarms() {
      Finding f =
          topicFinding(
              a -> a.sns(encrypted("alias/aws/sns", Observed.known(null))), ROOT, Status.FAIL);
      assertThat(f.message())
          .contains("cannot notify its SNS topic")
          .contains("encrypted with the AWS managed key alias/aws/sns");
      assertThat(f.remediation()).contains("set-topic-attributes --topic-arn " + SNS);
    }

    @Test
    void aCustomerKeyAllowingCloudWatchPasses() {
      topicFinding(a -> a.sns(encrypted(KEY, customerKey(policy("")))), ROOT, Status.PASS);
      String scoped = ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + MGMT + "\"}}";
      topicFinding(a -> a.sns(encrypted(KEY, customerKey(policy(scoped)))), ROOT, Status.PASS);
    }

    @Test
    void aCustomerKeyNotAllowingCloudWatchFails() {
      String otherAccount =
          ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"999999999999\"}}";
      Finding f =
          topicFinding(
              a -> a.sns(encrypted(KEY, customerKey(policy(otherAccount)))), ROOT, Status.FAIL);
      assertThat(f.message()).contains("does not allow cloudwatch.amazonaws.com kms:Decrypt");
    }

    @Test
    void errorWhenTheKeyWasNotReadOrTheAttributesAreUnavailable() {
      assertThat(
              topicFinding(
                      a -> a.sns(encrypted(KEY, Observed.notCollected("topic key"))),
                      ROOT,
                      Status.ERROR)
                  .message())
          .contains("its key " + KEY + " was not read");
      SnsTopic unreadable =
          new SnsTopic(
              SNS,
              denied("sns", "GetTopicAttributes"),
              Observed.known(List.of(confirmed(SNS))),
              denied("sns", "GetTopicAttributes"));
      assertThat(topicFinding(a -> a.sns(unreadable), ROOT, Status.ERROR).message())
          .contains("its attributes (KmsMasterKeyId) could not be read");
    }
  }
}
