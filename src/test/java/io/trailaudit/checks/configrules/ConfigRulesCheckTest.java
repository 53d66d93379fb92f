package io.trailaudit.checks.configrules;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.Observed;
import io.trailaudit.testing.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java only for the control mapping of a finding, which the scenario format has no key for; every
 * other case (rules, remediation, recorder status and recording scope) is data under
 * src/test/resources/checks/config-rules/.
 */
class ConfigRulesCheckTest {

  // Control mapping: data cannot say which controls a finding carries.
  @Test
  void recorderFindingsCarryConfig1AndTheCisControls() {
    ConfigRecorder recording =
        ConfigRecorder.builder()
            .name("default")
            .allSupported(true)
            .includeGlobalResourceTypes(true)
            .status(
                Observed.known(
                    new ConfigRecorder.Status(true, "SUCCESS", null, NOW.minusSeconds(3600))))
            .build();
    AccountSnapshot a =
        Regions.everyRegion(
            account(MEMBER, orgTrail()),
            e -> e.configRecorders = Observed.known(List.of(recording)));
    List<Finding> fs =
        new ConfigRulesCheck()
            .evaluate(snapshot(a), AuditConfig.defaults()).stream()
                .filter(f -> f.requirement().equals("recorder") && f.region().equals("eu-west-1"))
                .toList();
    assertThat(fs).hasSize(1);
    Finding f = fs.get(0);
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.controls())
        .extracting(c -> c.label())
        .containsExactly(
            "Config.1",
            "CIS 1.2.0 2.5",
            "CIS 1.4.0 3.5",
            "CIS 3.0.0 3.3",
            "CIS 5.0.0 3.3",
            "CIS 6.0.0 4.3",
            "CIS 7.0.0 4.3");
  }
}
