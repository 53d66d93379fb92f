package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.trailaudit.collect.AwsStubs.query;
import static io.trailaudit.collect.AwsStubs.queryError;
import static io.trailaudit.collect.AwsStubs.xmlFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.model.Observed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class StsReaderTest {
  static final String ROLE = "arn:aws:iam::222222222222:role/TrailauditReadOnly";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;
  private StsReader reader;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    reader =
        new StsReader(factory.client(AwsService.STS, "us-east-1", "test", WireMockAws.CREDENTIALS));
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  @Test
  void readsTheCallerIdentity() {
    aws.stubFor(query("GetCallerIdentity").willReturn(xmlFile("sts/get-caller-identity.xml")));

    assertThat(reader.callerIdentity())
        .isEqualTo(
            Observed.known(
                new StsReader.CallerIdentity(
                    "111111111111", "arn:aws:sts::111111111111:assumed-role/SecurityAudit/alice")));
  }

  @Test
  void assumesTheRoleOnceWithItsExternalId() {
    aws.stubFor(
        query("AssumeRole")
            .withRequestBody(
                containing("RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FTrailauditReadOnly"))
            .withRequestBody(containing("RoleSessionName=trailaudit"))
            .withRequestBody(containing("ExternalId=audit-2026"))
            .willReturn(xmlFile("sts/assume-role.xml")));

    AwsCredentialsProvider credentials = reader.assumeRole(ROLE, "audit-2026").value();

    AwsSessionCredentials session = (AwsSessionCredentials) credentials.resolveCredentials();
    assertThat(session.accessKeyId()).isEqualTo("ASIAIOSFODNN7EXAMPLE");
    assertThat(session.sessionToken()).isEqualTo("FwoGZXIvYXdzEXAMPLETOKEN");
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aRoleThatCannotBeAssumedIsUnavailableWithTheStsError() {
    aws.stubFor(
        query("AssumeRole")
            .willReturn(
                queryError(
                    403,
                    "AccessDenied",
                    "User: arn:aws:sts::111111111111:assumed-role/SecurityAudit/alice is not"
                        + " authorized to perform: sts:AssumeRole on resource: "
                        + ROLE)));

    Observed<AwsCredentialsProvider> assumed = reader.assumeRole(ROLE, null);

    assertThat(assumed.failure().service()).isEqualTo("sts");
    assertThat(assumed.failure().operation()).isEqualTo("AssumeRole");
    assertThat(assumed.failure().errorCode()).isEqualTo("AccessDenied");
    assertThat(assumed.failure().message()).endsWith("on resource: " + ROLE);
  }
}
