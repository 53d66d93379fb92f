package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code explain} prints the parameters a check reads, with their defaults. */
class ExplainParametersTest {
  @Test
  void explainingACheckListsItsParametersWithDefaults() {
    String out = CliTest.run("explain", "cloudtrail-lake").out();
    assertThat(out)
        .contains("Parameters (--config FILE; defaults shown):")
        .contains("  lake.requireEventDataStore: false  (boolean)")
        .contains("  lake.minRetentionDays: 365  (integer, at least 1)");
  }

  @Test
  void explainingARuleListsTheParametersOfItsCheck() {
    assertThat(CliTest.run("explain", "log-bucket/lifecycle-retention").out())
        .contains("  logBucket.minRetentionDays: 365  (integer, at least 1)");
  }

  @Test
  void aSharedParameterNamesTheCheckDeclaringIt() {
    assertThat(CliTest.run("explain", "cloudwatch-alerting").out())
        .contains(
            "  deliveryMaxAgeHours: 24  (integer, at least 1, shared with organization-trail)");
  }

  @Test
  void aCheckWithoutParametersPrintsNone() {
    assertThat(CliTest.run("explain", "insights").out()).doesNotContain("Parameters");
  }
}
