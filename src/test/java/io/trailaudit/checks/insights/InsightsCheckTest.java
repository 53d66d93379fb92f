package io.trailaudit.checks.insights;

import static io.trailaudit.testing.FindingLookup.only;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.advanced;
import static io.trailaudit.testing.Fixtures.classic;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.edit;
import static io.trailaudit.testing.Fixtures.fieldEquals;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.selector;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.stopped;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InsightsCheckTest {
  private static final String CALL_RATE = "insights/api-call-rate";
  private static final String ERROR_RATE = "insights/api-error-rate";
  private static final String DATA = "insights/data-events";

  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String ORG_TRAIL_LABEL = "org-trail (" + TRAIL_ARN + ")";
  private static final String PUT_INSIGHTS =
      "aws cloudtrail put-insight-selectors --trail-name " + TRAIL_ARN + " --insight-selectors '";
  private static final String BOTH_TYPES =
      "[{\"InsightType\":\"ApiCallRateInsight\"},{\"InsightType\":\"ApiErrorRateInsight\"}]";
  private static final String BOTH_TYPES_WITH_DATA =
      "[{\"InsightType\":\"ApiCallRateInsight\",\"EventCategories\":[\"Management\",\"Data\"]},"
          + "{\"InsightType\":\"ApiErrorRateInsight\",\"EventCategories\":[\"Management\",\"Data\"]}]";

  // ---------------------------------------------------------------- helpers

  private static List<Finding> run(AccountSnapshot... accounts) {
    return new InsightsCheck().evaluate(snapshot(accounts), AuditConfig.defaults());
  }

  /** An account-level finding: status, rule, and the account's root as resource. */
  private static Finding accountFinding(
      List<Finding> fs, String ruleId, String account, Status status) {
    Finding f = only(fs, ruleId, account);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("insights");
    assertThat(f.region()).isEqualTo("global");
    assertThat(f.resourceArn()).isEqualTo("arn:aws:iam::" + account + ":root");
    assertRemediation(f, status);
    return f;
  }

  /** The data-events finding of the trail {@code arn}: status and the trail as resource. */
  private static Finding trailFinding(
      List<Finding> fs, String arn, String account, String region, Status status) {
    List<Finding> matching =
        fs.stream().filter(f -> f.ruleId().equals(DATA) && arn.equals(f.resourceArn())).toList();
    assertThat(matching).as("data-events findings for %s in %s", arn, fs).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.status()).as(f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("insights");
    assertThat(f.account()).isEqualTo(account);
    assertThat(f.region()).isEqualTo(region);
    assertRemediation(f, status);
    return f;
  }

  private static void assertRemediation(Finding f, Status status) {
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
  }

  private static Finding orgTrailData(List<Finding> fs, Status status) {
    return trailFinding(fs, TRAIL_ARN, MGMT, US, status);
  }

  private static Trail withInsights(Trail t, Observed<List<InsightSelector>> insights) {
    return edit(t, e -> e.insightSelectors = insights);
  }

  private static Trail insights(Trail t, InsightSelector... selectors) {
    return withInsights(t, Observed.known(List.of(selectors)));
  }

  private static InsightSelector insight(String type, String... categories) {
    return new InsightSelector(type, List.of(categories));
  }

  private static InsightSelector callRate(String... categories) {
    return insight("ApiCallRateInsight", categories);
  }

  private static InsightSelector errorRate(String... categories) {
    return insight("ApiErrorRateInsight", categories);
  }

  private static Trail selectors(Trail t, EventSelectors s) {
    return withSelectors(t, Observed.known(s));
  }

  /** All management events and S3 object events of every bucket, classic form. */
  private static EventSelectors managementAndS3() {
    return new EventSelectors(
        List.of(
            new EventSelector(
                "All",
                true,
                List.of(),
                List.of(new DataResource("AWS::S3::Object", List.of("arn:aws:s3"))))),
        List.of());
  }

  private static String arn(String account, String region, String name) {
    return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
  }

  // ---------------------------------------------------------------- api-call-rate, api-error-rate

  @Nested
  class InsightTypes {

    @Test
    void passesWithExplicitManagementAndDataCategories() {
      List<Finding> fs =
          run(
              account(
                  MGMT,
                  insights(orgTrail(), callRate("Management", "Data"), errorRate("Management"))));

      accountFinding(fs, CALL_RATE, MGMT, Status.PASS);
      accountFinding(fs, ERROR_RATE, MGMT, Status.PASS);
    }

    @Test
    void anInsightOnDataEventsOnlyDoesNotWatchManagementEvents() {
      Trail t =
          insights(selectors(orgTrail(), managementAndS3()), callRate("Data"), errorRate("Data"));
      List<Finding> fs = run(account(MGMT, t));

      for (String rule : List.of(CALL_RATE, ERROR_RATE)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message()).contains("(org-trail)").contains("management events");
        assertThat(f.remediation()).startsWith(PUT_INSIGHTS).endsWith("' --region us-east-1");
      }
      orgTrailData(fs, Status.PASS);
    }

    @Test
    void passesOnASingleRegionTrail() {
      Trail regional = insights(regionalTrail(MGMT, EU, "eu"), callRate(), errorRate());
      Finding f = accountFinding(run(account(MGMT, regional)), CALL_RATE, MGMT, Status.PASS);

      assertThat(f.message()).contains("eu (" + arn(MGMT, EU, "eu") + ")");
    }

    @Test
    void failsWhenAbsentWithTheTrailsRealArnAndRegion() {
      List<Finding> fs = run(account(MGMT, orgTrail()));

      for (String rule : List.of(CALL_RATE, ERROR_RATE)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message()).endsWith("write management events (org-trail)");
        assertThat(f.remediation())
            .isEqualTo(PUT_INSIGHTS + BOTH_TYPES + "' --region us-east-1")
            .doesNotContain("<");
      }
    }

    @Test
    void remediationNamesTheWritingTrailInItsOwnRegion() {
      Trail eu = regionalTrail(MGMT, EU, "eu");
      Finding f = accountFinding(run(account(MGMT, eu)), ERROR_RATE, MGMT, Status.FAIL);

      assertThat(f.remediation())
          .isEqualTo(
              "aws cloudtrail put-insight-selectors --trail-name "
                  + arn(MGMT, EU, "eu")
                  + " --insight-selectors '"
                  + BOTH_TYPES
                  + "' --region eu-west-1");
    }

    @Test
    void failsWhenTheInsightIsOnlyOnAReadOnlyTrail() {
      Trail reader =
          insights(
              selectors(regionalTrail(MGMT, US, "reader"), classic("ReadOnly", List.of())),
              callRate(),
              errorRate());
      List<Finding> fs = run(account(MGMT, orgTrail(), reader));

      Finding f = accountFinding(fs, CALL_RATE, MGMT, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "ApiCallRateInsight is not enabled for management events on any logging trail with write management"
                  + " events (org-trail)");
      assertThat(f.remediation()).isEqualTo(PUT_INSIGHTS + BOTH_TYPES + "' --region us-east-1");
    }

    @Test
    void failsNoneWhenTheOnlyTrailWithTheInsightIsReadOnly() {
      Trail reader =
          insights(selectors(orgTrail(), classic("ReadOnly", List.of())), callRate(), errorRate());
      List<Finding> fs = run(account(MGMT, reader));

      for (String type : List.of("ApiCallRateInsight", "ApiErrorRateInsight")) {
        String rule = type.equals("ApiCallRateInsight") ? CALL_RATE : ERROR_RATE;
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message())
            .isEqualTo(
                "no logging trail visible from account "
                    + MGMT
                    + " logs write management events, so "
                    + type
                    + " cannot watch them");
        assertNoneRemediation(f);
      }
    }

    @Test
    void failsNoneWithoutAnyTrail() {
      List<Finding> fs = run(account(MGMT));

      for (String rule : List.of(CALL_RATE, ERROR_RATE)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message())
            .startsWith("no logging trail visible from account " + MGMT)
            .contains("logs write management events");
        assertNoneRemediation(f);
      }
    }

    @Test
    void failsNoneWhenTheTrailWithTheInsightIsStopped() {
      Trail t =
          withStatus(insights(orgTrail(), callRate(), errorRate()), Observed.known(stopped()));
      Finding f = accountFinding(run(account(MGMT, t)), CALL_RATE, MGMT, Status.FAIL);

      assertThat(f.message()).startsWith("no logging trail visible from account " + MGMT);
      assertNoneRemediation(f);
    }

    private void assertNoneRemediation(Finding f) {
      assertThat(f.remediation())
          .isEqualTo(
              "# no logging trail logs write management events: fix organization-trail first,"
                  + " then\naws cloudtrail put-insight-selectors --trail-name <trail>"
                  + " --insight-selectors '"
                  + BOTH_TYPES
                  + "' --region <trail-home-region>");
    }

    @Test
    void errorWhenEventSelectorsAreUnavailable() {
      Trail t =
          withSelectors(
              insights(orgTrail(), callRate(), errorRate()),
              denied("cloudtrail", "GetEventSelectors"));
      Finding f = accountFinding(run(account(MGMT, t)), CALL_RATE, MGMT, Status.ERROR);

      assertThat(f.message())
          .contains("event selectors of trail " + ORG_TRAIL_LABEL + " could not be read");
    }

    @Test
    void errorWhenStatusIsUnavailable() {
      Trail t =
          withStatus(
              insights(orgTrail(), callRate(), errorRate()),
              denied("cloudtrail", "GetTrailStatus"));
      Finding f = accountFinding(run(account(MGMT, t)), CALL_RATE, MGMT, Status.ERROR);

      assertThat(f.message()).contains("status of trail " + ORG_TRAIL_LABEL + " could not be read");
    }

    @Test
    void passNotErrorWhenAnotherTrailIsUnreadable() {
      Trail unreadable =
          withInsights(regionalTrail(MGMT, EU, "eu"), denied("cloudtrail", "GetInsightSelectors"));
      List<Finding> fs =
          run(account(MGMT, unreadable, insights(orgTrail(), callRate(), errorRate())));

      accountFinding(fs, CALL_RATE, MGMT, Status.PASS);
      accountFinding(fs, ERROR_RATE, MGMT, Status.PASS);
    }

    @Test
    void aMemberAccountUsesTheOwnersReadsOfTheOrganizationTrail() {
      Trail shadow =
          withInsights(
              withSelectors(
                  withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")),
                  denied("cloudtrail", "GetEventSelectors")),
              denied("cloudtrail", "GetInsightSelectors"));
      List<Finding> fs =
          run(
              account(MGMT, insights(orgTrail(), callRate(), errorRate())),
              account(MEMBER, shadow));

      assertThat(accountFinding(fs, CALL_RATE, MEMBER, Status.PASS).message())
          .contains(ORG_TRAIL_LABEL);
      accountFinding(fs, ERROR_RATE, MEMBER, Status.PASS);
    }
  }

  // ---------------------------------------------------------------- data-events

  @Nested
  class DataEvents {

    @Test
    void failsWhenThereAreNoInsightsAtAll() {
      Finding f =
          orgTrailData(run(account(MGMT, selectors(orgTrail(), managementAndS3()))), Status.FAIL);

      assertThat(f.message())
          .isEqualTo(
              "trail "
                  + ORG_TRAIL_LABEL
                  + " logs data events (AWS::S3::Object) but its Insights do not include"
                  + " EventCategories Data (no Insights at all)");
      assertThat(f.remediation())
          .contains("--trail-name " + TRAIL_ARN)
          .contains(BOTH_TYPES_WITH_DATA)
          .endsWith("--region us-east-1");
    }

    @Test
    void failsForAdvancedDataSelectorsNamingTheirTypes() {
      EventSelectors s =
          advanced(
              selector("Management", fieldEquals("eventCategory", "Management")),
              selector(
                  "Lambda",
                  fieldEquals("eventCategory", "Data"),
                  fieldEquals("resources.type", "AWS::Lambda::Function")),
              selector(
                  "DynamoDB",
                  fieldEquals("eventCategory", "Data"),
                  fieldEquals("resources.type", "AWS::DynamoDB::Table")));
      Finding f = orgTrailData(run(account(MGMT, selectors(orgTrail(), s))), Status.FAIL);

      assertThat(f.message())
          .contains("logs data events (AWS::DynamoDB::Table, AWS::Lambda::Function)");
    }

    @Test
    void passesWhenOneInsightTypeCoversData() {
      Trail t = insights(selectors(orgTrail(), managementAndS3()), callRate(), errorRate("Data"));
      orgTrailData(run(account(MGMT, t)), Status.PASS);
    }

    @Test
    void errorWhenEventSelectorsAreUnavailable() {
      Trail t =
          withSelectors(
              insights(orgTrail(), callRate("Management", "Data")),
              denied("cloudtrail", "GetEventSelectors"));
      Finding f = orgTrailData(run(account(MGMT, t)), Status.ERROR);

      assertThat(f.message())
          .isEqualTo(
              "event selectors of trail "
                  + ORG_TRAIL_LABEL
                  + " could not be read: cloudtrail:GetEventSelectors failed:"
                  + " AccessDeniedException (not authorized)");
    }

    @Test
    void errorWhenEventSelectorsAreMissingFromTheSnapshot() {
      Trail t = withSelectors(orgTrail(), Observed.known(null));
      Finding f = orgTrailData(run(account(MGMT, t)), Status.ERROR);

      assertThat(f.message())
          .isEqualTo(
              "event selectors of trail "
                  + ORG_TRAIL_LABEL
                  + " are missing (null) in the snapshot");
    }

    @Test
    void errorWhenInsightSelectorsAreUnavailable() {
      Trail t =
          withInsights(
              selectors(orgTrail(), managementAndS3()),
              denied("cloudtrail", "GetInsightSelectors"));
      Finding f = orgTrailData(run(account(MGMT, t)), Status.ERROR);

      assertThat(f.message())
          .isEqualTo(
              "insight selectors of trail "
                  + ORG_TRAIL_LABEL
                  + " could not be read: cloudtrail:GetInsightSelectors failed:"
                  + " AccessDeniedException (not authorized)");
    }

    @Test
    void notApplicableNotErrorWhenInsightsAreUnreadableButNoDataEventsAreLogged() {
      Trail t = withInsights(orgTrail(), denied("cloudtrail", "GetInsightSelectors"));
      orgTrailData(run(account(MGMT, t)), Status.NOT_APPLICABLE);
    }

    @Test
    void oneFindingPerTrailEvenWhenSeveralAccountsSeeIt() {
      Trail regional = selectors(regionalTrail(MEMBER, EU, "member-eu"), managementAndS3());
      List<Finding> fs = run(account(MGMT, orgTrail()), account(MEMBER, orgTrail(), regional));

      assertThat(fs.stream().filter(f -> f.ruleId().equals(DATA))).hasSize(2);
      orgTrailData(fs, Status.NOT_APPLICABLE);
      Finding f = trailFinding(fs, arn(MEMBER, EU, "member-eu"), MEMBER, EU, Status.FAIL);
      assertThat(f.message()).contains("member-eu (" + arn(MEMBER, EU, "member-eu") + ")");
      assertThat(f.remediation())
          .contains("--trail-name " + arn(MEMBER, EU, "member-eu"))
          .endsWith("--region eu-west-1");
    }
  }
}
