package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.trailaudit.collect.AwsStubs.json11;
import static io.trailaudit.collect.AwsStubs.json11Body;
import static io.trailaudit.collect.AwsStubs.json11Error;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationReaderTest {
  private static final String PREFIX = "AWSOrganizationsV20161128.";
  private static final String ROOT = "r-examplerootid111";
  private static final String WORKLOADS = "ou-examplerootid111-workload1";
  private static final String PROD = "ou-examplerootid111-prod0001";

  private WireMockServer server;
  private ClientFactory factory;
  private CallLog log;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    log = new CallLog();
    factory = WireMockAws.factory(server, log);
  }

  @AfterEach
  void stop() {
    factory.close();
    server.stop();
  }

  private OrganizationReader reader() {
    return reader(factory);
  }

  private static OrganizationReader reader(ClientFactory factory) {
    return new OrganizationReader(
        factory.client(AwsService.ORGANIZATIONS, "us-east-1", "test", WireMockAws.CREDENTIALS));
  }

  private void stubWholeOrganization() {
    server.stubFor(
        json11(PREFIX + "DescribeOrganization")
            .willReturn(json11Body("organizations/DescribeOrganization.json")));
    server.stubFor(
        json11(PREFIX + "ListRoots").willReturn(json11Body("organizations/ListRoots.json")));
    stubChildren(ROOT, "root", null);
    server.stubFor(
        json11(PREFIX + "ListAccountsForParent")
            .withRequestBody(matchingJsonPath("$.ParentId", equalTo(ROOT)))
            .withRequestBody(not(containing("NextToken")))
            .willReturn(json11Body("organizations/ListAccountsForParent-root-1.json")));
    server.stubFor(
        json11(PREFIX + "ListAccountsForParent")
            .withRequestBody(matchingJsonPath("$.ParentId", equalTo(ROOT)))
            .withRequestBody(
                matchingJsonPath("$.NextToken", equalTo("AAQAAXJvb3QtYWNjb3VudHMtcGFnZTI=")))
            .willReturn(json11Body("organizations/ListAccountsForParent-root-2.json")));
    stubChildren(WORKLOADS, "workloads", "empty");
    stubChildren(PROD, "empty", "prod");
    server.stubFor(
        json11(PREFIX + "ListPolicies")
            .withRequestBody(matchingJsonPath("$.Filter", equalTo("SERVICE_CONTROL_POLICY")))
            .willReturn(json11Body("organizations/ListPolicies.json")));
    stubPolicy("p-FullAWSAccess", "full");
    stubPolicy("p-protecttrail", "protect");
  }

  private void stubChildren(String parent, String units, String accounts) {
    server.stubFor(
        json11(PREFIX + "ListOrganizationalUnitsForParent")
            .withRequestBody(matchingJsonPath("$.ParentId", equalTo(parent)))
            .willReturn(
                json11Body("organizations/ListOrganizationalUnitsForParent-" + units + ".json")));
    if (accounts != null) {
      server.stubFor(
          json11(PREFIX + "ListAccountsForParent")
              .withRequestBody(matchingJsonPath("$.ParentId", equalTo(parent)))
              .willReturn(json11Body("organizations/ListAccountsForParent-" + accounts + ".json")));
    }
  }

  private void stubPolicy(String id, String fixture) {
    server.stubFor(
        json11(PREFIX + "DescribePolicy")
            .withRequestBody(matchingJsonPath("$.PolicyId", equalTo(id)))
            .willReturn(json11Body("organizations/DescribePolicy-" + fixture + ".json")));
    server.stubFor(
        json11(PREFIX + "ListTargetsForPolicy")
            .withRequestBody(matchingJsonPath("$.PolicyId", equalTo(id)))
            .willReturn(json11Body("organizations/ListTargetsForPolicy-" + fixture + ".json")));
  }

  @Test
  void readsTheWholeTreeWithPoliciesAndTargets() {
    stubWholeOrganization();

    OrganizationTree tree = reader().tree().value();

    assertThat(tree.organization())
        .isEqualTo(
            new OrganizationMembership(
                "o-exampleorgid",
                "arn:aws:organizations::111111111111:organization/o-exampleorgid",
                "111111111111",
                "ALL"));
    assertThat(tree.roots())
        .containsExactly(
            new OrganizationTree.Root(
                ROOT,
                "arn:aws:organizations::111111111111:root/o-exampleorgid/r-examplerootid111",
                "Root",
                java.util.List.of(
                    new OrganizationTree.PolicyTypeStatus("SERVICE_CONTROL_POLICY", "ENABLED"))));
    assertThat(tree.units())
        .extracting(
            OrganizationTree.Unit::id, OrganizationTree.Unit::name, OrganizationTree.Unit::parentId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WORKLOADS, "Workloads", ROOT),
            org.assertj.core.groups.Tuple.tuple(PROD, "Prod", WORKLOADS));
    // Both pages of the root's accounts, and the account nested two OUs down.
    assertThat(tree.accounts())
        .extracting(
            OrganizationTree.Account::id,
            OrganizationTree.Account::name,
            OrganizationTree.Account::status,
            OrganizationTree.Account::parentId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("111111111111", "management", "ACTIVE", ROOT),
            org.assertj.core.groups.Tuple.tuple("222222222222", "log-archive", "ACTIVE", ROOT),
            org.assertj.core.groups.Tuple.tuple(
                "333333333333", "workload-prod", "SUSPENDED", PROD));
    assertThat(tree.policies()).hasSize(2);
    OrganizationTree.Policy full = tree.policies().get(0);
    assertThat(full.awsManaged()).isTrue();
    assertThat(full.type()).isEqualTo("SERVICE_CONTROL_POLICY");
    assertThat(full.targetIds()).containsExactly(ROOT);
    assertThat(full.content()).contains("\"Action\": \"*\"");
    OrganizationTree.Policy protect = tree.policies().get(1);
    assertThat(protect.name()).isEqualTo("ProtectCloudTrail");
    assertThat(protect.awsManaged()).isFalse();
    assertThat(protect.content()).contains("cloudtrail:StopLogging");
    assertThat(protect.targetIds()).containsExactly(WORKLOADS, "222222222222");

    // 1 describe + 1 roots + 3 OU listings + 4 account pages + 1 policy list + 2 × 2 per policy
    assertThat(log.calls()).isEqualTo(14);
    assertThat(server.getAllServeEvents()).hasSize(14);
  }

  @Test
  void anAccountInNoOrganizationIsKnownNullNotAnError() {
    server.stubFor(
        json11(PREFIX + "DescribeOrganization")
            .willReturn(
                json11Error(
                    400,
                    "AWSOrganizationsNotInUseException",
                    "Your account is not a member of an organization.")));

    assertThat(reader().membership()).isEqualTo(Observed.known(null));
    assertThat(reader().tree()).isEqualTo(Observed.known(null));
  }

  @Test
  void aMemberAccountSeesItsMembershipButNotTheTree() {
    server.stubFor(
        json11(PREFIX + "DescribeOrganization")
            .willReturn(json11Body("organizations/DescribeOrganization.json")));
    server.stubFor(
        json11(PREFIX + "ListRoots")
            .willReturn(
                json11Error(
                    400,
                    "AccessDeniedException",
                    "You don't have permissions to access this resource.")));

    assertThat(reader().membership().value().managementAccountId()).isEqualTo("111111111111");
    Observed.Unavailable<OrganizationTree> failure = reader().tree().failure();
    assertThat(failure.operation()).isEqualTo("ListRoots");
    assertThat(failure.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(failure.reason())
        .isEqualTo(
            "organizations:ListRoots failed: AccessDeniedException"
                + " (You don't have permissions to access this resource.)");
  }

  @Test
  void throttlingIsRetriedThenSucceeds() {
    stubWholeOrganization();
    server.stubFor(
        json11(PREFIX + "ListRoots")
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json11Error(400, "TooManyRequestsException", "Rate exceeded"))
            .willSetStateTo("recovered"));
    server.stubFor(
        json11(PREFIX + "ListRoots")
            .inScenario("throttle")
            .whenScenarioStateIs("recovered")
            .willReturn(json11Body("organizations/ListRoots.json")));

    Observed<OrganizationTree> tree = reader().tree();

    assertThat(tree.value().accounts()).hasSize(3);
    assertThat(log.calls()).isEqualTo(14);
    assertThat(log.attempts()).isEqualTo(15);
  }

  @Test
  void aServerErrorOnOnePolicyMakesTheTreeUnavailableNamingTheCall() {
    stubWholeOrganization();
    server.stubFor(
        json11(PREFIX + "DescribePolicy")
            .withRequestBody(matchingJsonPath("$.PolicyId", equalTo("p-protecttrail")))
            .willReturn(json11Error(500, "ServiceException", "internal error")));

    Observed.Unavailable<OrganizationTree> failure = reader().tree().failure();

    assertThat(failure.operation()).isEqualTo("DescribePolicy");
    assertThat(failure.errorCode()).isEqualTo("ServiceException");
    // retried: adaptive mode makes three attempts
    assertThat(
            server.getAllServeEvents().stream()
                .filter(
                    e ->
                        e.getRequest().getHeader("X-Amz-Target").endsWith("DescribePolicy")
                            && e.getRequest().getBodyAsString().contains("p-protecttrail"))
                .count())
        .isEqualTo(3);
  }

  @Test
  void aMalformedBodyIsUnavailableNotACrash() {
    server.stubFor(
        json11(PREFIX + "DescribeOrganization")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"Organization\": {\"Id\": ")));

    Observed.Unavailable<OrganizationMembership> failure = reader().membership().failure();

    assertThat(failure.operation()).isEqualTo("DescribeOrganization");
    assertThat(failure.errorCode()).isEqualTo("ClientError");
  }

  @Test
  void aTimeoutIsUnavailableWithItsOwnCode() {
    server.stubFor(
        json11(PREFIX + "DescribeOrganization")
            .willReturn(
                json11Body("organizations/DescribeOrganization.json").withFixedDelay(2_000)));
    AwsSettings fast =
        new AwsSettings(
            null,
            "us-east-1",
            URI.create(server.baseUrl()),
            Map.of(),
            Duration.ofMillis(700),
            Duration.ofMillis(200));
    try (ClientFactory quick = new ClientFactory(fast, new CallLog())) {
      Observed.Unavailable<OrganizationMembership> failure = reader(quick).membership().failure();

      assertThat(failure.errorCode()).isEqualTo("Timeout");
    }
  }

  @Test
  void readInParallelTheTreeIsTheSameInTheSameOrder() {
    stubWholeOrganization();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      OrganizationTree sequential = reader().tree().value();
      OrganizationTree parallel = reader().tree(pool).value();

      assertThat(parallel).isEqualTo(sequential);
      assertThat(log.calls()).isEqualTo(2 * 14);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readInParallelAFailedBranchStillNamesItsCall() {
    stubWholeOrganization();
    server.stubFor(
        json11(PREFIX + "ListAccountsForParent")
            .withRequestBody(matchingJsonPath("$.ParentId", equalTo(PROD)))
            .willReturn(json11Error(400, "AccessDeniedException", "denied")));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      Observed.Unavailable<OrganizationTree> failure = reader().tree(pool).failure();

      assertThat(failure.operation()).isEqualTo("ListAccountsForParent");
      assertThat(failure.errorCode()).isEqualTo("AccessDeniedException");
    } finally {
      pool.shutdownNow();
    }
  }
}
