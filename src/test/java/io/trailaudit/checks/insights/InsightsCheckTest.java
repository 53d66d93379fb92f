package io.trailaudit.checks.insights;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java only for the once-per-trail count across accounts, which the scenario data
 * (src/test/resources/checks/insights/) leaves open to requirements other helpers add.
 */
class InsightsCheckTest {
  private static final String DATA = "insights/data-events";

  @Test
  void oneFindingPerTrailEvenWhenSeveralAccountsSeeIt() {
    EventSelectors managementAndS3 =
        new EventSelectors(
            List.of(
                new EventSelector(
                    "All",
                    true,
                    List.of(),
                    List.of(new DataResource("AWS::S3::Object", List.of("arn:aws:s3"))))),
            List.of());
    Trail regional =
        withSelectors(
            regionalTrail(MEMBER, "eu-west-1", "member-eu"), Observed.known(managementAndS3));
    String regionalArn = "arn:aws:cloudtrail:eu-west-1:" + MEMBER + ":trail/member-eu";
    List<Finding> fs =
        new InsightsCheck()
            .evaluate(
                snapshot(account(MGMT, orgTrail()), account(MEMBER, orgTrail(), regional)),
                AuditConfig.defaults());

    List<Finding> data = fs.stream().filter(f -> f.ruleId().equals(DATA)).toList();
    assertThat(data)
        .extracting(Finding::resourceArn)
        .containsExactlyInAnyOrder(TRAIL_ARN, regionalArn);
    assertThat(data)
        .filteredOn(d -> d.resourceArn().equals(TRAIL_ARN))
        .singleElement()
        .extracting(Finding::status)
        .isEqualTo(Status.NOT_APPLICABLE);
    Finding f = data.stream().filter(d -> d.resourceArn().equals(regionalArn)).findFirst().get();
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.account()).isEqualTo(MEMBER);
    assertThat(f.region()).isEqualTo("eu-west-1");
    assertThat(f.message()).contains("member-eu (" + regionalArn + ")");
    assertThat(f.remediation())
        .contains("--trail-name " + regionalArn)
        .endsWith("--region eu-west-1");
  }
}
