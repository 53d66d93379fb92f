package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.trailaudit.collect.AwsStubs.query;
import static io.trailaudit.collect.AwsStubs.xmlFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/** One SDK client per (service, region), each principal's requests signed with its own keys. */
class ClientFactoryTest {
  static final AwsCredentialsProvider ALICE =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAALICE00000000000", "a"));
  static final AwsCredentialsProvider BOB =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABOB0000000000000", "b"));

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    aws.stubFor(query("GetCallerIdentity").willReturn(xmlFile("sts/get-caller-identity.xml")));
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  @Test
  void twoPrincipalsShareOneClientAndEachSignsWithItsOwnKeys() {
    StsClient alice = factory.client(AwsService.STS, "us-east-1", "alice", ALICE);
    StsClient bob = factory.client(AwsService.STS, "us-east-1", "bob", BOB);

    alice.getCallerIdentity(); // the no-request overload
    bob.getCallerIdentity(r -> {}); // the consumer-builder overload
    alice.getCallerIdentity(
        software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest.builder().build());

    assertThat(factory.built()).isEqualTo(1);
    aws.verify(
        2,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("Credential=AKIAALICE00000000000/")));
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("Credential=AKIABOB0000000000000/")));
  }

  @Test
  void aRegionOrServiceOfItsOwnIsAnotherClient() {
    factory.client(AwsService.STS, "us-east-1", "alice", ALICE);
    factory.client(AwsService.STS, "eu-west-1", "alice", ALICE);
    factory.client(AwsService.KMS, "us-east-1", "alice", ALICE);
    factory.client(AwsService.KMS, "us-east-1", "bob", BOB);

    assertThat(factory.built()).isEqualTo(3);
  }

  @Test
  void aPreparedClientIsTheOneTheFirstCallUsesAndPreparingCallsNothing() {
    factory.prepare(AwsService.STS, "us-east-1");
    factory.prepare(AwsService.STS, "us-east-1");
    assertThat(factory.built()).isEqualTo(1);
    assertThat(aws.getAllServeEvents()).isEmpty();

    factory.client(AwsService.STS, "us-east-1", "alice", ALICE).getCallerIdentity();

    assertThat(factory.built()).isEqualTo(1);
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void closingAViewLeavesTheSharedClientToTheFactory() {
    StsClient alice = factory.client(AwsService.STS, "us-east-1", "alice", ALICE);
    alice.close();

    factory.client(AwsService.STS, "us-east-1", "bob", BOB).getCallerIdentity();

    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Authorization", containing("Credential=AKIABOB0000000000000/")));
  }
}
