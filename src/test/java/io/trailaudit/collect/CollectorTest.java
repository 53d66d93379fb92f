package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.trailaudit.collect.AwsStubs.query;
import static io.trailaudit.collect.AwsStubs.queryError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.checks.AuditScope;
import io.trailaudit.checks.CheckRunner;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.CollectionInfo.ExcludedAccount;
import io.trailaudit.model.CollectionInfo.Exclusion;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import io.trailaudit.snapshot.Snapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CollectorTest {
  static final String MGMT = "111111111111";
  static final String MEMBER = "222222222222";
  static final String DENIED = "333333333333";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);
  static final FakeAws.Estate ESTATE =
      new FakeAws.Estate(
          MGMT, List.of(MEMBER, DENIED), Set.of(DENIED), List.of("us-east-1", "eu-west-1"));
  static final CollectRequest.Organization ORG =
      new CollectRequest.Organization(FakeAws.MEMBER_ROLE, Set.of(), Set.of());

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private CallLog log;
  private ClientFactory factory;

  @BeforeEach
  void setUp() {
    FakeAws.serve(aws.getRuntimeInfo().getWireMock(), ESTATE);
    log = new CallLog();
    factory = WireMockAws.factory(aws.baseUrl(), log);
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  private Snapshot collect(CollectRequest request) {
    return new Collector(factory, WireMockAws.CREDENTIALS, CLOCK, "test", Progress.NONE)
        .collect(request);
  }

  @Test
  void readsTheOrganizationTrailItsBucketAndItsKeyOnceForTheWholeOrganization() {
    Snapshot s = collect(new CollectRequest(List.of(), 16, ORG, null, null));

    assertThat(s.accounts())
        .extracting(AccountSnapshot::accountId)
        .containsExactly(MGMT, MEMBER, DENIED);
    assertThat(s.collectedAt()).isEqualTo(CLOCK.instant());
    assertThat(s.collection().method()).isEqualTo("live");
    assertThat(s.collection().callerArn())
        .isEqualTo("arn:aws:sts::" + MGMT + ":assumed-role/SecurityAudit/alice");
    assertThat(s.collection().regions()).containsExactly("eu-west-1", "us-east-1");
    assertThat(s.organization().value().accounts()).hasSize(3);

    // Seen in 2 accounts x 2 regions, read once, from its owner.
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(FakeAws.CT + "GetTrailStatus"))
            .withHeader("Authorization", containing("Credential=" + FakeAws.CALLER_KEY + "/")));
    aws.verify(
        4,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(FakeAws.CT + "DescribeTrails")));
    aws.verify(
        1,
        getRequestedFor(urlPathEqualTo("/" + ESTATE.bucket()))
            .withQueryParam("location", matching(".*"))
            .withHeader("x-amz-expected-bucket-owner", equalTo(MGMT)));
    assertThat(s.buckets()).hasSize(1);
    assertThat(s.buckets().get(0).accountId()).isEqualTo(MGMT);
    assertThat(s.buckets().get(0).versioning().value().status()).isEqualTo("Enabled");
    assertThat(s.keys()).hasSize(1);
    assertThat(s.keys().get(0).arn()).startsWith("arn:aws:kms:us-east-1:" + MGMT + ":key/");

    Trail fromMember = s.account(MEMBER).orElseThrow().trails().get(0);
    assertThat(fromMember.arn()).isEqualTo(ESTATE.trailArn());
    assertThat(fromMember.status().value().isLogging()).isTrue();
    assertThat(s.account(MEMBER).orElseThrow().enabledRegions())
        .isEqualTo(Observed.known(List.of("eu-west-1", "us-east-1")));
    assertThat(s.account(MEMBER).orElseThrow().organization().value().organizationId())
        .isEqualTo("o-exampleorgid");
    assertThat(s.account(MEMBER).orElseThrow().regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("eu-west-1", "us-east-1");
  }

  @Test
  void anAccountWhoseRoleCannotBeAssumedIsKeptAndEveryCheckOnItIsAnError() {
    Snapshot s = collect(new CollectRequest(List.of(), 4, ORG, null, null));

    AccountSnapshot denied = s.account(DENIED).orElseThrow();
    assertThat(denied.name()).isEqualTo("member-" + DENIED);
    for (Observed<?> value :
        List.of(
            denied.organization(),
            denied.enabledRegions(),
            denied.s3PublicAccessBlock(),
            denied.regions().get(0).trailArns())) {
      assertThat(value.failure().service()).isEqualTo("sts");
      assertThat(value.failure().operation()).isEqualTo("AssumeRole");
      assertThat(value.failure().errorCode()).isEqualTo("AccessDenied");
    }

    List<Finding> findings =
        CheckRunner.discover().run(s, AuditConfig.defaults(), List.of()).stream()
            .filter(f -> DENIED.equals(f.account()))
            .toList();
    assertThat(findings).isNotEmpty();
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.status()).isIn(Status.ERROR, Status.NOT_APPLICABLE));
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("organization-trail/trail-enabled"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.ERROR);
              assertThat(f.message()).contains("sts:AssumeRole failed: AccessDenied");
            });
  }

  @Test
  void aMemberAuditedAloneReadsTheTrailItselfAndGetsTrailNotFoundNotAFalseFail() {
    aws.stubFor(
        query("GetCallerIdentity")
            .atPriority(1)
            .willReturn(
                AwsStubs.xml(
                    AwsStubs.body("sts/get-caller-identity.xml").replace("111111111111", MEMBER))));
    aws.stubFor(
        AwsStubs.json11(FakeAws.ORGS + "ListRoots")
            .atPriority(1)
            .willReturn(
                AwsStubs.json11Error(
                    400,
                    "AccessDeniedException",
                    "You don't have permissions to access this resource.")));
    for (String op :
        List.of("GetTrailStatus", "GetEventSelectors", "GetInsightSelectors", "ListTags")) {
      aws.stubFor(
          AwsStubs.json11(FakeAws.CT + op)
              .atPriority(1)
              .willReturn(
                  AwsStubs.jsonError(
                      400,
                      "TrailNotFoundException",
                      "Unknown trail: " + ESTATE.trailArn() + " for the user: " + MEMBER)));
    }

    Snapshot s = collect(new CollectRequest(List.of("us-east-1"), 4, null, null, null));

    AccountSnapshot member = s.accounts().get(0);
    assertThat(member.accountId()).isEqualTo(MEMBER);
    assertThat(s.organization().failure().operation()).isEqualTo("ListRoots");
    assertThat(member.organization().value().organizationId()).isEqualTo("o-exampleorgid");
    Trail trail = member.trails().get(0);
    assertThat(trail.status().failure().errorCode()).isEqualTo("TrailNotFoundException");
    assertThat(trail.eventSelectors().failure().errorCode()).isEqualTo("TrailNotFoundException");

    List<Finding> findings = CheckRunner.discover().run(s, AuditConfig.defaults(), List.of());
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("organization-trail/trail-enabled"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
    assertThat(findings)
        .noneMatch(
            f ->
                f.status() == Status.FAIL
                    && f.checkId().equals("organization-trail")
                    && f.requirement().equals("trail-enabled"));
  }

  @Test
  void theSnapshotDoesNotDependOnConcurrency() {
    String one = Snapshots.toJson(collect(new CollectRequest(List.of(), 1, ORG, null, null)));
    String many = Snapshots.toJson(collect(new CollectRequest(List.of(), 16, ORG, null, null)));

    assertThat(many).isEqualTo(one);
  }

  @Test
  void accountsNarrowAndExcludeWidenNothing() {
    Snapshot s =
        collect(
            new CollectRequest(
                List.of("eu-west-1"),
                4,
                new CollectRequest.Organization(
                    FakeAws.MEMBER_ROLE, Set.of(MGMT, MEMBER), Set.of(MGMT)),
                null,
                null));

    assertThat(s.accounts()).extracting(AccountSnapshot::accountId).containsExactly(MEMBER);
    assertThat(s.accounts().get(0).regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("eu-west-1");
    assertThat(s.collection().regions()).containsExactly("eu-west-1");
    // The owner is not audited: the member reads the trail, and gets TrailNotFound.
    assertThat(s.accounts().get(0).trails().get(0).status().failure().errorCode())
        .isEqualTo("TrailNotFoundException");
    aws.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing(DENIED)));
    // The snapshot says why the other two accounts are missing, so the audit can tell.
    assertThat(s.collection().excludedAccounts())
        .containsExactly(
            new ExcludedAccount(MGMT, Exclusion.EXCLUDED),
            new ExcludedAccount(DENIED, Exclusion.NOT_SELECTED));
    assertThat(CheckRunner.discover().run(s, AuditConfig.defaults(), List.of()))
        .noneMatch(f -> f.checkId().equals(AuditScope.CHECK_ID));
  }

  @Test
  void withoutOrgModeTheOtherAccountsAreRecordedAsLeftOut() {
    Snapshot s = collect(new CollectRequest(List.of("us-east-1"), 4, null, null, null));

    assertThat(s.accounts()).extracting(AccountSnapshot::accountId).containsExactly(MGMT);
    assertThat(s.collection().excludedAccounts())
        .containsExactly(
            new ExcludedAccount(MEMBER, Exclusion.NOT_ORGANIZATION_MODE),
            new ExcludedAccount(DENIED, Exclusion.NOT_ORGANIZATION_MODE));
    assertThat(Snapshots.parse("s.json", Snapshots.toJson(s).getBytes()).collection())
        .isEqualTo(s.collection());
  }

  @Test
  void anOrganizationCollectionOfEveryAccountRecordsNoneLeftOut() {
    Snapshot s = collect(new CollectRequest(List.of("us-east-1"), 4, ORG, null, null));

    assertThat(s.collection().excludedAccounts()).isEmpty();
  }

  @Test
  void anAccountOutsideTheOrganizationIsAUsageError() {
    assertThatThrownBy(
            () ->
                collect(
                    new CollectRequest(
                        List.of(),
                        4,
                        new CollectRequest.Organization(
                            FakeAws.MEMBER_ROLE, Set.of("999999999999"), Set.of()),
                        null,
                        null)))
        .isInstanceOf(CollectionException.class)
        .hasMessage("account 999999999999 is not in organization o-exampleorgid");
  }

  @Test
  void anUnidentifiableCallerStopsCollectionWithTheReason() {
    aws.stubFor(
        query("GetCallerIdentity")
            .atPriority(1)
            .willReturn(
                queryError(
                    403,
                    "InvalidClientTokenId",
                    "The security token included in the request is invalid.")));

    assertThatThrownBy(() -> collect(new CollectRequest(List.of(), 4, null, null, null)))
        .isInstanceOf(CollectionException.class)
        .hasMessage(
            "cannot identify the caller: sts:GetCallerIdentity failed: InvalidClientTokenId (The"
                + " security token included in the request is invalid.)");
    aws.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void theLogArchiveRoleReadsTheBucketAndAFailedOneMakesItUnavailable() {
    aws.stubFor(
        query("AssumeRole")
            .withRequestBody(containing("LogReader"))
            .atPriority(1)
            .willReturn(
                queryError(403, "AccessDenied", "not authorized to perform: sts:AssumeRole")));
    Snapshot s =
        collect(
            new CollectRequest(
                List.of("us-east-1"), 4, null, "arn:aws:iam::" + DENIED + ":role/LogReader", null));

    var bucket = s.buckets().get(0);
    assertThat(bucket.accountId()).isNull();
    assertThat(bucket.policy().failure().reason())
        .startsWith("sts:AssumeRole failed: AccessDenied");
    aws.verify(0, getRequestedFor(urlPathEqualTo("/" + ESTATE.bucket())));
  }

  @Test
  void progressCountsAccountsAndRegions() {
    List<Progress.Counts> seen = new ArrayList<>();
    new Collector(
            factory,
            WireMockAws.CREDENTIALS,
            CLOCK,
            "test",
            c -> {
              synchronized (seen) {
                seen.add(c);
              }
            })
        .collect(new CollectRequest(List.of(), 4, ORG, null, null));

    Progress.Counts last =
        seen.stream().filter(c -> c.accountsDone() == 3).findFirst().orElseThrow();
    assertThat(last.accountsTotal()).isEqualTo(3);
    // Two regions in each readable account, the home region for the one that could not be entered.
    assertThat(seen.stream().mapToInt(Progress.Counts::regionsDone).max().orElse(0)).isEqualTo(5);
    assertThat(last.calls()).isPositive();
  }

  @Test
  void verifyDigestsValidatesEveryAccountAndRegionOfTheTrailOnceWithItsOwnersCredentials() {
    List<String> calls = new ArrayList<>();
    Collector.LogValidator validator =
        (f, credentials, principal, trail, account, region, start, end, concurrency) -> {
          synchronized (calls) {
            calls.add(
                principal
                    + " "
                    + trail.arn()
                    + " "
                    + account
                    + " "
                    + region
                    + " "
                    + start
                    + " "
                    + end
                    + " "
                    + concurrency);
          }
          return new LogValidation(
              trail.arn(),
              account,
              region,
              start,
              end,
              Observed.unavailable("s3", "ListObjectsV2", "AccessDenied", "Access Denied"));
        };

    Snapshot s =
        new Collector(factory, WireMockAws.CREDENTIALS, CLOCK, "test", Progress.NONE, validator)
            .collect(
                new CollectRequest(List.of(), 4, ORG, null, null, java.time.Duration.ofHours(6)));

    // The organization trail, seen from three accounts, is validated as its owner, once per
    // audited account (the one whose role was refused too: its files are in the bucket, and as
    // its regions could not be listed, every region collected) and per region read in it (the
    // trail is multi-region), at most 4 at once with one fetch each (concurrency 4).
    String window = " 2025-11-20T06:00:00Z 2025-11-20T12:00:00Z 1";
    assertThat(calls)
        .containsExactlyInAnyOrder(
            "caller " + ESTATE.trailArn() + " " + MGMT + " eu-west-1" + window,
            "caller " + ESTATE.trailArn() + " " + MGMT + " us-east-1" + window,
            "caller " + ESTATE.trailArn() + " " + MEMBER + " eu-west-1" + window,
            "caller " + ESTATE.trailArn() + " " + MEMBER + " us-east-1" + window,
            "caller " + ESTATE.trailArn() + " " + DENIED + " eu-west-1" + window,
            "caller " + ESTATE.trailArn() + " " + DENIED + " us-east-1" + window);
    assertThat(s.logValidations(ESTATE.trailArn()))
        .extracting(LogValidation::account, LogValidation::region)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MGMT, "eu-west-1"),
            org.assertj.core.groups.Tuple.tuple(MGMT, "us-east-1"),
            org.assertj.core.groups.Tuple.tuple(MEMBER, "eu-west-1"),
            org.assertj.core.groups.Tuple.tuple(MEMBER, "us-east-1"),
            org.assertj.core.groups.Tuple.tuple(DENIED, "eu-west-1"),
            org.assertj.core.groups.Tuple.tuple(DENIED, "us-east-1"));
    assertThat(s.logValidation(ESTATE.trailArn()).orElseThrow().result().failure().errorCode())
        .isEqualTo("AccessDenied");
  }

  @Test
  void withoutVerifyDigestsNothingIsValidated() {
    Collector.LogValidator refuse =
        (f, credentials, principal, trail, account, region, start, end, concurrency) -> {
          throw new AssertionError("validated " + trail.arn());
        };

    Snapshot s =
        new Collector(factory, WireMockAws.CREDENTIALS, CLOCK, "test", Progress.NONE, refuse)
            .collect(new CollectRequest(List.of(), 4, ORG, null, null));

    assertThat(s.logValidations()).isEmpty();
  }

  @Test
  void
      historyDaysSearchesEachResourcesAccountAndRegionWithItsCredentialsPacedPerAccountAndRegion() {
    aws.stubFor(
        AwsStubs.json11(FakeAws.CT + "LookupEvents")
            .willReturn(AwsStubs.jsonFile("cloudtrail/lookup-events-empty.json")));
    aws.stubFor(
        AwsStubs.json11(FakeAws.CT + "LookupEvents")
            .atPriority(1)
            .withRequestBody(containing("\"AttributeValue\":\"StopLogging\""))
            .willReturn(AwsStubs.jsonFile("cloudtrail/lookup-events-start-logging.json")));
    FakeTicker ticker = new FakeTicker();
    RateLimiters limits = new RateLimiters(ticker);

    Snapshot s =
        new Collector(factory, WireMockAws.CREDENTIALS, CLOCK, "test", Progress.NONE)
            .withLookupLimits(limits)
            .collect(new CollectRequest(List.of(), 4, ORG, null, null, null, 90));

    List<EventHistory> history = s.eventHistory().value();
    // The organization trail, its bucket, key and log group all live in the management account's
    // us-east-1, where the SCPs' events are recorded too: one history, searched as the caller.
    assertThat(history)
        .extracting(EventHistory::account, EventHistory::region)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(MGMT, "us-east-1"));
    EventHistory h = history.get(0);
    assertThat(h.windowEnd()).isEqualTo(CLOCK.instant());
    assertThat(h.windowStart()).isEqualTo(Instant.parse("2025-08-22T12:00:00Z"));
    assertThat(h.resources()).contains(ESTATE.trailArn(), "org-trail", ESTATE.bucket());
    // The stub answers the StopLogging lookup with a StartLogging of the trail: kept as read.
    assertThat(h.events().value())
        .extracting(ChangeEvent::eventName, ChangeEvent::sourceIpAddress)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("StartLogging", "203.0.113.7"));
    int lookups = h.eventNames().size();
    aws.verify(
        lookups,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(FakeAws.CT + "LookupEvents"))
            .withHeader("Authorization", containing("Credential=" + FakeAws.CALLER_KEY + "/")));
    // One (account, region), one call at a time at two a second: every call but the first waited.
    assertThat(limits.waited()).isEqualTo(java.time.Duration.ofMillis(500L * (lookups - 1)));
  }

  @Test
  void withoutHistoryDaysNoHistoryIsSearchedAndTheSnapshotSaysSo() {
    Snapshot s = collect(new CollectRequest(List.of(), 4, ORG, null, null));

    assertThat(s.eventHistory().failure().errorCode()).isEqualTo(Observed.NOT_COLLECTED);
    assertThat(s.eventHistory().failure().message()).contains("--history-days 0");
    aws.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(FakeAws.CT + "LookupEvents")));
  }

  @Test
  void historyThatCannotBeReadIsUnavailableForThatAccountAndRegion() {
    aws.stubFor(
        AwsStubs.json11(FakeAws.CT + "LookupEvents")
            .willReturn(
                AwsStubs.jsonError(
                    400,
                    "AccessDeniedException",
                    "User: arn:aws:sts::111111111111:assumed-role/SecurityAudit/alice is not"
                        + " authorized to perform: cloudtrail:LookupEvents")));

    Snapshot s =
        new Collector(factory, WireMockAws.CREDENTIALS, CLOCK, "test", Progress.NONE)
            .withLookupLimits(new RateLimiters(new FakeTicker()))
            .collect(new CollectRequest(List.of(), 4, ORG, null, null, null, 7));

    EventHistory h = s.eventHistory().value().get(0);
    assertThat(h.account()).isEqualTo(MGMT);
    assertThat(h.events().failure().reason())
        .startsWith("cloudtrail:LookupEvents failed: AccessDeniedException (EventName=StopLogging");
  }
}
