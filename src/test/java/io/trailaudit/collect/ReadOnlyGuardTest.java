package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

class ReadOnlyGuardTest {
  private WireMockServer server;
  private ClientFactory factory;
  private CallLog log;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{}")));
    log = new CallLog();
    factory = WireMockAws.factory(server, log);
  }

  @AfterEach
  void stop() {
    factory.close();
    server.stop();
  }

  @Test
  void mutatingCallsAreRefusedBeforeAnythingIsSent() {
    CloudTrailClient cloudtrail =
        factory.client(AwsService.CLOUDTRAIL, "us-east-1", "test", WireMockAws.CREDENTIALS);
    KmsClient kms = factory.client(AwsService.KMS, "us-east-1", "test", WireMockAws.CREDENTIALS);
    S3Client s3 = factory.client(AwsService.S3, "us-east-1", "test", WireMockAws.CREDENTIALS);

    assertThatThrownBy(() -> cloudtrail.stopLogging(r -> r.name("org-trail")))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class)
        .hasMessageContaining("cloudtrail:StopLogging");
    assertThatThrownBy(() -> cloudtrail.deleteTrail(r -> r.name("org-trail")))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class);
    assertThatThrownBy(() -> kms.scheduleKeyDeletion(r -> r.keyId("k")))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class)
        .hasMessageContaining("kms:ScheduleKeyDeletion");
    assertThatThrownBy(() -> s3.deleteBucketPolicy(r -> r.bucket("logs")))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class)
        .hasMessageContaining("s3:DeleteBucketPolicy");

    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void readCallsGoThroughAndAreCounted() {
    CloudTrailClient cloudtrail =
        factory.client(AwsService.CLOUDTRAIL, "us-east-1", "test", WireMockAws.CREDENTIALS);

    cloudtrail.describeTrails(r -> r.includeShadowTrails(true));

    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(log.callsByOperation()).isEqualTo(Map.of("cloudtrail:DescribeTrails", 1L));
  }

  @Test
  void aRefusedCallReadsAsUnavailableWithItsOwnCode() {
    CloudTrailClient cloudtrail =
        factory.client(AwsService.CLOUDTRAIL, "us-east-1", "test", WireMockAws.CREDENTIALS);

    var observed =
        Reads.read("cloudtrail", "StopLogging", () -> cloudtrail.stopLogging(r -> r.name("t")));

    assertThat(observed.failure().errorCode()).isEqualTo("RefusedByReadOnlyGuard");
  }
}
