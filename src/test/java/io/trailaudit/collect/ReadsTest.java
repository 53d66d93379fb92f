package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.Observed;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ReadsTest {
  @Test
  void aServiceErrorKeepsItsAwsCodeAndMessage() {
    Observed<String> o =
        Reads.read(
            "s3",
            "GetBucketPolicy",
            () -> {
              throw AwsServiceException.builder()
                  .statusCode(403)
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("AccessDenied")
                          .errorMessage("Access Denied")
                          .build())
                  .build();
            });

    assertThat(o.failure().reason())
        .isEqualTo("s3:GetBucketPolicy failed: AccessDenied (Access Denied)");
  }

  @Test
  void aServiceErrorWithoutCodeIsNamedByItsStatus() {
    Observed<String> o =
        Reads.read(
            "s3",
            "GetBucketAcl",
            () -> {
              throw AwsServiceException.builder().statusCode(503).message("").build();
            });

    assertThat(o.failure().errorCode()).isEqualTo("HTTP 503");
  }

  @Test
  void aReadTimeoutOfTheHttpClientIsTimeoutAndOtherIoErrorsAreNetworkErrors() {
    Observed<String> timedOut =
        Reads.read(
            "kms",
            "DescribeKey",
            () -> {
              throw software.amazon.awssdk.core.exception.SdkClientException.create(
                  "Unable to execute HTTP request: Read timed out",
                  new java.net.SocketTimeoutException("Read timed out"));
            });
    Observed<String> refused =
        Reads.read(
            "kms",
            "DescribeKey",
            () -> {
              throw software.amazon.awssdk.core.exception.SdkClientException.create(
                  "Unable to execute HTTP request: Connection refused",
                  new java.net.ConnectException("Connection refused"));
            });

    assertThat(timedOut.failure().errorCode()).isEqualTo("Timeout");
    assertThat(refused.failure().errorCode()).isEqualTo("NetworkError");
  }

  @Test
  void aTimeoutIsTimeout() {
    Observed<String> o =
        Reads.read(
            "kms",
            "DescribeKey",
            () -> {
              throw ApiCallTimeoutException.create(60_000);
            });

    assertThat(o.failure().errorCode()).isEqualTo("Timeout");
  }

  @Test
  void missingCredentialsSayWhatToDoInOneLine() {
    Observed<String> o =
        Reads.read(
            "sts",
            "GetCallerIdentity",
            () -> {
              throw SdkClientException.create(
                  "Unable to load credentials from any of the providers in the chain"
                      + " AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]");
            });

    assertThat(o.failure().errorCode()).isEqualTo("NoCredentials");
    assertThat(o.failure().reason())
        .isEqualTo(
            "sts:GetCallerIdentity failed: NoCredentials (no AWS credentials found in the default"
                + " chain (environment, profile, SSO, web identity, container, instance metadata):"
                + " set them or use --profile NAME)");
  }
}
