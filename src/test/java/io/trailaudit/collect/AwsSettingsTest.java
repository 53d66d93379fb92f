package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.trailaudit.collect.AwsStubs.json11;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

class AwsSettingsTest {
  private static AwsSettings settings(String endpointUrl, Map<String, String> env) {
    return new AwsSettings(
        null,
        "us-east-1",
        endpointUrl == null ? null : URI.create(endpointUrl),
        env,
        Duration.ofSeconds(5),
        Duration.ofSeconds(2));
  }

  @Test
  void noOverrideMeansTheSdksOwnEndpoints() {
    assertThat(settings(null, Map.of()).endpoint("S3")).isEmpty();
  }

  @Test
  void aServiceVariableWinsOverTheGlobalOne() {
    AwsSettings s =
        settings(
            null,
            Map.of(
                "AWS_ENDPOINT_URL", "http://global:4566",
                "AWS_ENDPOINT_URL_S3_CONTROL", "http://s3control.local:9000"));

    assertThat(s.endpoint(AwsService.S3_CONTROL.envName()))
        .contains(URI.create("http://s3control.local:9000"));
    assertThat(s.endpoint(AwsService.LOGS.envName())).contains(URI.create("http://global:4566"));
  }

  @Test
  void theOptionWinsOverEveryVariable() {
    AwsSettings s =
        settings(
            "http://option:1",
            Map.of(
                "AWS_ENDPOINT_URL", "http://global:4566",
                "AWS_ENDPOINT_URL_CLOUDTRAIL", "http://ct:2"));

    assertThat(s.endpoint("CLOUDTRAIL")).contains(URI.create("http://option:1"));
  }

  @Test
  void ignoreConfiguredEndpointsTurnsTheVariablesOffButNotTheOption() {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL", "http://global:4566",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");

    assertThat(settings(null, env).endpoint("S3")).isEqualTo(Optional.empty());
    assertThat(settings("http://option:1", env).endpoint("S3"))
        .contains(URI.create("http://option:1"));
  }

  /** The variable names the SDKs use, from each service's id. */
  @Test
  void serviceVariableNamesFollowTheSdkConvention() {
    assertThat(AwsService.LOGS.envName()).isEqualTo("CLOUDWATCH_LOGS");
    assertThat(AwsService.CONFIG.envName()).isEqualTo("CONFIG_SERVICE");
    assertThat(AwsService.S3_CONTROL.envName()).isEqualTo("S3_CONTROL");
    assertThat(AwsService.SECURITY_HUB.envName()).isEqualTo("SECURITYHUB");
  }

  @Test
  void aClientGoesWhereItsServiceVariableSays() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    try {
      server.stubFor(
          json11("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails")
              .willReturn(
                  WireMock.aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/x-amz-json-1.1")
                      .withBody("{\"trailList\":[]}")));
      AwsSettings s =
          settings(null, Map.of("AWS_ENDPOINT_URL_CLOUDTRAIL", server.baseUrl()))
              .withRetryBackoff(Duration.ofMillis(5));
      try (ClientFactory factory = new ClientFactory(s, new CallLog())) {
        CloudTrailClient ct =
            factory.client(AwsService.CLOUDTRAIL, "eu-west-1", "test", WireMockAws.CREDENTIALS);

        assertThat(ct.describeTrails().trailList()).isEmpty();
      }
      assertThat(server.getAllServeEvents()).hasSize(1);
    } finally {
      server.stop();
    }
  }
}
