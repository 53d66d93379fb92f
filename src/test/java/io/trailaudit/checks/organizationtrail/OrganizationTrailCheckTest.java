package io.trailaudit.checks.organizationtrail;

import static io.trailaudit.testing.FindingLookup.only;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.ORG_ID;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.advanced;
import static io.trailaudit.testing.Fixtures.classic;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.edit;
import static io.trailaudit.testing.Fixtures.fieldEquals;
import static io.trailaudit.testing.Fixtures.fieldNotEquals;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.region;
import static io.trailaudit.testing.Fixtures.regionUnreadable;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.selector;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.stopped;
import static io.trailaudit.testing.Fixtures.withEnabledRegions;
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withOrganization;
import static io.trailaudit.testing.Fixtures.withRegions;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Java still: owner/member multi-account cases and the multi-region and global-events groups are
 * not yet converted to data under checks/organization-trail/ (issue 13 item 3, left open).
 */
class OrganizationTrailCheckTest {
  private static final String ENABLED = "organization-trail/trail-enabled";
  private static final String MULTI = "organization-trail/multi-region-management-events";
  private static final String ALL_REGIONS = "organization-trail/all-regions";
  private static final String ORG = "organization-trail/organization-trail";
  private static final String GLOBAL = "organization-trail/global-service-events";
  private static final String DELIVERY = "organization-trail/delivery-healthy";

  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String OWNER_NOTE = "organization trail owned by account " + MGMT;

  // ---------------------------------------------------------------- helpers

  private static List<Finding> run(Snapshot s) {
    return run(s, AuditConfig.defaults());
  }

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new OrganizationTrailCheck().evaluate(s, config);
  }

  private static List<Finding> run(AccountSnapshot... accounts) {
    return run(snapshot(accounts));
  }

  /** An account-level finding: status, rule, and the account's root as resource. */
  private static Finding accountFinding(
      List<Finding> fs, String ruleId, String account, Status status) {
    Finding f = only(fs, ruleId, account);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    assertThat(f.region()).isEqualTo("global");
    assertThat(f.resourceArn()).isEqualTo("arn:aws:iam::" + account + ":root");
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  /** The delivery-healthy finding of the trail {@code arn}: status and the trail as resource. */
  private static Finding trailFinding(
      List<Finding> fs, String arn, String account, String region, Status status) {
    List<Finding> matching =
        fs.stream()
            .filter(f -> f.ruleId().equals(DELIVERY) && arn.equals(f.resourceArn()))
            .toList();
    assertThat(matching).as("delivery-healthy findings for %s", arn).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.status()).as(f.message()).isEqualTo(status);
    assertThat(f.account()).isEqualTo(account);
    assertThat(f.region()).isEqualTo(region);
    return f;
  }

  private static Trail status(Trail t, TrailStatus s) {
    return withStatus(t, Observed.known(s));
  }

  private static Trail selectors(Trail t, EventSelectors s) {
    return withSelectors(t, Observed.known(s));
  }

  private static TrailStatus delivered(Instant at, String error) {
    return new TrailStatus(
        true,
        at,
        error,
        NOW.minusSeconds(1800),
        null,
        null,
        null,
        Instant.parse("2024-01-01T00:00:00Z"),
        null);
  }

  private static <T> Observed<T> trailNotFound(String operation) {
    return Observed.unavailable(
        "cloudtrail",
        operation,
        "TrailNotFoundException",
        "Unknown trail: " + TRAIL_ARN + " for the user: " + MEMBER);
  }

  /** The organization trail as a member account sees it: per-trail reads refused. */
  private static Trail shadowOrgTrail() {
    return withSelectors(
        withStatus(orgTrail(), trailNotFound("GetTrailStatus")),
        trailNotFound("GetEventSelectors"));
  }

  /** A multi-region trail of the management account that is not an organization trail. */
  private static Trail multiRegionTrail(String name) {
    return withFlags(regionalTrail(MGMT, US, name), true, false, true, true);
  }

  private static String arn(String account, String region, String name) {
    return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
  }

  private static AccountSnapshot notInOrganization(AccountSnapshot a) {
    return withOrganization(a, Observed.known(null));
  }

  private static AccountSnapshot describeTrailsFailedEverywhere(AccountSnapshot a) {
    return withRegions(a, List.of(regionUnreadable(US), regionUnreadable(EU)));
  }

  // ---------------------------------------------------------------- healthy baseline

  // ---------------------------------------------------------------- trail-enabled

  // ---------------------------------------------------------------- multi-region-management-events

  @Nested
  class MultiRegionManagementEvents {
    private Finding evaluate(Trail... trails) {
      return only(run(account(MGMT, trails)), MULTI, MGMT);
    }

    private void assertFailsOnOrgTrail(Finding f) {
      assertThat(f.status()).as(f.message()).isEqualTo(Status.FAIL);
      assertThat(f.message())
          .startsWith("no multi-region trail logs all read and write management events");
      assertThat(f.remediation())
          .contains(
              "update-trail --name "
                  + TRAIL_ARN
                  + " --is-multi-region-trail"
                  + " --region us-east-1")
          .contains("put-event-selectors --trail-name " + TRAIL_ARN);
    }

    @Test
    void passesWithClassicAllManagementEvents() {
      Finding f = accountFinding(run(account(MGMT, orgTrail())), MULTI, MGMT, Status.PASS);
      assertThat(f.message())
          .contains("multi-region trail org-trail (" + TRAIL_ARN + ")")
          .contains("read and write management events");
    }

    @Test
    void passesWithAnAdvancedManagementSelector() {
      Finding f =
          evaluate(
              selectors(
                  orgTrail(),
                  advanced(
                      selector("Management events", fieldEquals("eventCategory", "Management")))));
      assertThat(f.status()).isEqualTo(Status.PASS);
    }

    @Test
    void readOnlyAndWriteOnlyAdvancedSelectorsOnTheSameTrailAddUp() {
      Finding f =
          evaluate(
              selectors(
                  orgTrail(),
                  advanced(
                      selector(
                          "reads",
                          fieldEquals("eventCategory", "Management"),
                          fieldEquals("readOnly", "true")),
                      selector(
                          "writes",
                          fieldEquals("eventCategory", "Management"),
                          fieldEquals("readOnly", "false")))));
      assertThat(f.status()).as(f.message()).isEqualTo(Status.PASS);
    }

    @Test
    void readOnlyAndWriteOnlyClassicSelectorsOnTheSameTrailAddUp() {
      EventSelectors both =
          new EventSelectors(
              List.of(
                  new EventSelector("ReadOnly", true, List.of(), List.of()),
                  new EventSelector("WriteOnly", true, List.of(), List.of())),
              List.of());
      assertThat(evaluate(selectors(orgTrail(), both)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesWhenOneOfSeveralMultiRegionTrailsIsComplete() {
      Finding f =
          evaluate(selectors(orgTrail(), classic("ReadOnly", List.of())), multiRegionTrail("full"));
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.message()).contains("full");
    }

    @Test
    void failsWithoutAMultiRegionTrail() {
      Finding f =
          accountFinding(
              run(account(MGMT, regionalTrail(MGMT, US, "us"), regionalTrail(MGMT, EU, "eu"))),
              MULTI,
              MGMT,
              Status.FAIL);
      assertThat(f.message()).isEqualTo("no multi-region trail is visible from account " + MGMT);
      assertThat(f.remediation())
          .contains("create-trail")
          .contains("--is-multi-region-trail")
          .contains("--region us-east-1");
    }

    @Test
    void failsWhenTheMultiRegionTrailIsNotLogging() {
      Finding f = evaluate(status(orgTrail(), stopped()));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("org-trail is not logging");
    }

    @Test
    void failsWhenOnlyReadEventsAreLogged() {
      Finding f = evaluate(selectors(orgTrail(), classic("ReadOnly", List.of())));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("org-trail: management events (write) not logged");
    }

    @Test
    void failsWhenOnlyWriteEventsAreLogged() {
      Finding f = evaluate(selectors(orgTrail(), classic("WriteOnly", List.of())));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("org-trail: management events (read) not logged");
    }

    @Test
    void failsWhenAManagementEventSourceIsExcluded() {
      Finding f = evaluate(selectors(orgTrail(), classic("All", List.of("kms.amazonaws.com"))));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("excludes eventSource kms.amazonaws.com");
    }

    @Test
    void failsWhenTheAdvancedSelectorIsNarrowedByEventSource() {
      Finding f =
          evaluate(
              selectors(
                  orgTrail(),
                  advanced(
                      selector(
                          "no KMS",
                          fieldEquals("eventCategory", "Management"),
                          fieldNotEquals("eventSource", "kms.amazonaws.com")))));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("selector 'no KMS' excludes eventSource kms.amazonaws.com");
    }

    @Test
    void failsWhenTheAdvancedSelectorIsReadOnly() {
      Finding f =
          evaluate(
              selectors(
                  orgTrail(),
                  advanced(
                      selector(
                          "reads",
                          fieldEquals("eventCategory", "Management"),
                          fieldEquals("readOnly", "true")))));
      assertFailsOnOrgTrail(f);
      assertThat(f.message()).contains("management events (write) not logged");
    }

    @Test
    void aReadOnlyTrailAndAWriteOnlyTrailDoNotAddUp() {
      Trail reads = selectors(orgTrail(), classic("ReadOnly", List.of()));
      Trail writes = selectors(multiRegionTrail("writes"), classic("WriteOnly", List.of()));
      Finding f = evaluate(reads, writes);
      assertFailsOnOrgTrail(f);
      assertThat(f.message())
          .contains("org-trail: management events (write) not logged")
          .contains("writes: management events (read) not logged");
    }

    @Test
    void aSingleRegionTrailDoesNotCount() {
      Finding f = evaluate(regionalTrail(MGMT, US, "us"));
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.message()).contains("no multi-region trail is visible");
    }

    @Test
    void errorWhenTheStatusIsUnavailable() {
      Finding f = evaluate(withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")));
      assertThat(f.status()).isEqualTo(Status.ERROR);
      assertThat(f.remediation()).isNull();
      assertThat(f.message())
          .contains("status of trail org-trail")
          .contains("cloudtrail:GetTrailStatus failed: AccessDeniedException");
    }

    @Test
    void errorWhenTheSelectorsAreUnavailable() {
      Finding f = evaluate(withSelectors(orgTrail(), denied("cloudtrail", "GetEventSelectors")));
      assertThat(f.status()).isEqualTo(Status.ERROR);
      assertThat(f.message())
          .contains("event selectors of trail org-trail")
          .contains("cloudtrail:GetEventSelectors failed: AccessDeniedException");
    }

    @Test
    void errorNotFailWhenAnUnreadableTrailMightPass() {
      Finding f =
          evaluate(
              status(orgTrail(), stopped()),
              withSelectors(multiRegionTrail("other"), denied("cloudtrail", "GetEventSelectors")));
      assertThat(f.status()).isEqualTo(Status.ERROR);
      assertThat(f.message()).contains("event selectors of trail other");
    }

    @Test
    void errorWhenDescribeTrailsFailedInEveryRegion() {
      Finding f =
          accountFinding(
              run(describeTrailsFailedEverywhere(account(MGMT))), MULTI, MGMT, Status.ERROR);
      assertThat(f.message()).contains("cloudtrail:DescribeTrails failed");
    }
  }

  // ---------------------------------------------------------------- all-regions

  @Nested
  class AllRegions {

    @Test
    void failsNamingTheUncoveredRegions() {
      AccountSnapshot a =
          withEnabledRegions(
              account(MGMT, regionalTrail(MGMT, US, "us")),
              Observed.known(List.of(US, EU, "ap-south-1")));
      Finding f = accountFinding(run(a), ALL_REGIONS, MGMT, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "2 of 3 enabled regions have no logging trail with management events: ap-south-1, eu-west-1");
      assertThat(f.remediation()).contains("ap-south-1, eu-west-1").doesNotContain("us-east-1");
    }

    @Test
    void failsWhenTheRegionsTrailIsStopped() {
      List<Finding> fs =
          run(
              account(
                  MGMT,
                  regionalTrail(MGMT, US, "us"),
                  status(regionalTrail(MGMT, EU, "eu"), stopped())));
      Finding f = accountFinding(fs, ALL_REGIONS, MGMT, Status.FAIL);
      assertThat(f.message()).endsWith(": eu-west-1");
      assertThat(f.remediation()).contains("eu-west-1");
    }

    @Test
    void failsWhenTheRegionsTrailLogsNoManagementEvents() {
      EventSelectors dataOnly =
          new EventSelectors(
              List.of(new EventSelector("All", false, List.of(), List.of())), List.of());
      List<Finding> fs =
          run(
              account(
                  MGMT,
                  regionalTrail(MGMT, US, "us"),
                  selectors(regionalTrail(MGMT, EU, "eu"), dataOnly)));
      assertThat(accountFinding(fs, ALL_REGIONS, MGMT, Status.FAIL).message())
          .endsWith(": eu-west-1");
    }

    @Test
    void failsWhenTheMultiRegionTrailIsStopped() {
      Finding f =
          accountFinding(
              run(account(MGMT, status(orgTrail(), stopped()))), ALL_REGIONS, MGMT, Status.FAIL);
      assertThat(f.message()).contains("2 of 2").contains("eu-west-1, us-east-1");
    }

    @Test
    void errorWhenAnUncoveredRegionsTrailHasUnavailableStatus() {
      Trail eu = withStatus(regionalTrail(MGMT, EU, "eu"), denied("cloudtrail", "GetTrailStatus"));
      Finding f =
          accountFinding(
              run(account(MGMT, regionalTrail(MGMT, US, "us"), eu)),
              ALL_REGIONS,
              MGMT,
              Status.ERROR);
      assertThat(f.message())
          .contains("cannot tell whether regions eu-west-1 are covered")
          .contains("status of trail eu")
          .contains("cloudtrail:GetTrailStatus failed");
    }

    @Test
    void errorWhenAMultiRegionTrailHasUnavailableStatus() {
      List<Finding> fs =
          run(
              account(
                  MGMT,
                  regionalTrail(MGMT, US, "us"),
                  withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"))));
      Finding f = accountFinding(fs, ALL_REGIONS, MGMT, Status.ERROR);
      assertThat(f.message()).contains("regions eu-west-1").contains("status of trail org-trail");
    }

    @Test
    void anUnavailableTrailElsewhereDoesNotHideAFailure() {
      // us-east-1 is uncovered for sure: the unreadable trail lives in eu-west-1 and covers only
      // it.
      Trail eu = withStatus(regionalTrail(MGMT, EU, "eu"), denied("cloudtrail", "GetTrailStatus"));
      Finding f = accountFinding(run(account(MGMT, eu)), ALL_REGIONS, MGMT, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "1 of 2 enabled regions have no logging trail with management events:"
                  + " us-east-1 (cannot tell for eu-west-1)");
      assertThat(f.remediation()).contains("us-east-1").doesNotContain("eu-west-1");
      AccountSnapshot covered =
          account(
              MGMT,
              regionalTrail(MGMT, EU, "eu2"),
              withStatus(regionalTrail(MGMT, EU, "eu"), denied("cloudtrail", "GetTrailStatus")));
      Finding g = accountFinding(run(covered), ALL_REGIONS, MGMT, Status.FAIL);
      assertThat(g.message()).endsWith(": us-east-1");
    }

    @Test
    void errorNotFailWhenDescribeTrailsFailedInAnUncoveredRegion() {
      AccountSnapshot a =
          withRegions(
              account(MGMT, regionalTrail(MGMT, US, "us")),
              List.of(region(US, List.of(arn(MGMT, US, "us"))), regionUnreadable(EU)));
      Finding f = accountFinding(run(a), ALL_REGIONS, MGMT, Status.ERROR);
      assertThat(f.message())
          .contains("regions eu-west-1")
          .contains("eu-west-1: cloudtrail:DescribeTrails failed");
    }

    @Test
    void errorWhenDescribeTrailsFailedInEveryRegion() {
      Finding f =
          accountFinding(
              run(describeTrailsFailedEverywhere(account(MGMT))), ALL_REGIONS, MGMT, Status.ERROR);
      assertThat(f.message()).contains("cloudtrail:DescribeTrails failed");
    }
  }

  // ---------------------------------------------------------------- organization-trail

  // ---------------------------------------------------------------- global-service-events

  @Nested
  class GlobalServiceEvents {

    @Test
    void failsWithoutAMultiRegionTrail() {
      Finding f =
          accountFinding(
              run(
                  account(
                      MGMT, withFlags(regionalTrail(MGMT, US, "us"), false, false, true, true))),
              GLOBAL,
              MGMT,
              Status.FAIL);
      assertThat(f.message()).contains("no multi-region trail is visible");
      assertThat(f.remediation())
          .contains("--is-multi-region-trail --include-global-service-events");
    }

    @Test
    void failsWhenTheTrailIncludingThemIsNotLogging() {
      Finding f =
          accountFinding(
              run(account(MGMT, status(orgTrail(), stopped()))), GLOBAL, MGMT, Status.FAIL);
      assertThat(f.message())
          .contains("the multi-region trails that include them are not logging: org-trail");
      assertThat(f.remediation())
          .isEqualTo("aws cloudtrail start-logging --name " + TRAIL_ARN + " --region us-east-1");
    }

    @Test
    void errorWhenTheIncludingTrailsStatusIsUnavailable() {
      Finding f =
          accountFinding(
              run(account(MGMT, withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")))),
              GLOBAL,
              MGMT,
              Status.ERROR);
      assertThat(f.message())
          .contains("cannot tell whether global service events are logged")
          .contains("cloudtrail:GetTrailStatus failed");
    }

    @Test
    void errorWhenDescribeTrailsFailedInEveryRegion() {
      Finding f =
          accountFinding(
              run(describeTrailsFailedEverywhere(account(MGMT))), GLOBAL, MGMT, Status.ERROR);
      assertThat(f.message()).contains("cloudtrail:DescribeTrails failed");
    }

    private Finding globalWith(EventSelectors s, Status expected) {
      return accountFinding(run(account(MGMT, selectors(orgTrail(), s))), GLOBAL, MGMT, expected);
    }

    @Test
    void failsWhenTheSelectorsRecordNoManagementEvents() {
      // Data events only: IncludeGlobalServiceEvents=true lets IAM/STS events in, nothing keeps
      // them.
      Finding f =
          globalWith(
              advanced(
                  selector(
                      "S3 data",
                      fieldEquals("eventCategory", "Data"),
                      fieldEquals("resources.type", "AWS::S3::Object"))),
              Status.FAIL);
      assertThat(f.message())
          .contains("org-trail includes global service events but its selectors do not record")
          .contains("iam.amazonaws.com read")
          .contains("cloudfront.amazonaws.com write")
          .contains("not logged");
      assertThat(f.remediation())
          .contains("put-event-selectors --trail-name " + TRAIL_ARN)
          .contains("\"Equals\":[\"Management\"]");
    }

    @Test
    void failsWhenClassicSelectorsExcludeManagementEvents() {
      EventSelectors dataOnly =
          new EventSelectors(
              List.of(
                  new EventSelector(
                      "All",
                      false,
                      List.of(),
                      List.of(
                          new EventSelectors.DataResource(
                              "AWS::S3::Object", List.of("arn:aws:s3"))))),
              List.of());
      Finding f = globalWith(dataOnly, Status.FAIL);
      assertThat(f.message()).contains("sts.amazonaws.com read, sts.amazonaws.com write");
    }

    @Test
    void failsWhenOnlyReadOnlyManagementEventsAreRecorded() {
      Finding f = globalWith(classic("ReadOnly", List.of()), Status.FAIL);
      assertThat(f.message())
          .contains("iam.amazonaws.com write")
          .doesNotContain("iam.amazonaws.com read,");
    }

    @Test
    void failsWhenAnAdvancedSelectorExcludesAGlobalEventSource() {
      Finding f =
          globalWith(
              advanced(
                  selector(
                      "Management but IAM",
                      fieldEquals("eventCategory", "Management"),
                      fieldNotEquals("eventSource", "iam.amazonaws.com"))),
              Status.FAIL);
      assertThat(f.message()).contains("iam.amazonaws.com").doesNotContain("sts.amazonaws.com");
    }

    @Test
    void passesWhenAReadAndAWriteSelectorTogetherRecordThem() {
      Finding f =
          globalWith(
              advanced(
                  selector(
                      "reads",
                      fieldEquals("eventCategory", "Management"),
                      fieldEquals("readOnly", "true")),
                  selector(
                      "writes",
                      fieldEquals("eventCategory", "Management"),
                      fieldEquals("readOnly", "false"))),
              Status.PASS);
      assertThat(f.message()).contains("records their read and write management events");
    }

    @Test
    void passesWhenOnlyAnEventSourceThatIsNotGlobalIsExcluded() {
      globalWith(classic("All", List.of("kms.amazonaws.com")), Status.PASS);
    }

    @Test
    void anotherTrailRecordingThemPassesDespiteANarrowOne() {
      Trail narrow =
          withFlags(
              selectors(
                  edit(
                      orgTrail(),
                      e -> {
                        e.arn = "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/narrow";
                        e.name = "narrow";
                      }),
                  classic("WriteOnly", List.of())),
              true,
              false,
              true,
              true);
      Finding f = accountFinding(run(account(MGMT, narrow, orgTrail())), GLOBAL, MGMT, Status.PASS);
      assertThat(f.message()).contains("org-trail");
    }

    @Test
    void errorWhenTheIncludingTrailsSelectorsAreUnavailable() {
      Finding f =
          accountFinding(
              run(
                  account(
                      MGMT, withSelectors(orgTrail(), denied("cloudtrail", "GetEventSelectors")))),
              GLOBAL,
              MGMT,
              Status.ERROR);
      assertThat(f.message())
          .contains("cannot tell whether global service events are logged")
          .contains("cloudtrail:GetEventSelectors failed");
    }
  }

  // ---------------------------------------------------------------- delivery-healthy

  @Nested
  class DeliveryHealthy {
    private Finding delivery(TrailStatus s) {
      return delivery(s, AuditConfig.defaults());
    }

    private Finding delivery(TrailStatus s, AuditConfig config) {
      return only(run(snapshot(account(MGMT, status(orgTrail(), s))), config), DELIVERY, MGMT);
    }

    private void assertFailOnOrgTrail(Finding f) {
      assertThat(f.status()).as(f.message()).isEqualTo(Status.FAIL);
      assertThat(f.region()).isEqualTo(US);
      assertThat(f.resourceArn()).isEqualTo(TRAIL_ARN);
      assertThat(f.remediation()).contains("--name " + TRAIL_ARN + " --region us-east-1");
    }

    @Test
    void errorWhenTheStatusIsUnavailable() {
      List<Finding> fs =
          run(account(MGMT, withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"))));
      Finding f = trailFinding(fs, TRAIL_ARN, MGMT, US, Status.ERROR);
      assertThat(f.remediation()).isNull();
      assertThat(f.message())
          .contains("status of trail org-trail (" + TRAIL_ARN + ") could not be read")
          .contains("cloudtrail:GetTrailStatus failed: AccessDeniedException");
    }

    @Test
    void oneFindingPerTrailWithItsOwnRegion() {
      List<Finding> fs =
          run(
              account(MGMT, orgTrail(), status(regionalTrail(MGMT, EU, "eu"), stopped())),
              account(MEMBER, orgTrail()));
      assertThat(fs).filteredOn(f -> f.ruleId().equals(DELIVERY)).hasSize(2);
      trailFinding(fs, TRAIL_ARN, MGMT, US, Status.PASS);
      Finding eu = trailFinding(fs, arn(MGMT, EU, "eu"), MGMT, EU, Status.FAIL);
      assertThat(eu.remediation())
          .contains("--name " + arn(MGMT, EU, "eu") + " --region eu-west-1");
    }
  }

  // ---------------------------------------------------------------- organization trail seen from a
  // member

  @Nested
  class SeenFromAMemberAccount {
    @Test
    void anOrganizationTrailSeenFromAMemberAccountWithUnavailableStatusIsErrorNotFail() {
      List<Finding> fs = run(account(MEMBER, shadowOrgTrail()));

      for (String rule : List.of(ENABLED, ORG)) {
        Finding f = accountFinding(fs, rule, MEMBER, Status.ERROR);
        assertThat(f.message()).contains("TrailNotFoundException").contains(OWNER_NOTE);
      }
      Finding delivery = trailFinding(fs, TRAIL_ARN, MGMT, US, Status.ERROR);
      assertThat(delivery.message())
          .contains("TrailNotFoundException")
          .contains(OWNER_NOTE)
          .contains("include that account in the audit");
      // nothing about this trail is a FAIL
      assertThat(fs).noneMatch(f -> f.status() == Status.FAIL);
      for (String rule : List.of(MULTI, ALL_REGIONS, GLOBAL)) {
        assertThat(accountFinding(fs, rule, MEMBER, Status.ERROR).message()).contains(OWNER_NOTE);
      }
    }

    @Test
    void theOwnersReadsAreUsedWhenTheOwnerIsAudited() {
      List<Finding> fs = run(account(MGMT, orgTrail()), account(MEMBER, shadowOrgTrail()));

      for (String rule : List.of(ENABLED, MULTI, ALL_REGIONS, ORG, GLOBAL)) {
        accountFinding(fs, rule, MEMBER, Status.PASS);
      }
      assertThat(only(fs, ORG, MEMBER).message()).contains("org-trail").contains(ORG_ID);
      trailFinding(fs, TRAIL_ARN, MGMT, US, Status.PASS);
    }

    @Test
    void theOwnersReadsAreUsedWhateverTheAccountOrder() {
      List<Finding> fs = run(account(MEMBER, shadowOrgTrail()), account(MGMT, orgTrail()));
      for (String rule : List.of(ENABLED, MULTI, ALL_REGIONS, ORG, GLOBAL)) {
        accountFinding(fs, rule, MEMBER, Status.PASS);
      }
      trailFinding(fs, TRAIL_ARN, MGMT, US, Status.PASS);
    }

    @Test
    void whenTheOwnerIsAuditedAndItsOwnReadFailsTheMessageDoesNotAskToIncludeIt() {
      List<Finding> fs =
          run(
              account(MGMT, withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"))),
              account(MEMBER, shadowOrgTrail()));
      Finding delivery = trailFinding(fs, TRAIL_ARN, MGMT, US, Status.ERROR);
      assertThat(delivery.message())
          .contains("cloudtrail:GetTrailStatus failed: AccessDeniedException")
          .doesNotContain("include that account");
    }

    @Test
    void theOwnersKnownStoppedStatusFailsTheMemberToo() {
      List<Finding> fs =
          run(account(MGMT, status(orgTrail(), stopped())), account(MEMBER, shadowOrgTrail()));
      assertThat(accountFinding(fs, ORG, MEMBER, Status.FAIL).message()).contains("org-trail");
      accountFinding(fs, ENABLED, MEMBER, Status.FAIL);
      trailFinding(fs, TRAIL_ARN, MGMT, US, Status.FAIL);
    }
  }
}
