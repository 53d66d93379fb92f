package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.trailaudit.collect.AwsStubs.json;
import static io.trailaudit.collect.AwsStubs.json11;
import static io.trailaudit.collect.AwsStubs.jsonError;
import static io.trailaudit.collect.AwsStubs.jsonFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.EventConfiguration;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrailReaderTest {
  static final String ORG_TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";
  static final String EU_TRAIL = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit-eu";
  static final String CT = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;
  private TrailReader reader;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    reader =
        new TrailReader(
            factory.client(AwsService.CLOUDTRAIL, "us-east-1", "test", WireMockAws.CREDENTIALS));
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  @Test
  void describesEveryTrailTheRegionSeesShadowTrailsIncluded() {
    aws.stubFor(
        json11(CT + "DescribeTrails")
            .withRequestBody(equalToJson("{\"includeShadowTrails\":true}"))
            .willReturn(jsonFile("cloudtrail/describe-trails.json")));

    List<Trail> trails = reader.describeTrails().value();

    assertThat(trails).hasSize(2);
    Trail org = trails.get(0);
    assertThat(org.arn()).isEqualTo(ORG_TRAIL);
    assertThat(org.name()).isEqualTo("org-trail");
    assertThat(org.homeRegion()).isEqualTo("us-east-1");
    assertThat(org.isOrganizationTrail()).isTrue();
    assertThat(org.isMultiRegionTrail()).isTrue();
    assertThat(org.includeGlobalServiceEvents()).isTrue();
    assertThat(org.logFileValidationEnabled()).isTrue();
    assertThat(org.s3BucketName()).isEqualTo("org-trail-logs-111111111111");
    assertThat(org.s3KeyPrefix()).isEqualTo("cloudtrail");
    assertThat(org.kmsKeyId())
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThat(org.cloudWatchLogsLogGroupArn())
        .isEqualTo("arn:aws:logs:us-east-1:111111111111:log-group:aws-cloudtrail-logs:*");
    assertThat(org.cloudWatchLogsRoleArn())
        .isEqualTo("arn:aws:iam::111111111111:role/CloudTrailToLogs");
    assertThat(org.snsTopicArn()).isNull();
    assertThat(org.status().failure().errorCode()).isEqualTo(Observed.NOT_COLLECTED);

    Trail eu = trails.get(1);
    assertThat(eu.arn()).isEqualTo(EU_TRAIL);
    assertThat(eu.isOrganizationTrail()).isFalse();
    assertThat(eu.isMultiRegionTrail()).isFalse();
    assertThat(eu.includeGlobalServiceEvents()).isFalse();
    assertThat(eu.logFileValidationEnabled()).isFalse();
    assertThat(eu.kmsKeyId()).isNull();
    assertThat(eu.cloudWatchLogsLogGroupArn()).isNull();
    assertThat(eu.snsTopicArn()).isEqualTo("arn:aws:sns:eu-west-1:111111111111:trail-notify");
  }

  @Test
  void readsStatusSelectorsInsightsAndEveryPageOfTags() {
    aws.stubFor(
        json11(CT + "GetTrailStatus")
            .withRequestBody(equalToJson("{\"Name\":\"" + ORG_TRAIL + "\"}"))
            .willReturn(jsonFile("cloudtrail/get-trail-status.json")));
    aws.stubFor(
        json11(CT + "GetEventSelectors")
            .withRequestBody(equalToJson("{\"TrailName\":\"" + ORG_TRAIL + "\"}"))
            .willReturn(jsonFile("cloudtrail/get-event-selectors-advanced.json")));
    aws.stubFor(
        json11(CT + "GetInsightSelectors")
            .willReturn(jsonFile("cloudtrail/get-insight-selectors.json")));
    aws.stubFor(
        json11(CT + "ListTags")
            .withRequestBody(equalToJson("{\"ResourceIdList\":[\"" + ORG_TRAIL + "\"]}"))
            .willReturn(jsonFile("cloudtrail/list-tags-page1.json")));
    aws.stubFor(
        json11(CT + "ListTags")
            .withRequestBody(
                equalToJson(
                    "{\"ResourceIdList\":[\"" + ORG_TRAIL + "\"],\"NextToken\":\"tags-page-2\"}"))
            .willReturn(jsonFile("cloudtrail/list-tags-page2.json")));
    aws.stubFor(
        json11(CT + "GetEventConfiguration")
            .withRequestBody(equalToJson("{\"TrailName\":\"" + ORG_TRAIL + "\"}"))
            .willReturn(jsonFile("cloudtrail/get-event-configuration.json")));

    Trail t = reader.withDetails(described(ORG_TRAIL));

    assertThat(t.status().value())
        .isEqualTo(
            new TrailStatus(
                true,
                Instant.parse("2025-11-20T10:00:00Z"),
                null,
                Instant.parse("2025-11-20T09:00:00Z"),
                null,
                Instant.parse("2025-11-20T10:01:00.500Z"),
                null,
                Instant.ofEpochSecond(1700000000),
                null));
    EventSelectors selectors = t.eventSelectors().value();
    assertThat(selectors.classic()).isEmpty();
    assertThat(selectors.advanced())
        .containsExactly(
            new AdvancedEventSelector(
                "Management events", List.of(field("eventCategory", List.of("Management"), null))),
            new AdvancedEventSelector(
                "S3 writes, not the log bucket",
                List.of(
                    field("eventCategory", List.of("Data"), null),
                    field("resources.type", List.of("AWS::S3::Object"), null),
                    field("readOnly", List.of("false"), null),
                    new AdvancedEventSelector.FieldSelector(
                        "resources.ARN",
                        null,
                        null,
                        null,
                        List.of("arn:aws:s3:::org-trail-logs-111111111111/"),
                        null,
                        null))));
    assertThat(t.insightSelectors().value())
        .containsExactly(
            new InsightSelector("ApiCallRateInsight", List.of("Management")),
            new InsightSelector("ApiErrorRateInsight", List.of()));
    assertThat(t.tags().value()).isEqualTo(Map.of("owner", "security", "env", "prod"));
    // The advanced selectors log S3 data events: the aggregation of those is asked for.
    assertThat(t.eventConfiguration().value())
        .isEqualTo(
            new EventConfiguration(
                "Standard",
                List.of(
                    new EventConfiguration.Aggregation(
                        "Data", List.of("API_ACTIVITY", "RESOURCE_ACCESS")))));
    assertThat(aws.getAllServeEvents()).hasSize(6);
  }

  @Test
  void classicSelectorsAndNoInsights() {
    aws.stubFor(
        json11(CT + "GetTrailStatus")
            .willReturn(jsonFile("cloudtrail/get-trail-status-stopped.json")));
    aws.stubFor(
        json11(CT + "GetEventSelectors")
            .willReturn(jsonFile("cloudtrail/get-event-selectors-classic.json")));
    aws.stubFor(
        json11(CT + "GetInsightSelectors")
            .willReturn(
                jsonError(
                    400,
                    "InsightNotEnabledException",
                    "Trail audit-eu does not have Insights enabled.")));
    aws.stubFor(
        json11(CT + "ListTags")
            .willReturn(json("{\"ResourceTagList\":[{\"ResourceId\":\"" + EU_TRAIL + "\"}]}")));
    aws.stubFor(
        json11(CT + "GetEventConfiguration")
            .willReturn(jsonFile("cloudtrail/get-event-configuration-none.json")));

    Trail t = reader.withDetails(described(EU_TRAIL));

    TrailStatus status = t.status().value();
    assertThat(status.isLogging()).isFalse();
    assertThat(status.latestDeliveryError()).isEqualTo("AccessDenied");
    assertThat(status.stopLoggingTime()).isEqualTo(Instant.ofEpochSecond(1763000100));
    assertThat(status.latestDigestDeliveryTime()).isNull();
    assertThat(t.eventSelectors().value().advanced()).isEmpty();
    assertThat(t.eventSelectors().value().classic())
        .containsExactly(
            new EventSelectors.EventSelector(
                "WriteOnly",
                true,
                List.of("kms.amazonaws.com"),
                List.of(
                    new EventSelectors.DataResource("AWS::S3::Object", List.of("arn:aws:s3")),
                    new EventSelectors.DataResource(
                        "AWS::Lambda::Function", List.of("arn:aws:lambda")))));
    assertThat(t.insightSelectors()).isEqualTo(Observed.known(List.of()));
    assertThat(t.tags()).isEqualTo(Observed.known(Map.of()));
    // Classic data resources are data events: asked, and no aggregation is configured.
    assertThat(t.eventConfiguration())
        .isEqualTo(Observed.known(new EventConfiguration("Standard", List.of())));
  }

  @Test
  void aTrailOfManagementEventsOnlyIsNotAskedForItsEventConfiguration() {
    aws.stubFor(
        json11(CT + "GetEventSelectors")
            .willReturn(
                json(
                    "{\"TrailARN\":\""
                        + EU_TRAIL
                        + "\",\"EventSelectors\":[{\"ReadWriteType\":\"All\","
                        + "\"IncludeManagementEvents\":true,\"DataResources\":[],"
                        + "\"ExcludeManagementEventSources\":[]}]}")));
    aws.stubFor(
        json11(CT + "GetTrailStatus").willReturn(jsonFile("cloudtrail/get-trail-status.json")));
    aws.stubFor(json11(CT + "GetInsightSelectors").willReturn(json("{\"InsightSelectors\":[]}")));
    aws.stubFor(json11(CT + "ListTags").willReturn(json("{\"ResourceTagList\":[]}")));

    Trail t = reader.withDetails(described(EU_TRAIL));

    assertThat(t.eventConfiguration()).isEqualTo(Observed.known(null));
    aws.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", containing("GetEventConfiguration")));
  }

  @Test
  void accessDeniedOnGetEventConfigurationIsUnavailableNamingTheCall() {
    aws.stubFor(
        json11(CT + "GetEventConfiguration")
            .willReturn(
                jsonError(
                    400,
                    "AccessDeniedException",
                    "User: arn:aws:sts::111111111111:assumed-role/Audit/x is not authorized to"
                        + " perform: cloudtrail:GetEventConfiguration")));

    Observed<EventConfiguration> c = reader.eventConfiguration(ORG_TRAIL);

    assertThat(c.failure().reason())
        .startsWith("cloudtrail:GetEventConfiguration failed: AccessDeniedException");
  }

  @Test
  void anOrganizationTrailSeenFromAMemberAccountIsUnavailableThereNotMissing() {
    aws.stubFor(
        json11(CT + "GetTrailStatus")
            .willReturn(
                jsonError(
                    400,
                    "TrailNotFoundException",
                    "Unknown trail: " + ORG_TRAIL + " for the user: 222222222222")));
    aws.stubFor(
        json11(CT + "GetEventSelectors")
            .willReturn(
                jsonError(
                    400,
                    "com.amazonaws.cloudtrail.v20131101#TrailNotFoundException",
                    "Unknown trail: " + ORG_TRAIL + " for the user: 222222222222")));
    aws.stubFor(
        json11(CT + "GetInsightSelectors")
            .willReturn(
                jsonError(
                    400,
                    "CloudTrailARNInvalidException",
                    "The account ID in the ARN does not match the caller.")));
    aws.stubFor(
        json11(CT + "ListTags")
            .willReturn(
                jsonError(
                    400,
                    "CloudTrailARNInvalidException",
                    "The account ID in the ARN does not match the caller.")));

    Trail t = reader.withDetails(described(ORG_TRAIL));

    assertThat(t.status())
        .isEqualTo(
            Observed.unavailable(
                "cloudtrail",
                "GetTrailStatus",
                "TrailNotFoundException",
                "Unknown trail: " + ORG_TRAIL + " for the user: 222222222222"));
    assertThat(t.eventSelectors().failure().errorCode()).isEqualTo("TrailNotFoundException");
    assertThat(t.insightSelectors().failure().errorCode())
        .isEqualTo("CloudTrailARNInvalidException");
    assertThat(t.tags().failure().operation()).isEqualTo("ListTags");
    assertThat(t.tags().failure().errorCode()).isEqualTo("CloudTrailARNInvalidException");
    // The description itself stays: the trail is seen, only its reads are owned elsewhere.
    assertThat(t.isOrganizationTrail()).isTrue();
  }

  @Test
  void accessDeniedOnDescribeTrailsIsUnavailableWithTheCode() {
    aws.stubFor(
        json11(CT + "DescribeTrails")
            .willReturn(
                jsonError(
                    400,
                    "AccessDeniedException",
                    "User: arn:aws:sts::111111111111:assumed-role/Audit/x is not authorized to"
                        + " perform: cloudtrail:DescribeTrails")));

    Observed<List<Trail>> trails = reader.describeTrails();

    assertThat(trails.failure().service()).isEqualTo("cloudtrail");
    assertThat(trails.failure().operation()).isEqualTo("DescribeTrails");
    assertThat(trails.failure().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(trails.failure().message()).contains("not authorized");
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void throttlingIsRetriedUntilItSucceeds() {
    aws.stubFor(
        json11(CT + "DescribeTrails")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded"))
            .willSetStateTo("recovered"));
    aws.stubFor(
        json11(CT + "DescribeTrails")
            .inScenario("throttled")
            .whenScenarioStateIs("recovered")
            .willReturn(jsonFile("cloudtrail/describe-trails.json")));

    assertThat(reader.describeTrails().value()).hasSize(2);
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aServerErrorIsRetriedThenUnavailable() {
    aws.stubFor(
        json11(CT + "GetTrailStatus")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"InternalFailure\",\"message\":\"\"}")));

    Observed<TrailStatus> status = reader.status(ORG_TRAIL);

    assertThat(status.failure().errorCode()).isEqualTo("InternalFailure");
    aws.verify(3, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aMalformedBodyIsUnavailableNotEmpty() {
    aws.stubFor(
        json11(CT + "GetEventSelectors").willReturn(json("{\"EventSelectors\": [ {\"ReadWr")));

    Observed<EventSelectors> selectors = reader.eventSelectors(ORG_TRAIL);

    assertThat(selectors.failure().errorCode()).isEqualTo("ClientError");
    assertThat(selectors.failure().operation()).isEqualTo("GetEventSelectors");
  }

  @Test
  void aCallThatNeverAnswersTimesOut() {
    aws.stubFor(
        json11(CT + "GetInsightSelectors")
            .willReturn(
                jsonFile("cloudtrail/get-insight-selectors.json")
                    .withFixedDelay((int) WireMockAws.CALL_TIMEOUT.toMillis() + 500)));

    Observed<List<InsightSelector>> insights = reader.insightSelectors(ORG_TRAIL);

    assertThat(insights.failure().errorCode()).isEqualTo("Timeout");
  }

  @Test
  void readsEveryEventDataStoreOnEveryPageWithItsKey() {
    aws.stubFor(
        json11(CT + "ListEventDataStores")
            .withRequestBody(equalToJson("{}"))
            .willReturn(jsonFile("cloudtrail/list-event-data-stores-page1.json")));
    aws.stubFor(
        json11(CT + "ListEventDataStores")
            .withRequestBody(equalToJson("{\"NextToken\":\"eds-page-2\"}"))
            .willReturn(jsonFile("cloudtrail/list-event-data-stores-page2.json")));
    aws.stubFor(
        json11(CT + "GetEventDataStore")
            .withRequestBody(containing("EXAMPLE-f852"))
            .willReturn(jsonFile("cloudtrail/get-event-data-store-org-lake.json")));
    aws.stubFor(
        json11(CT + "GetEventDataStore")
            .withRequestBody(containing("EXAMPLE2-0000"))
            .willReturn(jsonFile("cloudtrail/get-event-data-store-scratch.json")));

    List<EventDataStore> stores = reader.eventDataStores().value();

    assertThat(stores)
        .containsExactly(
            new EventDataStore(
                "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE",
                "org-lake",
                "ENABLED",
                true,
                true,
                2557,
                true,
                "arn:aws:kms:us-east-1:111111111111:key/lake-key",
                "FIXED_RETENTION_PRICING",
                List.of(
                    new AdvancedEventSelector(
                        "Management events",
                        List.of(field("eventCategory", List.of("Management"), null))))),
            new EventDataStore(
                "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/EXAMPLE2-0000-4e8f-8bd1-bcf6cEXAMPLE",
                "scratch",
                "STOPPED_INGESTION",
                false,
                false,
                7,
                false,
                null,
                "EXTENDABLE_RETENTION_PRICING",
                List.of(
                    new AdvancedEventSelector(
                        "S3 data",
                        List.of(
                            field("eventCategory", List.of("Data"), null),
                            field("resources.type", List.of("AWS::S3::Object"), null))))));
    aws.verify(4, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void oneUnreadableEventDataStoreMakesTheListUnavailable() {
    aws.stubFor(
        json11(CT + "ListEventDataStores")
            .willReturn(jsonFile("cloudtrail/list-event-data-stores-page2.json")));
    aws.stubFor(
        json11(CT + "GetEventDataStore")
            .willReturn(jsonError(400, "AccessDeniedException", "not authorized")));

    Observed<List<EventDataStore>> stores = reader.eventDataStores();

    assertThat(stores.failure().operation()).isEqualTo("GetEventDataStore");
    assertThat(stores.failure().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(stores.failure().message())
        .startsWith(
            "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/EXAMPLE2-0000-4e8f-8bd1-bcf6cEXAMPLE");
  }

  @Test
  void noEventDataStoreIsAKnownEmptyList() {
    aws.stubFor(json11(CT + "ListEventDataStores").willReturn(json("{\"EventDataStores\":[]}")));

    assertThat(reader.eventDataStores()).isEqualTo(Observed.known(List.of()));
  }

  private static AdvancedEventSelector.FieldSelector field(
      String name, List<String> equalsValues, List<String> notEquals) {
    return new AdvancedEventSelector.FieldSelector(
        name, equalsValues, notEquals, null, null, null, null);
  }

  private static Trail described(String arn) {
    return Trail.builder()
        .arn(arn)
        .name(arn.substring(arn.lastIndexOf('/') + 1))
        .homeRegion(io.trailaudit.model.Arns.region(arn))
        .isOrganizationTrail(arn.equals(ORG_TRAIL))
        .isMultiRegionTrail(arn.equals(ORG_TRAIL))
        .includeGlobalServiceEvents(true)
        .logFileValidationEnabled(true)
        .s3BucketName("logs")
        .build();
  }
}
