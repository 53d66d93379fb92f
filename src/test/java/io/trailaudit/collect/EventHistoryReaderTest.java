package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.EventHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventHistoryReaderTest {
  static final String CT = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";
  static final String BUCKET = "org-trail-logs-111111111111";
  static final Instant START = Instant.parse("2025-08-23T00:00:00Z");
  static final Instant END = Instant.parse("2025-11-21T00:00:00Z");

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;
  private FakeTicker ticker;
  private RateLimiter limiter;
  private EventHistoryReader reader;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    ticker = new FakeTicker();
    limiter = EventHistoryReader.limiter(ticker);
    reader =
        new EventHistoryReader(
            factory.client(AwsService.CLOUDTRAIL, "us-east-1", "test", WireMockAws.CREDENTIALS),
            limiter);
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder lookup(String name) {
    return json11(CT + "LookupEvents")
        .withRequestBody(containing("\"AttributeValue\":\"" + name + "\""));
  }

  private EventHistory read(List<String> names, Set<String> resources) {
    return reader.read("111111111111", "us-east-1", START, END, names, resources);
  }

  @Test
  void looksUpEachNameOverEveryPageAndKeepsTheEventsOfTheAuditedTrail() {
    aws.stubFor(
        lookup("StopLogging")
            .withRequestBody(notContaining("NextToken"))
            .willReturn(jsonFile("cloudtrail/lookup-events-stop-logging-page1.json")));
    aws.stubFor(
        lookup("StopLogging")
            .withRequestBody(containing("\"NextToken\":\"kbOt5LlZe"))
            .willReturn(jsonFile("cloudtrail/lookup-events-stop-logging-page2.json")));
    aws.stubFor(
        lookup("StartLogging").willReturn(jsonFile("cloudtrail/lookup-events-start-logging.json")));

    EventHistory h = read(List.of("StopLogging", "StartLogging"), Set.of(TRAIL, "org-trail"));

    assertThat(h.account()).isEqualTo("111111111111");
    assertThat(h.region()).isEqualTo("us-east-1");
    assertThat(h.eventNames()).containsExactly("StopLogging", "StartLogging");
    List<ChangeEvent> events = h.events().value();
    // scratch-trail's StopLogging is not an audited resource's; the rest oldest first.
    assertThat(events)
        .extracting(ChangeEvent::eventName, ChangeEvent::eventTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "StopLogging", Instant.parse("2025-11-18T08:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                "StopLogging", Instant.parse("2025-11-20T03:12:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                "StartLogging", Instant.parse("2025-11-20T03:47:00Z")));

    ChangeEvent denied = events.get(0);
    assertThat(denied.errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.succeeded()).isFalse();
    assertThat(denied.principal())
        .isEqualTo(
            new ChangeEvent.Caller(
                "AssumedRole",
                "arn:aws:sts::111111111111:assumed-role/Ops/ops",
                "arn:aws:iam::111111111111:role/Ops",
                "111111111111",
                null));

    ChangeEvent stop = events.get(1);
    assertThat(stop.succeeded()).isTrue();
    assertThat(stop.eventId()).isEqualTo("3c5e1d2a-0b1c-4d5e-8f90-a1b2c3d4e5f6");
    assertThat(stop.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(stop.region()).isEqualTo("us-east-1");
    assertThat(stop.account()).isEqualTo("111111111111");
    assertThat(stop.principal().type()).isEqualTo("IAMUser");
    assertThat(stop.principal().arn()).isEqualTo("arn:aws:iam::111111111111:user/mallory");
    assertThat(stop.principal().sessionIssuerArn()).isNull();
    assertThat(stop.sourceIpAddress()).isEqualTo("203.0.113.7");
    assertThat(stop.userAgent()).startsWith("aws-cli/2.15.0 ");
    assertThat(stop.resources()).containsExactly(TRAIL);
    assertThat(stop.requestParameters()).isEqualTo(Map.of("name", TRAIL));

    // StartLogging named the trail by name in its request and by ARN in its Resources.
    assertThat(events.get(2).resources()).containsExactlyInAnyOrder(TRAIL, "org-trail");

    aws.verify(3, postRequestedFor(urlEqualTo("/")));
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                equalToJson(
                    "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
                        + "\"AttributeValue\":\"StartLogging\"}],"
                        + "\"StartTime\":"
                        + START.getEpochSecond()
                        + ",\"EndTime\":"
                        + END.getEpochSecond()
                        + ",\"MaxResults\":50}")));
    // Three calls at two a second, one at a time: the second and third waited half a second.
    assertThat(limiter.waited()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theRequestParametersInsideTheEventAreKeptToInterpretIt() {
    aws.stubFor(
        lookup("PutBucketVersioning")
            .willReturn(jsonFile("cloudtrail/lookup-events-put-bucket-versioning.json")));

    ChangeEvent e =
        read(List.of("PutBucketVersioning"), Set.of(BUCKET, "arn:aws:s3:::" + BUCKET))
            .events()
            .value()
            .get(0);

    assertThat(e.eventSource()).isEqualTo("s3.amazonaws.com");
    assertThat(e.resources()).containsExactly(BUCKET);
    assertThat(e.requestParameters().get("bucketName")).isEqualTo(BUCKET);
    assertThat(e.requestParameters().get("VersioningConfiguration"))
        .isEqualTo(
            Map.of("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/", "Status", "Suspended"));
    assertThat(e.principal().sessionIssuerArn()).isEqualTo("arn:aws:iam::111111111111:role/Ops");
  }

  @Test
  void noEventInTheWindowIsAKnownEmptyHistory() {
    aws.stubFor(
        json11(CT + "LookupEvents").willReturn(jsonFile("cloudtrail/lookup-events-empty.json")));

    EventHistory h = read(List.of("DeleteTrail", "UpdateTrail"), Set.of(TRAIL));

    assertThat(h.events().value()).isEmpty();
    assertThat(h.windowStart()).isEqualTo(START);
    assertThat(h.windowEnd()).isEqualTo(END);
    assertThat(h.resources()).containsExactly(TRAIL);
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void throttlingIsRetriedBySdkPolicyAndThenSucceeds() {
    aws.stubFor(
        json11(CT + "LookupEvents")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded"))
            .willSetStateTo("recovered"));
    aws.stubFor(
        json11(CT + "LookupEvents")
            .inScenario("throttled")
            .whenScenarioStateIs("recovered")
            .willReturn(jsonFile("cloudtrail/lookup-events-start-logging.json")));

    EventHistory h = read(List.of("StartLogging"), Set.of(TRAIL));

    assertThat(h.events().value()).hasSize(1);
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsUnavailableNamingTheEventName() {
    aws.stubFor(
        json11(CT + "LookupEvents")
            .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")));

    EventHistory h = read(List.of("StopLogging", "StartLogging"), Set.of(TRAIL));

    assertThat(h.events().failure().errorCode()).isEqualTo("ThrottlingException");
    assertThat(h.events().failure().message()).isEqualTo("EventName=StopLogging: Rate exceeded");
    // The SDK's three attempts for the first name; the second is not asked.
    aws.verify(3, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void accessDeniedIsUnavailableNamingTheCall() {
    aws.stubFor(
        json11(CT + "LookupEvents")
            .willReturn(
                jsonError(
                    400,
                    "AccessDeniedException",
                    "User: arn:aws:sts::111111111111:assumed-role/Audit/x is not authorized to"
                        + " perform: cloudtrail:LookupEvents because no identity-based policy"
                        + " allows the cloudtrail:LookupEvents action")));

    EventHistory h = read(List.of("StopLogging"), Set.of(TRAIL));

    assertThat(h.events().failure().reason())
        .startsWith(
            "cloudtrail:LookupEvents failed: AccessDeniedException (EventName=StopLogging: User:");
    assertThat(h.account()).isEqualTo("111111111111");
    assertThat(h.region()).isEqualTo("us-east-1");
  }

  @Test
  void aCloudTrailEventThatIsNotJsonMakesTheHistoryUnavailableNotShorter() {
    aws.stubFor(
        json11(CT + "LookupEvents")
            .willReturn(
                json(
                    "{\"Events\":[{\"EventId\":\"x-1\",\"EventName\":\"StopLogging\","
                        + "\"EventTime\":1763608320,\"CloudTrailEvent\":\"{\\\"eventVersion\"}]}")));

    EventHistory h = read(List.of("StopLogging"), Set.of(TRAIL));

    assertThat(h.events().failure().errorCode()).isEqualTo("ClientError");
    assertThat(h.events().failure().message()).contains("x-1").contains("not JSON");
  }
}
