package io.trailaudit.checks.trail;

import static io.trailaudit.testing.Fixtures.BUCKET;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.stopped;
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFileValidationCheckTest {
  private static final String ENABLED = "log-file-validation/enabled";
  private static final String DIGESTS = "log-file-validation/digests-delivered";
  private static final String EU_ARN = "arn:aws:cloudtrail:eu-west-1:" + MGMT + ":trail/eu";

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new LogFileValidationCheck().evaluate(s, config);
  }

  private static List<Finding> run(AccountSnapshot... accounts) {
    return run(snapshot(accounts), AuditConfig.defaults());
  }

  /** The one finding of {@code ruleId} about the trail {@code arn}, with the trail as resource. */
  private static Finding only(List<Finding> fs, String ruleId, String arn) {
    List<Finding> matching =
        fs.stream().filter(f -> f.ruleId().equals(ruleId) && arn.equals(f.resourceArn())).toList();
    assertThat(matching).as("%s findings for %s in %s", ruleId, arn, fs).hasSize(1);
    return matching.get(0);
  }

  private static Finding orgTrailFinding(List<Finding> fs, String ruleId, Status status) {
    Finding f = only(fs, ruleId, TRAIL_ARN);
    assertThat(f.status()).as(f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("log-file-validation");
    assertThat(f.account()).isEqualTo(MGMT);
    assertThat(f.region()).isEqualTo("us-east-1");
    if (status == Status.FAIL) {
      assertThat(f.remediation()).contains("--name " + TRAIL_ARN).contains("--region us-east-1");
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  private static TrailStatus digest(boolean logging, Instant at, String error) {
    return new TrailStatus(
        logging,
        NOW.minusSeconds(600),
        null,
        at,
        error,
        null,
        null,
        Instant.parse("2024-01-01T00:00:00Z"),
        null);
  }

  private static Finding digests(TrailStatus s) {
    return digests(s, AuditConfig.defaults());
  }

  private static Finding digests(TrailStatus s, AuditConfig config) {
    return only(
        run(snapshot(account(MGMT, withStatus(orgTrail(), Observed.known(s)))), config),
        DIGESTS,
        TRAIL_ARN);
  }

  private static Trail validationDisabled(Trail t) {
    return withFlags(
        t, t.isMultiRegionTrail(), t.isOrganizationTrail(), t.includeGlobalServiceEvents(), false);
  }

  // ---------------------------------------------------------------- enabled

  @Test
  void enabledPassesWhenValidationIsOn() {
    Finding f = orgTrailFinding(run(account(MGMT, orgTrail())), ENABLED, Status.PASS);
    assertThat(f.message())
        .isEqualTo("log file validation is enabled on org-trail (" + TRAIL_ARN + ")");
  }

  @Test
  void enabledFailsWhenValidationIsOffAndDigestsAreNotApplicable() {
    List<Finding> fs = run(account(MGMT, validationDisabled(orgTrail())));

    Finding f = orgTrailFinding(fs, ENABLED, Status.FAIL);
    assertThat(f.message())
        .startsWith("log file validation is disabled on org-trail (" + TRAIL_ARN + ")");
    assertThat(f.remediation())
        .isEqualTo(
            "aws cloudtrail update-trail --name "
                + TRAIL_ARN
                + " --enable-log-file-validation --region us-east-1");

    Finding d = orgTrailFinding(fs, DIGESTS, Status.NOT_APPLICABLE);
    assertThat(d.message()).contains("log file validation is disabled");
  }

  @Test
  void findingsCarryEachTrailsOwnRegion() {
    List<Finding> fs = run(account(MGMT, orgTrail(), regionalTrail(MGMT, "eu-west-1", "eu")));
    Finding eu = only(fs, ENABLED, EU_ARN);
    assertThat(eu.status()).isEqualTo(Status.FAIL);
    assertThat(eu.region()).isEqualTo("eu-west-1");
    assertThat(eu.account()).isEqualTo(MGMT);
    assertThat(eu.remediation())
        .contains("--name " + EU_ARN + " --enable-log-file-validation --region eu-west-1");
    assertThat(only(fs, DIGESTS, EU_ARN).status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(fs).hasSize(4);
  }

  @Test
  void oneFindingPerTrailEvenWhenSeveralAccountsSeeIt() {
    List<Finding> fs = run(account(MGMT, orgTrail()), account(MEMBER, orgTrail()));
    assertThat(fs).extracting(Finding::ruleId).containsExactlyInAnyOrder(ENABLED, DIGESTS);
  }

  // ---------------------------------------------------------------- digests-delivered

  @Test
  void digestsPassWhenRecentAndWithoutError() {
    Finding f = orgTrailFinding(run(account(MGMT, orgTrail())), DIGESTS, Status.PASS);
    assertThat(f.message()).isEqualTo("digest delivered 30 min ago with no delivery error");
  }

  @Test
  void digestsFailWhenTheTrailIsNotLogging() {
    Finding f = digests(stopped());
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo("trail org-trail (" + TRAIL_ARN + ") is not logging, so no digest is delivered");
    assertThat(f.remediation())
        .contains("get-trail-status --name " + TRAIL_ARN + " --region us-east-1");
  }

  @Test
  void digestsFailOnADeliveryError() {
    Finding f = digests(digest(true, NOW.minusSeconds(60), "AccessDenied: key policy"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).isEqualTo("last digest delivery failed: AccessDenied: key policy");
    assertThat(f.remediation())
        .contains(TRAIL_ARN)
        .contains("--region us-east-1")
        .contains("bucket " + BUCKET);
  }

  @Test
  void digestsFailWhenNoneWasEverDelivered() {
    Finding f = digests(digest(true, null, null));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).isEqualTo("no digest file has been delivered");
    assertThat(f.remediation()).contains(TRAIL_ARN).contains("--region us-east-1");
  }

  @Test
  void digestsFailWhenOlderThanTwoHours() {
    Instant at = NOW.minus(Duration.ofHours(3));
    Finding f = digests(digest(true, at, null));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo("last digest delivery was 3 h ago (" + at + "), older than 2 h");
    assertThat(f.remediation()).contains(TRAIL_ARN).contains("--region us-east-1");
    assertThat(digests(digest(true, NOW.minus(Duration.ofMinutes(110)), null)).status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void digestsUseTheConfiguredMaximumAge() {
    AuditConfig sixHours = AuditConfig.defaults().withDigestMaxAgeHours(6);
    assertThat(digests(digest(true, NOW.minus(Duration.ofHours(3)), null), sixHours).status())
        .isEqualTo(Status.PASS);
    Finding old = digests(digest(true, NOW.minus(Duration.ofHours(7)), null), sixHours);
    assertThat(old.status()).isEqualTo(Status.FAIL);
    assertThat(old.message()).endsWith("older than 6 h");
  }

  @Test
  void digestAgeIsMeasuredAgainstCollectedAt() {
    Instant collected = Instant.parse("2019-06-01T12:00:00Z");
    Snapshot s =
        snapshot(
            account(
                MGMT,
                withStatus(
                    orgTrail(), Observed.known(digest(true, collected.minusSeconds(1800), null)))));
    Snapshot then =
        new Snapshot(
            s.schemaVersion(),
            collected,
            s.collection(),
            s.organization(),
            s.accounts(),
            s.buckets(),
            s.keys());
    Finding f = only(run(then, AuditConfig.defaults()), DIGESTS, TRAIL_ARN);
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.message()).contains("30 min ago");
  }

  @Test
  void digestsErrorWhenTheStatusIsUnavailable() {
    List<Finding> fs =
        run(account(MGMT, withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"))));
    Finding f = orgTrailFinding(fs, DIGESTS, Status.ERROR);
    assertThat(f.message())
        .contains("status of trail org-trail (" + TRAIL_ARN + ") could not be read")
        .contains("cloudtrail:GetTrailStatus failed: AccessDeniedException");
    orgTrailFinding(fs, ENABLED, Status.PASS);
  }

  @Test
  void shadowOrganizationTrailWithUnavailableStatusIsErrorNamingTheOwner() {
    Trail shadow =
        withStatus(
            orgTrail(),
            Observed.unavailable(
                "cloudtrail", "GetTrailStatus", "TrailNotFoundException", "Unknown trail"));
    List<Finding> fs = run(account(MEMBER, shadow));
    Finding f = orgTrailFinding(fs, DIGESTS, Status.ERROR);
    assertThat(f.message())
        .contains("TrailNotFoundException")
        .contains("organization trail owned by account " + MGMT);

    List<Finding> withOwner = run(account(MEMBER, shadow), account(MGMT, orgTrail()));
    orgTrailFinding(withOwner, DIGESTS, Status.PASS);
  }
}
