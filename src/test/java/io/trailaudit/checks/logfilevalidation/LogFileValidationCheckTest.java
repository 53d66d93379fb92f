package io.trailaudit.checks.logfilevalidation;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java still, not yet data: once-per-trail counts across accounts, and digest verification records
 * (LogValidation) for which the scenario data under checks/log-file-validation/ has no base.
 */
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

  // ---------------------------------------------------------------- digests-verified

  private static final String VERIFIED = "log-file-validation/digests-verified";
  private static final Instant FROM = NOW.minus(Duration.ofHours(24));

  private static LogValidation.Counts counts(int valid, int invalid, int notFound, int unreadable) {
    return new LogValidation.Counts(valid, invalid, notFound, unreadable);
  }

  private static LogValidation validation(Observed<LogValidation.Result> result) {
    return new LogValidation(TRAIL_ARN, "us-east-1", FROM, NOW, result);
  }

  private static LogValidation.Result result(
      LogValidation.Counts digests,
      LogValidation.Counts logs,
      List<LogValidation.Problem> problems,
      int omitted) {
    return new LogValidation.Result(
        FROM.plusSeconds(600), NOW, digests, logs, 0, problems, omitted);
  }

  /** The digests-verified finding on the organization trail, with {@code status}. */
  private static Finding verifiedFinding(List<Finding> fs, String ruleId, Status status) {
    Finding f = only(fs, ruleId, TRAIL_ARN);
    assertThat(f.status()).as(f.message()).isEqualTo(status);
    assertThat(f.account()).isEqualTo(MGMT);
    assertThat(f.region()).isEqualTo("us-east-1");
    assertThat(f.remediation() != null).isEqualTo(status == Status.FAIL);
    return f;
  }

  private static List<Finding> verified(LogValidation v) {
    Snapshot s = snapshot(account(MGMT, orgTrail()));
    Snapshot withValidation = s.toBuilder().logValidations(List.of(v)).build();
    return run(withValidation, AuditConfig.defaults());
  }

  @Test
  void digestsVerifiedHasNoFindingWhenValidationWasNotRequested() {
    assertThat(run(account(MGMT, orgTrail()))).extracting(Finding::ruleId).doesNotContain(VERIFIED);
  }

  @Test
  void digestsVerifiedIsErrorWhenFilesCouldNotBeRead() {
    Finding f =
        verifiedFinding(
            verified(
                validation(
                    Observed.known(
                        result(
                            counts(24, 0, 0, 0),
                            counts(99, 0, 0, 1),
                            List.of(
                                new LogValidation.Problem(
                                    "log",
                                    "s3://b/l9",
                                    "UNREADABLE",
                                    "s3:GetObject failed: Timeout")),
                            0)))),
            VERIFIED,
            Status.ERROR);
    assertThat(f.message())
        .isEqualTo(
            "account "
                + MGMT
                + " in us-east-1: "
                + "0 digest files and 1 log files could not be read for "
                + FROM
                + " to "
                + NOW
                + ", so they are not verified: s3://b/l9 (s3:GetObject failed: Timeout)");
  }

  @Test
  void digestsVerifiedReportsEachAccountAndRegionOfAnOrganizationTrailOnItsOwn() {
    Snapshot s = snapshot(account(MGMT, orgTrail()));
    LogValidation.Result valid = result(counts(24, 0, 0, 0), counts(1200, 0, 0, 0), List.of(), 0);
    List<Finding> fs =
        run(
            s.toBuilder()
                .logValidations(
                    List.of(
                        new LogValidation(
                            TRAIL_ARN, MGMT, "us-east-1", FROM, NOW, Observed.known(valid)),
                        new LogValidation(
                            TRAIL_ARN,
                            "222222222222",
                            "eu-west-1",
                            FROM,
                            NOW,
                            Observed.unavailable(
                                "s3", "ListObjectsV2", "AccessDenied", "Access Denied"))))
                .build(),
            AuditConfig.defaults());

    List<Finding> verified = fs.stream().filter(f -> f.ruleId().equals(VERIFIED)).toList();
    assertThat(verified)
        .extracting(Finding::account, Finding::region, Finding::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MGMT, "us-east-1", Status.PASS),
            org.assertj.core.groups.Tuple.tuple("222222222222", "eu-west-1", Status.ERROR));
    assertThat(verified.get(1).message())
        .startsWith("account 222222222222 in eu-west-1: the digests of ")
        .endsWith("s3:ListObjectsV2 failed: AccessDenied (Access Denied)");
    assertThat(verified).extracting(Finding::resourceArn).containsOnly(TRAIL_ARN);
  }
}
