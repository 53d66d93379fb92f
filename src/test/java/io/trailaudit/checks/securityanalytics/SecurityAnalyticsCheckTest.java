package io.trailaudit.checks.securityanalytics;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.StandardsSubscription;
import io.trailaudit.testing.Regions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java only for the control mapping of a finding; every other case is data under
 * src/test/resources/checks/security-analytics/.
 */
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
  void securityHubFindingsCarryTheCisControls() {
    List<Finding> fs =
        run(analysed(account(MGMT, orgTrail())), analysed(account(MEMBER, orgTrail())));
    Finding eu = find(fs, "security-hub", MEMBER, "eu-west-1");
    assertThat(eu.status()).isEqualTo(Status.PASS);
    assertThat(eu.controls())
        .extracting(c -> c.label())
        .containsExactly("CIS 3.0.0 4.16", "CIS 5.0.0 4.16", "CIS 6.0.0 5.16", "CIS 7.0.0 5.16");
  }
}
