package io.trailaudit.checks.securityanalytics;

import static io.trailaudit.testing.Fixtures.BUCKET;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.StandardsSubscription;
import io.trailaudit.model.Trail;
import io.trailaudit.testing.Regions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityAnalyticsCheckTest {
  private final SecurityAnalyticsCheck check = new SecurityAnalyticsCheck();

  static StandardsSubscription fsbp(String region, String status) {
    return new StandardsSubscription(
        "arn:aws:securityhub:"
            + region
            + ":"
            + MGMT
            + ":subscription/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:"
            + region
            + "::standards/aws-foundational-security-best-practices/v/1.0.0",
        status);
  }

  static StandardsSubscription cis(String region, String version, String status) {
    return new StandardsSubscription(
        "arn:aws:securityhub:"
            + region
            + ":"
            + MGMT
            + ":subscription/cis-aws-foundations-benchmark/v/"
            + version,
        "arn:aws:securityhub:" + region + "::standards/cis-aws-foundations-benchmark/v/" + version,
        status);
  }

  static GlueTable table(String location) {
    return new GlueTable("security", "cloudtrail_logs", location, "EXTERNAL_TABLE");
  }

  /** Hub, FSBP and CIS 5.0.0 READY in every region; no Glue table. */
  static AccountSnapshot analysed(AccountSnapshot a) {
    return Regions.everyRegion(
        a,
        e -> {
          e.securityHub =
              Observed.known(
                  new SecurityHubHub(
                      "arn:aws:securityhub:" + e.region + ":" + a.accountId() + ":hub/default",
                      Instant.parse("2025-01-01T00:00:00Z"),
                      true));
          e.securityHubStandards =
              Observed.known(List.of(fsbp(e.region, "READY"), cis(e.region, "5.0.0", "READY")));
          e.glueTables = Observed.known(List.of());
        });
  }

  private List<Finding> run(AccountSnapshot... accounts) {
    return check.evaluate(snapshot(accounts), AuditConfig.defaults());
  }

  private static Finding find(List<Finding> fs, String req, String account, String region) {
    List<Finding> m =
        fs.stream()
            .filter(
                f ->
                    f.requirement().equals(req)
                        && f.account().equals(account)
                        && f.region().equals(region))
            .toList();
    assertThat(m).as(req + " " + account + " " + region).hasSize(1);
    return m.get(0);
  }

  @Test
  void securityHubEverywhereWithBothStandardsPasses() {
    List<Finding> fs =
        run(analysed(account(MGMT, orgTrail())), analysed(account(MEMBER, orgTrail())));
    List<Finding> hub = fs.stream().filter(f -> !f.requirement().equals("athena-table")).toList();
    assertThat(hub).hasSize(8).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    Finding eu = find(fs, "security-hub", MEMBER, "eu-west-1");
    assertThat(eu.resourceArn())
        .isEqualTo("arn:aws:securityhub:eu-west-1:" + MEMBER + ":hub/default");
    assertThat(eu.controls())
        .extracting(c -> c.label())
        .containsExactly("CIS 3.0.0 4.16", "CIS 5.0.0 4.16", "CIS 6.0.0 5.16", "CIS 7.0.0 5.16");
    assertThat(find(fs, "standards", MGMT, "us-east-1").message())
        .isEqualTo(
            "subscribed and READY: aws-foundational-security-best-practices v1.0.0,"
                + " cis-aws-foundations-benchmark v5.0.0");
  }

  @Test
  void missingCisStandardFails() {
    AccountSnapshot a =
        Regions.inRegion(
            analysed(account(MEMBER)),
            "us-east-1",
            e -> e.securityHubStandards = Observed.known(List.of(fsbp("us-east-1", "READY"))));
    Finding f = find(run(a), "standards", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "a CIS AWS Foundations Benchmark standard is not subscribed (READY:"
                + " aws-foundational-security-best-practices v1.0.0)");
    assertThat(f.remediation())
        .contains("aws securityhub batch-enable-standards --region us-east-1")
        .contains("arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0");
  }

  @Test
  void missingFoundationalStandardFails() {
    AccountSnapshot a =
        Regions.inRegion(
            analysed(account(MEMBER)),
            "us-east-1",
            e ->
                e.securityHubStandards =
                    Observed.known(List.of(cis("us-east-1", "1.4.0", "READY"))));
    Finding f = find(run(a), "standards", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .startsWith("AWS Foundational Security Best Practices is not subscribed");
  }

  @Test
  void standardThatIsNotReadyFails() {
    AccountSnapshot a =
        Regions.inRegion(
            analysed(account(MEMBER)),
            "us-east-1",
            e ->
                e.securityHubStandards =
                    Observed.known(
                        List.of(
                            fsbp("us-east-1", "READY"), cis("us-east-1", "3.0.0", "INCOMPLETE"))));
    Finding f = find(run(a), "standards", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .startsWith(
            "a CIS AWS Foundations Benchmark standard is subscribed but not READY"
                + " (cis-aws-foundations-benchmark v3.0.0 INCOMPLETE)");
  }

  @Test
  void cis120RulesetArnCounts() {
    StandardsSubscription legacy =
        new StandardsSubscription(
            "arn:aws:securityhub:us-east-1:"
                + MGMT
                + ":subscription/cis-aws-foundations-benchmark/v/1.2.0",
            "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
            "READY");
    AccountSnapshot a =
        Regions.inRegion(
            analysed(account(MEMBER)),
            "us-east-1",
            e ->
                e.securityHubStandards =
                    Observed.known(List.of(fsbp("us-east-1", "READY"), legacy)));
    assertThat(find(run(a), "standards", MEMBER, "us-east-1").status()).isEqualTo(Status.PASS);
  }

  @Test
  void unreadableStandardsAreError() {
    AccountSnapshot a =
        Regions.inRegion(
            analysed(account(MEMBER)),
            "us-east-1",
            e -> e.securityHubStandards = denied("securityhub", "GetEnabledStandards"));
    Finding f = find(run(a), "standards", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.message()).contains("securityhub:GetEnabledStandards failed");
  }

  @Test
  void glueTableRespectsTheTrailPrefix() {
    Trail prefixed = withBucket(orgTrail(), BUCKET, "org/");
    AccountSnapshot wrong =
        Regions.inRegion(
            analysed(account(MGMT, prefixed)),
            "us-east-1",
            e -> e.glueTables = Observed.known(List.of(table("s3://" + BUCKET + "/AWSLogs/"))));
    Finding f = only(run(wrong), TRAIL_ARN);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).contains("reads s3://" + BUCKET + "/org/AWSLogs/");
    AccountSnapshot right =
        Regions.inRegion(
            analysed(account(MGMT, prefixed)),
            "us-east-1",
            e -> e.glueTables = Observed.known(List.of(table("s3://" + BUCKET + "/org/AWSLogs"))));
    assertThat(only(run(right), TRAIL_ARN).status()).isEqualTo(Status.PASS);
  }

  private static Finding only(List<Finding> fs, String trailArn) {
    List<Finding> m =
        fs.stream()
            .filter(f -> f.requirement().equals("athena-table") && f.resourceArn().equals(trailArn))
            .toList();
    assertThat(m).hasSize(1);
    return m.get(0);
  }
}
