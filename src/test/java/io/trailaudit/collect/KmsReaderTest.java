package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.json;
import static io.trailaudit.collect.AwsWire.jsonError;
import static io.trailaudit.collect.AwsWire.jsonOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KmsReaderTest extends WireMockReaderTest {
  static final String ARN =
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String OTHER_ACCOUNT_ARN =
      "arn:aws:kms:us-east-1:222222222222:key/5678efgh-12ab-34cd-56ef-1234567890ab";

  private KmsReader reader() {
    return new KmsReader(client(AwsService.KMS));
  }

  private void stubAllOk(String describeKeyFixture) {
    server.stubFor(
        json("TrentService.DescribeKey").willReturn(jsonOk(fixture(describeKeyFixture))));
    server.stubFor(
        json("TrentService.GetKeyRotationStatus")
            .willReturn(jsonOk(fixture("kms/get-key-rotation-status.json"))));
    server.stubFor(
        json("TrentService.GetKeyPolicy").willReturn(jsonOk(fixture("kms/get-key-policy.json"))));
    server.stubFor(
        json("TrentService.ListGrants").willReturn(jsonOk("{\"Grants\":[],\"Truncated\":false}")));
  }

  @Test
  void readsEveryPageOfGrants() {
    stubAllOk("kms/describe-key.json");
    server.stubFor(
        json("TrentService.ListGrants")
            .atPriority(1)
            .withRequestBody(equalToJson("{\"KeyId\":\"" + ARN + "\"}"))
            .willReturn(jsonOk(fixture("kms/list-grants-page-1.json"))));
    server.stubFor(
        json("TrentService.ListGrants")
            .atPriority(1)
            .withRequestBody(
                equalToJson(
                    "{\"KeyId\":\""
                        + ARN
                        + "\",\"Marker\":"
                        + "\"eyJncmFudElkIjoiMGMyMzc0NzZiMzlmOGJjNDRlNDUyMTJlMDg0OThmYmUifQ==\"}"))
            .willReturn(jsonOk(fixture("kms/list-grants-page-2.json"))));

    KmsKey key = reader().key(ARN);

    assertThat(key.grants().value())
        .containsExactly(
            new KmsKey.Grant(
                "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
                "log-reader",
                "arn:aws:iam::999999999999:role/ExternalAuditor",
                "arn:aws:iam::111111111111:role/KeyAdmin",
                "arn:aws:iam::111111111111:root",
                java.util.List.of("Decrypt", "DescribeKey"),
                false),
            new KmsKey.Grant(
                "91ad875e49b04a9d1f3bdeb84d821f9db6ea95e1098813f6d47f0c65fbe2a172",
                null,
                "arn:aws:iam::111111111111:role/LogAnalytics",
                null,
                "arn:aws:iam::111111111111:root",
                java.util.List.of("Decrypt"),
                true));
    assertThat(log.callsByOperation()).containsEntry("kms:ListGrants", 2L);
  }

  @Test
  void deniedGrantsAreUnavailable() {
    stubAllOk("kms/describe-key.json");
    server.stubFor(
        json("TrentService.ListGrants")
            .atPriority(1)
            .willReturn(
                jsonError(
                    400,
                    "AccessDeniedException",
                    "User is not authorized to perform: kms:ListGrants")));

    KmsKey key = reader().key(ARN);

    assertThat(key.grants().failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "kms",
                "ListGrants",
                "AccessDeniedException",
                "User is not authorized to perform: kms:ListGrants"));
    assertThat(key.policy().isKnown()).isTrue();
  }

  @Test
  void readsMetadataRotationAndPolicyOnceEach() {
    stubAllOk("kms/describe-key.json");

    KmsKey key = reader().key(ARN);

    assertThat(key.arn()).isEqualTo(ARN);
    assertThat(key.metadata().value())
        .isEqualTo(
            new KeyMetadata(
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                ARN,
                "111111111111",
                "CUSTOMER",
                "Enabled",
                "SYMMETRIC_DEFAULT",
                "ENCRYPT_DECRYPT",
                "AWS_KMS",
                false));
    assertThat(key.rotationEnabled()).isEqualTo(Observed.known(true));
    assertThat(key.policy().value())
        .startsWith("{\n  \"Version\" : \"2012-10-17\"")
        .contains("\"AWS\" : \"arn:aws:iam::111111111111:root\"");
    assertThat(log.callsByOperation())
        .isEqualTo(
            Map.of(
                "kms:DescribeKey",
                1L,
                "kms:GetKeyRotationStatus",
                1L,
                "kms:GetKeyPolicy",
                1L,
                "kms:ListGrants",
                1L));
    assertThat(key.grants()).isEqualTo(Observed.known(java.util.List.of()));
    assertThat(requests()).isEqualTo(4);
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                equalToJson("{\"KeyId\":\"" + ARN + "\",\"PolicyName\":\"default\"}")));
  }

  @Test
  void anAliasIsResolvedByDescribeKeyForTheCallsThatRefuseAliases() {
    stubAllOk("kms/describe-key.json");

    KmsKey key = reader().key("alias/cloudtrail");

    assertThat(key.arn()).isEqualTo("alias/cloudtrail");
    assertThat(key.isNamedBy(ARN)).isTrue();
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(equalToJson("{\"KeyId\":\"alias/cloudtrail\"}")));
    // GetKeyRotationStatus, GetKeyPolicy and ListGrants.
    server.verify(
        3,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(
                    "\"KeyId\":\"" + ARN + "\"")));
  }

  @Test
  void rotationOfAnAwsManagedKeyIsStillRead() {
    stubAllOk("kms/describe-key-aws-managed.json");

    KmsKey key = reader().key("arn:aws:kms:us-east-1:111111111111:alias/aws/s3");

    assertThat(key.metadata().value().keyManager()).isEqualTo("AWS");
    assertThat(key.rotationEnabled()).isEqualTo(Observed.known(true));
    assertThat(log.callsByOperation()).containsEntry("kms:GetKeyRotationStatus", 1L);
  }

  @Test
  void aKeyInAnotherAccountThatCannotBeSeenIsUnavailableOnEachValueWithItsCode() {
    server.stubFor(
        json("TrentService.DescribeKey")
            .willReturn(
                jsonError(
                    400,
                    "AccessDeniedException",
                    "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform:"
                        + " kms:DescribeKey on resource: "
                        + OTHER_ACCOUNT_ARN)));
    server.stubFor(
        json("TrentService.GetKeyRotationStatus")
            .willReturn(jsonError(400, "NotFoundException", "Key '" + OTHER_ACCOUNT_ARN + "'")));
    server.stubFor(
        json("TrentService.GetKeyPolicy")
            .willReturn(
                jsonError(400, "AccessDeniedException", "cross-account GetKeyPolicy refused")));
    server.stubFor(
        json("TrentService.ListGrants")
            .willReturn(
                jsonError(400, "AccessDeniedException", "cross-account ListGrants refused")));

    KmsKey key = reader().key(OTHER_ACCOUNT_ARN);

    assertThat(key.metadata().failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "kms",
                "DescribeKey",
                "AccessDeniedException",
                "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform:"
                    + " kms:DescribeKey on resource: "
                    + OTHER_ACCOUNT_ARN));
    assertThat(key.rotationEnabled().failure().operation()).isEqualTo("GetKeyRotationStatus");
    assertThat(key.rotationEnabled().failure().errorCode()).isEqualTo("NotFoundException");
    assertThat(key.policy().failure().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(key.grants().failure().errorCode()).isEqualTo("AccessDeniedException");
    // Access errors are not retried: one attempt per call.
    assertThat(requests()).isEqualTo(4);
    server.verify(
        4,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(OTHER_ACCOUNT_ARN)));
  }

  @Test
  void throttlingIsRetriedThenRead() {
    stubAllOk("kms/describe-key.json");
    AwsWire.firstThen(
        server,
        () -> json("TrentService.DescribeKey"),
        jsonError(400, "ThrottlingException", "Rate exceeded"),
        jsonOk(fixture("kms/describe-key.json")));

    KmsKey key = new KmsReader(standardRetries(AwsService.KMS)).key(ARN);

    assertThat(key.metadata().value().keyState()).isEqualTo("Enabled");
    assertThat(log.callsByOperation()).containsEntry("kms:DescribeKey", 1L);
    // DescribeKey twice, then rotation, policy and grants once each.
    assertThat(log.attempts()).isEqualTo(5);
  }

  @Test
  void aServerErrorIsUnavailableAfterRetriesAndTheOtherValuesAreRead() {
    stubAllOk("kms/describe-key.json");
    server.stubFor(
        json("TrentService.GetKeyPolicy")
            .willReturn(jsonError(500, "KMSInternalException", "internal error")));

    KmsKey key = reader().key(ARN);

    assertThat(key.policy().failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "kms", "GetKeyPolicy", "KMSInternalException", "internal error"));
    assertThat(key.metadata().isKnown()).isTrue();
    assertThat(key.rotationEnabled()).isEqualTo(Observed.known(true));
    assertThat(log.attempts()).isEqualTo(3 + 3);
  }

  @Test
  void aMalformedBodyIsUnavailable() {
    stubAllOk("kms/describe-key.json");
    server.stubFor(
        json("TrentService.DescribeKey").willReturn(jsonOk("{\"KeyMetadata\": {\"KeyId\": ")));

    KmsKey key = reader().key(ARN);

    assertThat(key.metadata().failure().operation()).isEqualTo("DescribeKey");
    assertThat(key.metadata().failure().errorCode()).isEqualTo("ClientError");
    assertThat(key.rotationEnabled().isKnown()).isTrue();
  }

  @Test
  void aTimeoutIsUnavailable() {
    stubAllOk("kms/describe-key.json");
    server.stubFor(
        json("TrentService.GetKeyRotationStatus")
            .willReturn(jsonOk(fixture("kms/get-key-rotation-status.json")).withFixedDelay(400)));

    KmsKey key = new KmsReader(impatient(AwsService.KMS)).key(ARN);

    assertThat(key.rotationEnabled().failure().errorCode()).isEqualTo("Timeout");
    assertThat(key.metadata().isKnown()).isTrue();
    assertThat(key.policy().isKnown()).isTrue();
  }
}
