package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.trailaudit.collect.AwsStubs.body;
import static io.trailaudit.collect.AwsStubs.s3ControlError;
import static io.trailaudit.collect.AwsStubs.s3Error;
import static io.trailaudit.collect.AwsStubs.xml;
import static io.trailaudit.collect.AwsStubs.xmlFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.Observed;
import io.trailaudit.model.PublicAccessBlock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BucketReaderTest {
  static final String BUCKET = "org-trail-logs-111111111111";
  static final String KEY =
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;
  private BucketReader reader;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    reader =
        new BucketReader(
            factory.client(AwsService.S3, "us-east-1", "test", WireMockAws.CREDENTIALS),
            factory.client(AwsService.S3_CONTROL, "us-east-1", "test", WireMockAws.CREDENTIALS));
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  /** A path-style bucket sub-resource request: {@code GET /bucket?policy}. */
  static MappingBuilder s3(String bucket, String subresource) {
    return get(urlPathEqualTo("/" + bucket)).withQueryParam(subresource, matching(".*"));
  }

  static MappingBuilder listTopLevel(String bucket) {
    return get(urlPathEqualTo("/" + bucket))
        .withQueryParam("list-type", equalTo("2"))
        .withQueryParam("delimiter", equalTo("/"));
  }

  @Test
  void readsEveryPartOfAConfiguredBucketAndConfirmsItsOwner() {
    aws.stubFor(
        s3(BUCKET, "location")
            .withHeader("x-amz-expected-bucket-owner", equalTo("111111111111"))
            .willReturn(xmlFile("s3/get-bucket-location-eu.xml")));
    aws.stubFor(
        s3(BUCKET, "policy")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body("s3/get-bucket-policy.json"))));
    aws.stubFor(s3(BUCKET, "policyStatus").willReturn(xmlFile("s3/get-bucket-policy-status.xml")));
    aws.stubFor(s3(BUCKET, "acl").willReturn(xmlFile("s3/get-bucket-acl.xml")));
    aws.stubFor(
        s3(BUCKET, "publicAccessBlock").willReturn(xmlFile("s3/get-public-access-block.xml")));
    aws.stubFor(s3(BUCKET, "versioning").willReturn(xmlFile("s3/get-bucket-versioning.xml")));
    aws.stubFor(
        s3(BUCKET, "object-lock").willReturn(xmlFile("s3/get-object-lock-configuration.xml")));
    aws.stubFor(s3(BUCKET, "logging").willReturn(xmlFile("s3/get-bucket-logging.xml")));
    aws.stubFor(s3(BUCKET, "encryption").willReturn(xmlFile("s3/get-bucket-encryption.xml")));
    aws.stubFor(listTopLevel(BUCKET).willReturn(xmlFile("s3/list-objects-v2-top-level.xml")));
    aws.stubFor(
        s3(BUCKET, "lifecycle").willReturn(xmlFile("s3/get-bucket-lifecycle-configuration.xml")));

    Bucket b = reader.bucket(BUCKET, "111111111111");

    assertThat(b.name()).isEqualTo(BUCKET);
    assertThat(b.accountId()).isEqualTo("111111111111");
    assertThat(b.region()).isEqualTo(Observed.known("eu-west-1"));
    assertThat(b.policy()).isEqualTo(Observed.known(body("s3/get-bucket-policy.json")));
    assertThat(b.policyIsPublic()).isEqualTo(Observed.known(false));
    assertThat(b.acl().value())
        .isEqualTo(
            new Bucket.BucketAcl(
                "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",
                List.of(
                    new Bucket.Grant(
                        "CanonicalUser",
                        "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",
                        null,
                        "FULL_CONTROL"),
                    new Bucket.Grant(
                        "Group",
                        null,
                        "http://acs.amazonaws.com/groups/global/AllUsers",
                        "READ"))));
    assertThat(b.publicAccessBlock())
        .isEqualTo(Observed.known(new PublicAccessBlock(true, true, true, false)));
    assertThat(b.versioning())
        .isEqualTo(Observed.known(new Bucket.BucketVersioning("Enabled", "Disabled")));
    assertThat(b.objectLock())
        .isEqualTo(
            Observed.known(
                new Bucket.ObjectLockConfiguration(
                    "Enabled", new Bucket.Retention("COMPLIANCE", 365, null))));
    assertThat(b.logging())
        .isEqualTo(
            Observed.known(
                new Bucket.BucketLogging("access-logs-111111111111", "org-trail-logs/")));
    assertThat(b.encryption())
        .isEqualTo(Observed.known(new Bucket.BucketEncryption("aws:kms", KEY, true)));
    assertThat(b.topLevelEntries())
        .isEqualTo(Observed.known(List.of("AWSLogs/", "access-logs/", "notes to self.txt")));
    assertThat(b.lifecycleRules())
        .isEqualTo(
            Observed.known(
                List.of(
                    new Bucket.LifecycleRule(
                        "expire-old-logs",
                        "Enabled",
                        "AWSLogs/",
                        java.util.Map.of(),
                        null,
                        null,
                        30,
                        null,
                        null,
                        7,
                        2,
                        7,
                        List.of("GLACIER after 90 days")),
                    new Bucket.LifecycleRule(
                        "tagged-scratch",
                        "Disabled",
                        "scratch/",
                        java.util.Map.of("temporary", "true"),
                        1024L,
                        null,
                        null,
                        null,
                        true,
                        null,
                        null,
                        null,
                        List.of()))));
    aws.verify(11, anyRequestedFor(anyUrl()));
  }

  @Test
  void theNoneErrorsMeanNoneAndTheStatusOfNoPolicyIsNotAsked() {
    String bare = "bare-bucket";
    aws.stubFor(s3(bare, "location").willReturn(xmlFile("s3/get-bucket-location-us-east-1.xml")));
    aws.stubFor(
        s3(bare, "policy")
            .willReturn(s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist")));
    aws.stubFor(s3(bare, "acl").willReturn(xmlFile("s3/get-bucket-acl.xml")));
    aws.stubFor(
        s3(bare, "publicAccessBlock")
            .willReturn(
                s3Error(
                    404,
                    "NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found")));
    aws.stubFor(s3(bare, "versioning").willReturn(xmlFile("s3/get-bucket-versioning-never.xml")));
    aws.stubFor(
        s3(bare, "object-lock")
            .willReturn(
                s3Error(
                    404,
                    "ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket")));
    aws.stubFor(s3(bare, "logging").willReturn(xmlFile("s3/get-bucket-logging-off.xml")));
    aws.stubFor(
        s3(bare, "encryption")
            .willReturn(
                s3Error(
                    404,
                    "ServerSideEncryptionConfigurationNotFoundError",
                    "The server side encryption configuration was not found")));
    aws.stubFor(
        listTopLevel(bare)
            .willReturn(
                xml(
                    "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Name>bare-bucket</Name><Prefix></Prefix><KeyCount>0</KeyCount>"
                        + "<MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter>"
                        + "<IsTruncated>false</IsTruncated></ListBucketResult>")));
    aws.stubFor(
        s3(bare, "lifecycle")
            .willReturn(
                s3Error(
                    404,
                    "NoSuchLifecycleConfiguration",
                    "The lifecycle configuration does not exist")));

    Bucket b = reader.bucket(bare, null);

    assertThat(b.accountId()).isNull();
    assertThat(b.region()).isEqualTo(Observed.known("us-east-1"));
    assertThat(b.policy()).isEqualTo(Observed.known(null));
    assertThat(b.policyIsPublic()).isEqualTo(Observed.known(null));
    assertThat(b.publicAccessBlock()).isEqualTo(Observed.known(null));
    assertThat(b.versioning()).isEqualTo(Observed.known(new Bucket.BucketVersioning(null, null)));
    assertThat(b.objectLock()).isEqualTo(Observed.known(null));
    assertThat(b.logging()).isEqualTo(Observed.known(null));
    assertThat(b.encryption()).isEqualTo(Observed.known(null));
    assertThat(b.topLevelEntries()).isEqualTo(Observed.known(List.of()));
    assertThat(b.lifecycleRules()).isEqualTo(Observed.known(List.of()));
    aws.verify(
        0,
        getRequestedFor(urlPathEqualTo("/" + bare)).withQueryParam("policyStatus", matching(".*")));
    aws.verify(10, anyRequestedFor(anyUrl()));
  }

  @Test
  void aBucketOfAnotherAccountIsUnavailableOnEveryValueAndItsOwnerUnknown() {
    aws.stubFor(get(anyUrl()).willReturn(s3Error(403, "AccessDenied", "Access Denied")));

    Bucket b = reader.bucket("log-archive-bucket", "111111111111");

    assertThat(b.accountId()).isNull();
    for (Observed<?> value :
        List.of(
            b.region(),
            b.policy(),
            b.policyIsPublic(),
            b.acl(),
            b.publicAccessBlock(),
            b.versioning(),
            b.objectLock(),
            b.logging(),
            b.encryption(),
            b.topLevelEntries(),
            b.lifecycleRules())) {
      assertThat(value.failure().service()).isEqualTo("s3");
      assertThat(value.failure().errorCode()).isEqualTo("AccessDenied");
      assertThat(value.failure().message()).isEqualTo("Access Denied");
    }
    assertThat(b.policyIsPublic().failure().operation()).isEqualTo("GetBucketPolicyStatus");
    assertThat(b.lifecycleRules().failure().operation())
        .isEqualTo("GetBucketLifecycleConfiguration");
  }

  @Test
  void oneFailingCallMakesOnlyItsValueUnavailable() {
    String bucket = "mixed-bucket";
    aws.stubFor(get(anyUrl()).willReturn(xmlFile("s3/get-bucket-versioning.xml")));
    aws.stubFor(s3(bucket, "location").willReturn(xmlFile("s3/get-bucket-location-eu.xml")));
    aws.stubFor(
        s3(bucket, "acl")
            .willReturn(s3Error(500, "InternalError", "We encountered an internal error.")));
    aws.stubFor(
        s3(bucket, "logging").willReturn(xml("<BucketLoggingStatus><LoggingEnabled><TargetBuck")));
    aws.stubFor(
        s3(bucket, "encryption")
            .inScenario("slow down")
            .whenScenarioStateIs(STARTED)
            .willReturn(s3Error(503, "SlowDown", "Please reduce your request rate."))
            .willSetStateTo("ok"));
    aws.stubFor(
        s3(bucket, "encryption")
            .inScenario("slow down")
            .whenScenarioStateIs("ok")
            .willReturn(xmlFile("s3/get-bucket-encryption.xml")));

    Bucket b = reader.bucket(bucket, "111111111111");

    assertThat(b.accountId()).isEqualTo("111111111111");
    assertThat(b.acl().failure().errorCode()).isEqualTo("InternalError");
    assertThat(b.logging().failure().errorCode()).isEqualTo("ClientError");
    assertThat(b.encryption())
        .isEqualTo(Observed.known(new Bucket.BucketEncryption("aws:kms", KEY, true)));
    assertThat(b.versioning())
        .isEqualTo(Observed.known(new Bucket.BucketVersioning("Enabled", "Disabled")));
    assertThat(b.region()).isEqualTo(Observed.known("eu-west-1"));
    // 500 is retried: three attempts.
    aws.verify(
        3, getRequestedFor(urlPathEqualTo("/" + bucket)).withQueryParam("acl", matching(".*")));
  }

  @Test
  void accountBlockPublicAccessGoesToS3ControlWithTheAccountInHostAndHeader() {
    aws.stubFor(
        get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
            .withHost(equalTo("123456789012.localhost"))
            .withHeader("x-amz-account-id", equalTo("123456789012"))
            .willReturn(xmlFile("s3control/get-public-access-block.xml")));

    assertThat(reader.accountPublicAccessBlock("123456789012"))
        .isEqualTo(Observed.known(new PublicAccessBlock(true, true, true, true)));
  }

  @Test
  void noAccountBlockPublicAccessIsAKnownNull() {
    aws.stubFor(
        get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
            .willReturn(
                s3ControlError(
                    404,
                    "NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found")));

    assertThat(reader.accountPublicAccessBlock("123456789012")).isEqualTo(Observed.known(null));
  }

  @Test
  void deniedAccountBlockPublicAccessIsUnavailable() {
    aws.stubFor(
        get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
            .willReturn(s3ControlError(403, "AccessDenied", "Access Denied")));

    assertThat(reader.accountPublicAccessBlock("123456789012"))
        .isEqualTo(
            Observed.unavailable(
                "s3control", "GetPublicAccessBlock", "AccessDenied", "Access Denied"));
  }
}
