package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.restJsonError;
import static io.trailaudit.collect.AwsWire.restJsonOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.StandardsSubscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security Hub speaks REST-JSON: {@code GET /accounts}, {@code POST /standards/get}. */
class SecurityHubReaderTest extends WireMockReaderTest {
  static final String NOT_SUBSCRIBED = "Account 111111111111 is not subscribed to AWS Security Hub";

  static final Observed<SecurityHubHub> ENABLED =
      Observed.known(
          new SecurityHubHub(
              "arn:aws:securityhub:us-east-1:111111111111:hub/default", Instant.EPOCH, true));

  private SecurityHubReader reader() {
    return new SecurityHubReader(client(AwsService.SECURITY_HUB));
  }

  private static MappingBuilder describeHub() {
    return get(urlPathEqualTo("/accounts"));
  }

  private static MappingBuilder enabledStandards() {
    return post(urlPathEqualTo("/standards/get"));
  }

  private void stubTwoPagesOfStandards() {
    server.stubFor(
        enabledStandards()
            .willReturn(restJsonOk(fixture("securityhub/get-enabled-standards-page1.json"))));
    server.stubFor(
        enabledStandards()
            .withRequestBody(
                matchingJsonPath("$.NextToken", equalTo("U2VjdXJpdHlIdWJOZXh0VG9rZW4=")))
            .atPriority(1)
            .willReturn(restJsonOk(fixture("securityhub/get-enabled-standards-page2.json"))));
  }

  @Test
  void readsTheHub() {
    server.stubFor(describeHub().willReturn(restJsonOk(fixture("securityhub/describe-hub.json"))));

    assertThat(reader().hub())
        .isEqualTo(
            Observed.known(
                new SecurityHubHub(
                    "arn:aws:securityhub:us-east-1:111111111111:hub/default",
                    Instant.parse("2023-05-12T17:47:01.106Z"),
                    true)));
    assertThat(log.callsByOperation()).isEqualTo(Map.of("securityhub:DescribeHub", 1L));
  }

  @Test
  void notSubscribedMeansNotEnabledAKnownNullAndThenNoStandardsAreAskedFor() {
    server.stubFor(
        describeHub().willReturn(restJsonError(401, "InvalidAccessException", NOT_SUBSCRIBED)));

    SecurityHubReader reader = reader();
    Observed<SecurityHubHub> hub = reader.hub();

    assertThat(hub).isEqualTo(Observed.known(null));
    assertThat(reader.standards(hub)).isEqualTo(Observed.known(List.of()));
    assertThat(log.callsByOperation()).isEqualTo(Map.of("securityhub:DescribeHub", 1L));
  }

  @Test
  void aRefusedGetEnabledStandardsIsNeverReadAsNoStandards() {
    // Security Hub answers 401; the URL-connection client loses the body of a 401 to a POST.
    server.stubFor(
        enabledStandards()
            .willReturn(restJsonError(401, "InvalidAccessException", NOT_SUBSCRIBED)));

    Observed<List<StandardsSubscription>> standards =
        reader().standards(Observed.unavailable("securityhub", "DescribeHub", "Timeout", ""));

    assertThat(standards.failure().operation()).isEqualTo("GetEnabledStandards");
    assertThat(standards.failure().errorCode()).isEqualTo("InvalidAccessException");
  }

  @Test
  void anotherInvalidAccessIsUnavailable() {
    server.stubFor(
        describeHub()
            .willReturn(
                restJsonError(
                    401,
                    "InvalidAccessException",
                    "Account 111111111111 is not an administrator for this organization")));

    assertThat(reader().hub().failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "securityhub",
                "DescribeHub",
                "InvalidAccessException",
                "Account 111111111111 is not an administrator for this organization"));
  }

  @Test
  void accessDeniedIsUnavailable() {
    String message =
        "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform:"
            + " securityhub:GetEnabledStandards";
    server.stubFor(
        enabledStandards().willReturn(restJsonError(403, "AccessDeniedException", message)));

    assertThat(reader().standards(ENABLED).failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "securityhub", "GetEnabledStandards", "AccessDeniedException", message));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void allPagesOfEnabledStandards() {
    stubTwoPagesOfStandards();

    Observed<List<StandardsSubscription>> standards = reader().standards(ENABLED);

    assertThat(standards.value())
        .containsExactly(
            new StandardsSubscription(
                "arn:aws:securityhub:us-east-1:111111111111:subscription/"
                    + "aws-foundational-security-best-practices/v/1.0.0",
                "arn:aws:securityhub:us-east-1::standards/"
                    + "aws-foundational-security-best-practices/v/1.0.0",
                "READY"),
            new StandardsSubscription(
                "arn:aws:securityhub:us-east-1:111111111111:subscription/"
                    + "cis-aws-foundations-benchmark/v/3.0.0",
                "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
                "FAILED"));
    assertThat(log.callsByOperation()).isEqualTo(Map.of("securityhub:GetEnabledStandards", 2L));
  }

  @Test
  void throttlingIsRetriedThenRead() {
    AwsWire.firstThen(
        server,
        SecurityHubReaderTest::describeHub,
        restJsonError(429, "TooManyRequestsException", "Rate exceeded"),
        restJsonOk(fixture("securityhub/describe-hub.json")));

    Observed<SecurityHubHub> hub =
        new SecurityHubReader(standardRetries(AwsService.SECURITY_HUB)).hub();

    assertThat(hub.value().autoEnableControls()).isTrue();
    assertThat(log.attempts()).isEqualTo(2);
  }

  @Test
  void aServerErrorIsUnavailableAfterRetries() {
    server.stubFor(
        describeHub().willReturn(restJsonError(500, "InternalException", "Internal error")));

    assertThat(reader().hub().failure().errorCode()).isEqualTo("InternalException");
    assertThat(log.attempts()).isEqualTo(3);
  }

  @Test
  void aMalformedBodyIsUnavailable() {
    server.stubFor(describeHub().willReturn(restJsonOk("{\"HubArn\": \"arn:aws:secu")));

    assertThat(reader().hub().failure().errorCode()).isEqualTo("ClientError");
  }

  @Test
  void anUnreadableSubscriptionTimeIsUnavailableNotInvented() {
    server.stubFor(
        describeHub()
            .willReturn(
                restJsonOk(
                    fixture("securityhub/describe-hub.json")
                        .replace("2023-05-12T17:47:01.106Z", "yesterday"))));

    Observed<SecurityHubHub> hub = reader().hub();

    assertThat(hub.failure().errorCode()).isEqualTo("ClientError");
    assertThat(hub.failure().message()).contains("SubscribedAt");
  }

  @Test
  void aTimeoutIsUnavailable() {
    stubTwoPagesOfStandards();
    server.stubFor(
        enabledStandards()
            .withRequestBody(matchingJsonPath("$.NextToken"))
            .atPriority(1)
            .willReturn(
                restJsonOk(fixture("securityhub/get-enabled-standards-page2.json"))
                    .withFixedDelay(400)));

    Observed<List<StandardsSubscription>> standards =
        new SecurityHubReader(impatient(AwsService.SECURITY_HUB)).standards(ENABLED);

    assertThat(standards.failure().errorCode()).isEqualTo("Timeout");
  }
}
