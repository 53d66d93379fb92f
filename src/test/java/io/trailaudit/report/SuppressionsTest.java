package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.config.Suppression;
import io.trailaudit.testing.Catalogs;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  static Finding finding(String ruleId, Status status, String account, String region, String arn) {
    String[] parts = ruleId.split("/", 2);
    return new Finding(
        ruleId,
        parts[0],
        parts[1],
        status,
        Severity.HIGH,
        account,
        region,
        arn,
        "observed",
        status == Status.FAIL ? "fix it" : null,
        List.of(),
        null);
  }

  static final Finding MFA =
      finding(
          "log-bucket/mfa-delete", Status.FAIL, "333333333333", "us-east-1", "arn:aws:s3:::logs-3");
  static final Finding VERSIONING =
      finding(
          "log-bucket/versioning", Status.FAIL, "111111111111", "eu-west-1", "arn:aws:s3:::logs-1");
  static final Finding FILTER =
      finding(
          "cloudwatch-alerting/metric-filter/root-usage",
          Status.FAIL,
          "111111111111",
          "us-east-1",
          "arn:aws:logs:us-east-1:111111111111:log-group:org");
  static final List<Finding> ALL = List.of(MFA, VERSIONING, FILTER);

  static Suppression rule(String rule) {
    return new Suppression(rule, null, null, null, "accepted", null);
  }

  static List<Status> statuses(Suppressions.Result r) {
    return r.findings().stream().map(Finding::status).toList();
  }

  @Test
  void exactRuleMutesOnlyThatRuleWithTheReason() {
    Suppressions.Result r = Suppressions.apply(ALL, List.of(rule("log-bucket/mfa-delete")), TODAY);
    assertThat(statuses(r)).containsExactly(Status.MUTED, Status.FAIL, Status.FAIL);
    assertThat(r.findings().get(0).suppression()).isEqualTo("accepted");
    assertThat(r.findings().get(0).remediation()).isEqualTo("fix it");
    assertThat(r.notices()).isEmpty();
    assertThat(MFA.status()).isEqualTo(Status.FAIL);
  }

  @Test
  void ruleWildcards() {
    assertThat(statuses(Suppressions.apply(ALL, List.of(rule("log-bucket/*")), TODAY)))
        .containsExactly(Status.MUTED, Status.MUTED, Status.FAIL);
    assertThat(
            statuses(
                Suppressions.apply(
                    ALL, List.of(rule("cloudwatch-alerting/metric-filter/*")), TODAY)))
        .containsExactly(Status.FAIL, Status.FAIL, Status.MUTED);
  }

  @Test
  void accountRegionAndResourceNarrowTheMatch() {
    Suppression byAccount = new Suppression("*", "333333333333", null, null, "r", null);
    Suppression byRegion = new Suppression("*", null, "eu-*", null, "r", null);
    Suppression byResource =
        new Suppression("*", null, null, "arn:aws:logs:*:log-group:org", "r", null);
    assertThat(statuses(Suppressions.apply(ALL, List.of(byAccount), TODAY)))
        .containsExactly(Status.MUTED, Status.FAIL, Status.FAIL);
    assertThat(statuses(Suppressions.apply(ALL, List.of(byRegion), TODAY)))
        .containsExactly(Status.FAIL, Status.MUTED, Status.FAIL);
    assertThat(statuses(Suppressions.apply(ALL, List.of(byResource), TODAY)))
        .containsExactly(Status.FAIL, Status.FAIL, Status.MUTED);
    Suppression resourceWithQuestionMark =
        new Suppression("log-bucket/*", null, null, "arn:aws:s3:::logs-?", "r", null);
    assertThat(statuses(Suppressions.apply(ALL, List.of(resourceWithQuestionMark), TODAY)))
        .containsExactly(Status.MUTED, Status.MUTED, Status.FAIL);
  }

  @Test
  void onlyFailIsMuted() {
    List<Finding> others =
        List.of(
            finding("log-bucket/versioning", Status.ERROR, "1", "us-east-1", "arn:aws:s3:::a"),
            finding("log-bucket/versioning", Status.PASS, "1", "us-east-1", "arn:aws:s3:::a"),
            finding(
                "log-bucket/versioning",
                Status.NOT_APPLICABLE,
                "1",
                "us-east-1",
                "arn:aws:s3:::a"));
    Suppressions.Result r = Suppressions.apply(others, List.of(rule("*")), TODAY);
    assertThat(r.findings()).isEqualTo(others);
    assertThat(r.notices()).extracting(Notice::kind).containsExactly(Notice.SUPPRESSION_UNUSED);
  }

  @Test
  void expiryDayItselfStillMutesAndTheFutureToo() {
    for (LocalDate expires : List.of(TODAY, TODAY.plusDays(30))) {
      Suppression s = new Suppression("log-bucket/mfa-delete", null, null, null, "r", expires);
      Suppressions.Result r = Suppressions.apply(ALL, List.of(s), TODAY);
      assertThat(r.findings().get(0).status()).as(expires.toString()).isEqualTo(Status.MUTED);
      assertThat(r.notices()).isEmpty();
    }
  }

  @Test
  void expiredSuppressionNoLongerMutesAndIsReported() {
    Suppression s = new Suppression("log-bucket/*", null, null, null, "r", TODAY.minusDays(1));
    Suppressions.Result r = Suppressions.apply(ALL, List.of(rule("nothing/*"), s), TODAY);
    assertThat(statuses(r)).containsExactly(Status.FAIL, Status.FAIL, Status.FAIL);
    assertThat(r.notices())
        .extracting(Notice::kind)
        .containsExactly(Notice.SUPPRESSION_UNUSED, Notice.SUPPRESSION_EXPIRED);
    assertThat(r.notices().get(0).message()).startsWith("suppressions[0] (rule nothing/*)");
    assertThat(r.notices().get(1).message())
        .startsWith("suppressions[1] (rule log-bucket/*) expired on 2026-11-19")
        .contains("2 FAIL finding(s) it would have muted");
  }

  @Test
  void clockDayIsTakenInUtc() {
    Suppression s = new Suppression("log-bucket/mfa-delete", null, null, null, "r", TODAY);
    Clock lateToday = Clock.fixed(Instant.parse("2026-11-20T23:59:59Z"), ZoneOffset.ofHours(5));
    Clock tomorrow = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.ofHours(-8));
    assertThat(Suppressions.apply(ALL, List.of(s), lateToday).findings().get(0).status())
        .isEqualTo(Status.MUTED);
    assertThat(Suppressions.apply(ALL, List.of(s), tomorrow).findings().get(0).status())
        .isEqualTo(Status.FAIL);
  }

  @Test
  void aSuppressionOfACheckThatWasNotRunIsNotCalledUnused() {
    Suppressions.Result r =
        Suppressions.apply(
            ALL, List.of(rule("insights/*")), TODAY, Catalogs.builtIn(), List.of("log-bucket"));
    assertThat(r.notices()).singleElement();
    assertThat(r.notices().get(0).kind()).isEqualTo("suppression-check-not-run");
    assertThat(r.notices().get(0).message())
        .isEqualTo(
            "suppressions[0] (rule insights/*) matched nothing because no check it names was run"
                + " (--checks or skipChecks): keep it; it applies when its check runs.");
  }

  @Test
  void aSuppressionOfACheckThatRanAndMatchedNothingIsUnused() {
    Suppressions.Result r =
        Suppressions.apply(
            ALL,
            List.of(rule("insights/*")),
            TODAY,
            Catalogs.builtIn(),
            List.of("log-bucket", "insights"));
    assertThat(r.notices()).extracting(Notice::kind).containsExactly(Notice.SUPPRESSION_UNUSED);
    assertThat(r.notices().get(0).message())
        .isEqualTo(
            "suppressions[0] (rule insights/*) matched no FAIL finding: remove it, or correct its"
                + " selector.");
  }

  @Test
  void aMisspeltRuleIsUnusedEvenWhenItsCheckDidNotRun() {
    Suppressions.Result r =
        Suppressions.apply(
            ALL, List.of(rule("insihgts/*")), TODAY, Catalogs.builtIn(), List.of("log-bucket"));
    assertThat(r.notices()).extracting(Notice::kind).containsExactly(Notice.SUPPRESSION_UNUSED);
  }
}
