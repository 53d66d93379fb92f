package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.trailaudit.collect.AwsWire.CLOUDWATCH_XMLNS;
import static io.trailaudit.collect.AwsWire.SNS_XMLNS;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.form;
import static io.trailaudit.collect.AwsWire.json;
import static io.trailaudit.collect.AwsWire.jsonError;
import static io.trailaudit.collect.AwsWire.jsonOk;
import static io.trailaudit.collect.AwsWire.query;
import static io.trailaudit.collect.AwsWire.queryError;
import static io.trailaudit.collect.AwsWire.xmlOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogGroup.MetricFilter;
import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.SnsTopic.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertingReaderTest extends WireMockReaderTest {
  static final String GROUP = "aws-cloudtrail-logs-111111111111-org";
  static final String GROUP_ARN = "arn:aws:logs:us-east-1:111111111111:log-group:" + GROUP + ":*";
  static final String SECURITY_ALERTS = "arn:aws:sns:us-east-1:111111111111:security-alerts";
  static final String OPS_PAGER = "arn:aws:sns:us-east-1:111111111111:ops-pager";

  private AlertingReader reader() {
    return new AlertingReader(
        client(AwsService.LOGS),
        client(AwsService.CLOUDWATCH),
        client(AwsService.SNS),
        client(AwsService.KMS));
  }

  private static MappingBuilder metricFilters() {
    return json("Logs_20140328.DescribeMetricFilters");
  }

  private void stubTwoPagesOfFilters() {
    server.stubFor(
        metricFilters().willReturn(jsonOk(fixture("logs/describe-metric-filters-page1.json"))));
    server.stubFor(
        metricFilters()
            .withRequestBody(
                matchingJsonPath("$.nextToken", equalTo("eyJuZXh0IjoiY29uc29sZS1uby1tZmEifQ==")))
            .atPriority(1)
            .willReturn(jsonOk(fixture("logs/describe-metric-filters-page2.json"))));
  }

  private static MappingBuilder alarmsFor(String metricName) {
    return query("DescribeAlarmsForMetric")
        .withRequestBody(containing(form("MetricName", metricName)));
  }

  private void stubAlarms() {
    server.stubFor(
        alarmsFor("UnauthorizedAPICalls")
            .willReturn(xmlOk(fixture("cloudwatch/describe-alarms-for-metric-unauthorized.xml"))));
    server.stubFor(
        alarmsFor("RootAccountUsage")
            .willReturn(xmlOk(fixture("cloudwatch/describe-alarms-for-metric-root.xml"))));
    server.stubFor(
        alarmsFor("ConsoleSigninWithoutMFA")
            .willReturn(xmlOk(fixture("cloudwatch/describe-alarms-for-metric-empty.xml"))));
  }

  private static LogGroup group(String name, MetricFilter... filters) {
    return new LogGroup(
        "arn:aws:logs:us-east-1:111111111111:log-group:" + name + ":*",
        name,
        Observed.known(List.of(filters)));
  }

  private static MetricFilter filter(String name, String namespace, String metric) {
    return new MetricFilter(
        name, "{ $.eventName = \"x\" }", List.of(new MetricTransformation(metric, namespace, "1")));
  }

  @Nested
  class MetricFilters {
    @Test
    void allPagesAreReadIntoTheLogGroup() {
      stubTwoPagesOfFilters();

      LogGroup group = reader().logGroup(GROUP_ARN);

      assertThat(group.arn()).isEqualTo(GROUP_ARN);
      assertThat(group.name()).isEqualTo(GROUP);
      assertThat(group.metricFilters().value())
          .containsExactly(
              new MetricFilter(
                  "unauthorized-api-calls",
                  "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")"
                      + " }",
                  List.of(
                      new MetricTransformation(
                          "UnauthorizedAPICalls",
                          "CISBenchmark",
                          "1",
                          Map.of(),
                          Observed.known(0.0)))),
              new MetricFilter(
                  "root-usage",
                  "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS &&"
                      + " $.eventType != \"AwsServiceEvent\" }",
                  List.of(new MetricTransformation("RootAccountUsage", "CISBenchmark", "1"))),
              new MetricFilter(
                  "console-signin-no-mfa",
                  "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\")"
                      + " }",
                  List.of(
                      new MetricTransformation(
                          "ConsoleSigninWithoutMFA",
                          "CISBenchmark",
                          "1",
                          Map.of("SourceIp", "$.sourceIPAddress"),
                          Observed.known(null)))));
      assertThat(log.callsByOperation()).isEqualTo(Map.of("logs:DescribeMetricFilters", 2L));
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(equalToJson("{\"logGroupName\":\"" + GROUP + "\"}")));
    }

    @Test
    void accessDeniedIsUnavailableOnTheFilters() {
      server.stubFor(
          metricFilters()
              .willReturn(
                  jsonError(
                      400,
                      "AccessDeniedException",
                      "User is not authorized to perform: logs:DescribeMetricFilters")));

      LogGroup group = reader().logGroup(GROUP_ARN);

      assertThat(group.name()).isEqualTo(GROUP);
      assertThat(group.metricFilters().failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "logs",
                  "DescribeMetricFilters",
                  "AccessDeniedException",
                  "User is not authorized to perform: logs:DescribeMetricFilters"));
      assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aFailureOnTheSecondPageMakesTheWholeListUnavailable() {
      server.stubFor(
          metricFilters().willReturn(jsonOk(fixture("logs/describe-metric-filters-page1.json"))));
      server.stubFor(
          metricFilters()
              .withRequestBody(matchingJsonPath("$.nextToken"))
              .atPriority(1)
              .willReturn(jsonError(400, "InvalidParameterException", "bad token")));

      LogGroup group = reader().logGroup(GROUP_ARN);

      assertThat(group.metricFilters().failure().errorCode())
          .isEqualTo("InvalidParameterException");
    }

    @Test
    void throttlingIsRetriedThenRead() {
      AwsWire.firstThen(
          server,
          AlertingReaderTest::metricFilters,
          jsonError(400, "ThrottlingException", "Rate exceeded"),
          jsonOk(fixture("logs/describe-metric-filters-page2.json")));

      LogGroup group =
          new AlertingReader(
                  standardRetries(AwsService.LOGS),
                  client(AwsService.CLOUDWATCH),
                  client(AwsService.SNS),
                  client(AwsService.KMS))
              .logGroup(GROUP_ARN);

      assertThat(group.metricFilters().value())
          .extracting(MetricFilter::name)
          .containsExactly("console-signin-no-mfa");
      assertThat(log.calls()).isEqualTo(1);
      assertThat(log.attempts()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsUnavailableAfterRetries() {
      server.stubFor(
          metricFilters()
              .willReturn(
                  jsonError(500, "ServiceUnavailableException", "The service is unavailable")));

      LogGroup group = reader().logGroup(GROUP_ARN);

      assertThat(group.metricFilters().failure().errorCode())
          .isEqualTo("ServiceUnavailableException");
      assertThat(log.attempts()).isEqualTo(3);
    }

    @Test
    void aMalformedBodyIsUnavailable() {
      server.stubFor(metricFilters().willReturn(jsonOk("{\"metricFilters\": [{\"filterName\": ")));

      LogGroup group = reader().logGroup(GROUP_ARN);

      assertThat(group.metricFilters().failure().errorCode()).isEqualTo("ClientError");
    }

    @Test
    void aTimeoutIsUnavailable() {
      server.stubFor(
          metricFilters()
              .willReturn(
                  jsonOk(fixture("logs/describe-metric-filters-page2.json")).withFixedDelay(400)));

      LogGroup group =
          new AlertingReader(
                  impatient(AwsService.LOGS),
                  client(AwsService.CLOUDWATCH),
                  client(AwsService.SNS),
                  client(AwsService.KMS))
              .logGroup(GROUP_ARN);

      assertThat(group.metricFilters().failure().errorCode()).isEqualTo("Timeout");
    }
  }

  @Nested
  class Alarms {
    @Test
    void oneCallPerMetricAndEachAlarmOnce() {
      stubAlarms();
      LogGroup trailGroup =
          group(
              GROUP,
              filter("unauthorized-api-calls", "CISBenchmark", "UnauthorizedAPICalls"),
              filter("root-usage", "CISBenchmark", "RootAccountUsage"),
              filter("console-signin-no-mfa", "CISBenchmark", "ConsoleSigninWithoutMFA"));
      // A second trail group publishing the same metric: no second call for it.
      LogGroup other =
          group("other", filter("unauthorized-copy", "CISBenchmark", "UnauthorizedAPICalls"));

      Observed<List<MetricAlarm>> alarms = reader().alarms(List.of(trailGroup, other));

      assertThat(alarms.value())
          .extracting(MetricAlarm::alarmName)
          .containsExactly("unauthorized-api-calls", "security-catch-all", "root-usage");
      assertThat(alarms.value().get(0))
          .isEqualTo(
              new MetricAlarm(
                  "unauthorized-api-calls",
                  "arn:aws:cloudwatch:us-east-1:111111111111:alarm:unauthorized-api-calls",
                  "CISBenchmark",
                  "UnauthorizedAPICalls",
                  true,
                  List.of(SECURITY_ALERTS),
                  "OK",
                  "Sum",
                  "GreaterThanOrEqualToThreshold",
                  1.0,
                  1,
                  300,
                  Observed.known(
                      new MetricAlarm.Evaluation(
                          null, null, "notBreaching", Map.of(), null, false))));
      assertThat(alarms.value().get(1).actionsEnabled()).isFalse();
      assertThat(alarms.value().get(1).evaluation().value())
          .isEqualTo(new MetricAlarm.Evaluation(null, 2, null, Map.of(), null, false));
      assertThat(alarms.value().get(1).alarmActions()).containsExactly(SECURITY_ALERTS, OPS_PAGER);
      assertThat(log.callsByOperation())
          .isEqualTo(Map.of("cloudwatch:DescribeAlarmsForMetric", 3L));
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(containing("Action=DescribeAlarmsForMetric"))
              .withRequestBody(containing(form("Namespace", "CISBenchmark")))
              .withRequestBody(containing(form("MetricName", "RootAccountUsage"))));
      assertThat(AlertingReader.topicArns(alarms)).containsExactly(SECURITY_ALERTS, OPS_PAGER);
    }

    @Test
    void alarmsOnADimensionedMetricAreFoundByListingAllAlarmsOnce() {
      stubAlarms();
      server.stubFor(
          query("DescribeAlarms")
              .willReturn(xmlOk(fixture("cloudwatch/describe-alarms-page1.xml"))));
      server.stubFor(
          query("DescribeAlarms")
              .withRequestBody(containing(form("NextToken", "Y3B1LWhpZ2g=")))
              .atPriority(1)
              .willReturn(xmlOk(fixture("cloudwatch/describe-alarms-page2.xml"))));
      MetricFilter bySource =
          new MetricFilter(
              "kms-key-deletion",
              "{ $.eventName = \"ScheduleKeyDeletion\" }",
              List.of(
                  new MetricTransformation(
                      "KmsKeyDeletion",
                      "CISBenchmark",
                      "1",
                      Map.of("EventSource", "$.eventSource"),
                      Observed.known(null))));

      Observed<List<MetricAlarm>> alarms =
          reader()
              .alarms(
                  List.of(
                      group(
                          GROUP,
                          filter("root-usage", "CISBenchmark", "RootAccountUsage"),
                          bySource)));

      assertThat(alarms.value())
          .extracting(MetricAlarm::alarmName)
          .containsExactly("root-usage", "security-catch-all", "kms-key-deletion-by-source");
      assertThat(alarms.value().get(2).evaluation().value().dimensions())
          .isEqualTo(Map.of("EventSource", "kms.amazonaws.com"));
      assertThat(log.callsByOperation())
          .isEqualTo(
              Map.of("cloudwatch:DescribeAlarmsForMetric", 1L, "cloudwatch:DescribeAlarms", 2L));
    }

    @Test
    void noFiltersOrUnreadableFiltersMeanNoCallAndNoAlarms() {
      LogGroup unreadable =
          new LogGroup(
              GROUP_ARN,
              GROUP,
              Observed.unavailable("logs", "DescribeMetricFilters", "AccessDeniedException", ""));

      Observed<List<MetricAlarm>> alarms = reader().alarms(List.of(unreadable, group("empty")));

      assertThat(alarms).isEqualTo(Observed.known(List.of()));
      assertThat(requests()).isZero();
    }

    @Test
    void oneFailedCallMakesTheWholeListUnavailable() {
      stubAlarms();
      server.stubFor(
          alarmsFor("RootAccountUsage")
              .atPriority(1)
              .willReturn(
                  queryError(
                      CLOUDWATCH_XMLNS,
                      403,
                      "Sender",
                      "AccessDenied",
                      "User is not authorized to perform: cloudwatch:DescribeAlarmsForMetric")));
      LogGroup trailGroup =
          group(
              GROUP,
              filter("unauthorized-api-calls", "CISBenchmark", "UnauthorizedAPICalls"),
              filter("root-usage", "CISBenchmark", "RootAccountUsage"));

      Observed<List<MetricAlarm>> alarms = reader().alarms(List.of(trailGroup));

      assertThat(alarms.failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "cloudwatch",
                  "DescribeAlarmsForMetric",
                  "AccessDenied",
                  "User is not authorized to perform: cloudwatch:DescribeAlarmsForMetric"));
      assertThat(AlertingReader.topicArns(alarms)).isEmpty();
    }

    @Test
    void throttlingIsRetriedThenRead() {
      AwsWire.firstThen(
          server,
          () -> alarmsFor("RootAccountUsage"),
          queryError(CLOUDWATCH_XMLNS, 400, "Sender", "Throttling", "Rate exceeded"),
          xmlOk(fixture("cloudwatch/describe-alarms-for-metric-root.xml")));

      Observed<List<MetricAlarm>> alarms =
          new AlertingReader(
                  client(AwsService.LOGS),
                  standardRetries(AwsService.CLOUDWATCH),
                  client(AwsService.SNS),
                  client(AwsService.KMS))
              .alarms(List.of(group(GROUP, filter("root", "CISBenchmark", "RootAccountUsage"))));

      assertThat(alarms.value())
          .extracting(MetricAlarm::alarmName)
          .containsExactly("root-usage", "security-catch-all");
      assertThat(log.attempts()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsUnavailableAfterRetries() {
      server.stubFor(
          alarmsFor("RootAccountUsage")
              .willReturn(
                  queryError(
                      CLOUDWATCH_XMLNS,
                      500,
                      "Receiver",
                      "InternalServiceError",
                      "Internal error")));

      Observed<List<MetricAlarm>> alarms =
          reader()
              .alarms(List.of(group(GROUP, filter("root", "CISBenchmark", "RootAccountUsage"))));

      assertThat(alarms.failure().errorCode()).isEqualTo("InternalServiceError");
      assertThat(log.attempts()).isEqualTo(3);
    }

    @Test
    void aMalformedBodyIsUnavailable() {
      server.stubFor(
          alarmsFor("RootAccountUsage")
              .willReturn(
                  xmlOk(
                      "<DescribeAlarmsForMetricResponse><DescribeAlarmsForMetricResult><Metric")));

      Observed<List<MetricAlarm>> alarms =
          reader()
              .alarms(List.of(group(GROUP, filter("root", "CISBenchmark", "RootAccountUsage"))));

      assertThat(alarms.failure().errorCode()).isEqualTo("ClientError");
    }

    @Test
    void aTimeoutIsUnavailable() {
      server.stubFor(
          alarmsFor("RootAccountUsage")
              .willReturn(
                  xmlOk(fixture("cloudwatch/describe-alarms-for-metric-root.xml"))
                      .withFixedDelay(400)));

      Observed<List<MetricAlarm>> alarms =
          new AlertingReader(
                  client(AwsService.LOGS),
                  impatient(AwsService.CLOUDWATCH),
                  client(AwsService.SNS),
                  client(AwsService.KMS))
              .alarms(List.of(group(GROUP, filter("root", "CISBenchmark", "RootAccountUsage"))));

      assertThat(alarms.failure().errorCode()).isEqualTo("Timeout");
    }
  }

  @Nested
  class Topics {
    /**
     * The topics' fixture names a customer managed key: the reader describes it and reads its
     * policy.
     */
    @org.junit.jupiter.api.BeforeEach
    void stubTheTopicKey() {
      server.stubFor(
          json("TrentService.DescribeKey").willReturn(jsonOk(fixture("kms/describe-key.json"))));
      server.stubFor(
          json("TrentService.GetKeyRotationStatus")
              .willReturn(jsonOk(fixture("kms/get-key-rotation-status.json"))));
      server.stubFor(
          json("TrentService.GetKeyPolicy").willReturn(jsonOk(fixture("kms/get-key-policy.json"))));
      server.stubFor(
          json("TrentService.ListGrants")
              .willReturn(jsonOk(fixture("kms/list-grants-page-2.json"))));
    }

    private MappingBuilder attributesOf(String topicArn) {
      return query("GetTopicAttributes").withRequestBody(containing(form("TopicArn", topicArn)));
    }

    private MappingBuilder subscriptionsOf(String topicArn) {
      return query("ListSubscriptionsByTopic")
          .withRequestBody(containing(form("TopicArn", topicArn)));
    }

    private void stubSecurityAlerts() {
      server.stubFor(
          attributesOf(SECURITY_ALERTS).willReturn(xmlOk(fixture("sns/get-topic-attributes.xml"))));
      server.stubFor(
          subscriptionsOf(SECURITY_ALERTS)
              .willReturn(xmlOk(fixture("sns/list-subscriptions-by-topic-page1.xml"))));
      server.stubFor(
          subscriptionsOf(SECURITY_ALERTS)
              .withRequestBody(containing(form("NextToken", "AAFzZWN1cml0eS1hbGVydHMtcGFnZS0y")))
              .atPriority(1)
              .willReturn(xmlOk(fixture("sns/list-subscriptions-by-topic-page2.xml"))));
    }

    @Test
    void attributesAndAllPagesOfSubscriptionsPendingOnesIncluded() {
      stubSecurityAlerts();

      List<SnsTopic> topics = reader().topics(List.of(SECURITY_ALERTS));

      assertThat(topics).hasSize(1);
      SnsTopic topic = topics.get(0);
      assertThat(topic.arn()).isEqualTo(SECURITY_ALERTS);
      assertThat(topic.attributes().value())
          .isEqualTo(
              new SnsTopic.Attributes(
                  "111111111111",
                  2,
                  1,
                  "arn:aws:kms:us-east-1:111111111111:key/abcd1234-12ab-34cd-56ef-1234567890ab"));
      assertThat(topic.subscriptions().value())
          .containsExactly(
              new Subscription(
                  SECURITY_ALERTS + ":3f2b1c9e-7a41-4d8e-9d0c-5e6f7a8b9c0d",
                  "email",
                  "secops@example.com"),
              new Subscription("PendingConfirmation", "email", "new-hire@example.com"),
              new Subscription(
                  SECURITY_ALERTS + ":9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
                  "https",
                  "https://pager.example.com/hooks/sns"));
      assertThat(topic.subscriptions().value().get(1).confirmed()).isFalse();
      assertThat(log.callsByOperation())
          .containsAllEntriesOf(
              Map.of("sns:GetTopicAttributes", 1L, "sns:ListSubscriptionsByTopic", 2L));
    }

    @Test
    void eachTopicIsReadOnceAndItsFailuresStayOnTheirOwnValues() {
      stubSecurityAlerts();
      server.stubFor(
          attributesOf(OPS_PAGER)
              .willReturn(
                  xmlOk(
                      fixture("sns/get-topic-attributes.xml").replace("2</value>", "0</value>"))));
      server.stubFor(
          subscriptionsOf(OPS_PAGER)
              .willReturn(
                  queryError(
                      SNS_XMLNS,
                      403,
                      "Sender",
                      "AuthorizationError",
                      "User is not authorized to perform: SNS:ListSubscriptionsByTopic")));

      List<SnsTopic> topics =
          reader().topics(List.of(SECURITY_ALERTS, OPS_PAGER, SECURITY_ALERTS, OPS_PAGER));

      assertThat(topics).extracting(SnsTopic::arn).containsExactly(SECURITY_ALERTS, OPS_PAGER);
      SnsTopic pager = topics.get(1);
      assertThat(pager.attributes().value().subscriptionsConfirmed()).isZero();
      assertThat(pager.subscriptions().failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "sns",
                  "ListSubscriptionsByTopic",
                  "AuthorizationError",
                  "User is not authorized to perform: SNS:ListSubscriptionsByTopic"));
      assertThat(log.callsByOperation())
          .containsAllEntriesOf(
              Map.of("sns:GetTopicAttributes", 2L, "sns:ListSubscriptionsByTopic", 3L));
    }

    @Test
    void aTopicThatDoesNotExistIsUnavailableWithNotFound() {
      server.stubFor(
          attributesOf(OPS_PAGER)
              .willReturn(
                  queryError(SNS_XMLNS, 404, "Sender", "NotFound", "Topic does not exist")));
      server.stubFor(
          subscriptionsOf(OPS_PAGER)
              .willReturn(
                  queryError(SNS_XMLNS, 404, "Sender", "NotFound", "Topic does not exist")));

      SnsTopic topic = reader().topics(Set.of(OPS_PAGER)).get(0);

      assertThat(topic.attributes().failure().errorCode()).isEqualTo("NotFound");
      assertThat(topic.subscriptions().failure().errorCode()).isEqualTo("NotFound");
      assertThat(requests()).isEqualTo(2);
    }

    @Test
    void throttlingIsRetriedThenRead() {
      server.stubFor(
          attributesOf(SECURITY_ALERTS).willReturn(xmlOk(fixture("sns/get-topic-attributes.xml"))));
      AwsWire.firstThen(
          server,
          () -> subscriptionsOf(SECURITY_ALERTS),
          queryError(SNS_XMLNS, 429, "Sender", "Throttled", "Rate exceeded"),
          xmlOk(fixture("sns/list-subscriptions-by-topic-page2.xml")));

      SnsTopic topic =
          new AlertingReader(
                  client(AwsService.LOGS),
                  client(AwsService.CLOUDWATCH),
                  standardRetries(AwsService.SNS),
                  client(AwsService.KMS))
              .topics(List.of(SECURITY_ALERTS))
              .get(0);

      assertThat(topic.subscriptions().value())
          .extracting(Subscription::protocol)
          .containsExactly("https");
      // three SNS attempts, then one each for the four reads of the topic's key (DescribeKey,
      // GetKeyRotationStatus, GetKeyPolicy, ListGrants)
      assertThat(log.attempts()).isEqualTo(3 + 4);
    }

    @Test
    void aServerErrorIsUnavailableAfterRetries() {
      server.stubFor(
          attributesOf(SECURITY_ALERTS).willReturn(xmlOk(fixture("sns/get-topic-attributes.xml"))));
      server.stubFor(
          subscriptionsOf(SECURITY_ALERTS)
              .willReturn(
                  queryError(SNS_XMLNS, 500, "Receiver", "InternalError", "Internal error")));

      SnsTopic topic = reader().topics(List.of(SECURITY_ALERTS)).get(0);

      assertThat(topic.subscriptions().failure().errorCode()).isEqualTo("InternalError");
      assertThat(topic.attributes().isKnown()).isTrue();
      // attributes once, subscriptions three times, then the key's four reads once each
      assertThat(log.attempts()).isEqualTo(1 + 3 + 4);
      assertThat(topic.key().value().policy().isKnown()).isTrue();
    }

    @Test
    void aMalformedBodyIsUnavailable() {
      server.stubFor(
          attributesOf(SECURITY_ALERTS)
              .willReturn(xmlOk("<GetTopicAttributesResponse><GetTopicAttributesResult><Attri")));
      server.stubFor(
          subscriptionsOf(SECURITY_ALERTS)
              .willReturn(xmlOk(fixture("sns/list-subscriptions-by-topic-empty.xml"))));

      SnsTopic topic = reader().topics(List.of(SECURITY_ALERTS)).get(0);

      assertThat(topic.attributes().failure().errorCode()).isEqualTo("ClientError");
      assertThat(topic.subscriptions()).isEqualTo(Observed.known(List.of()));
    }

    @Test
    void aTimeoutIsUnavailable() {
      stubSecurityAlerts();
      server.stubFor(
          attributesOf(SECURITY_ALERTS)
              .atPriority(1)
              .willReturn(xmlOk(fixture("sns/get-topic-attributes.xml")).withFixedDelay(400)));

      SnsTopic topic =
          new AlertingReader(
                  client(AwsService.LOGS),
                  client(AwsService.CLOUDWATCH),
                  impatient(AwsService.SNS),
                  client(AwsService.KMS))
              .topics(List.of(SECURITY_ALERTS))
              .get(0);

      assertThat(topic.attributes().failure().errorCode()).isEqualTo("Timeout");
      assertThat(topic.subscriptions().value()).hasSize(3);
    }
  }
}
