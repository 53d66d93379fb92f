package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.config.Suppression;
import io.trailaudit.report.AuditReport;
import io.trailaudit.report.Scope;
import io.trailaudit.report.Suppressions;
import io.trailaudit.testing.Catalogs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  static Finding finding(Status status, Severity severity) {
    return new Finding(
        "log-bucket/versioning",
        "log-bucket",
        "versioning",
        status,
        severity,
        "1",
        "us-east-1",
        "arn:aws:s3:::b",
        "m",
        null,
        List.of(),
        status == Status.MUTED ? "accepted" : null);
  }

  static AuditReport report(Finding... findings) {
    return AuditReport.of(
        Catalogs.builtIn(),
        "t",
        Instant.EPOCH,
        new Scope("s", Instant.EPOCH, null, List.of(), List.of(), List.of()),
        List.of(findings));
  }

  @Test
  void failAtOrAboveThresholdFails() {
    AuditReport r = report(finding(Status.FAIL, Severity.HIGH));
    assertThat(Verdict.of(r, FailOn.HIGH, false)).isEqualTo(ExitCode.FINDINGS);
    assertThat(Verdict.of(r, FailOn.MEDIUM, false)).isEqualTo(ExitCode.FINDINGS);
    assertThat(Verdict.of(r, FailOn.CRITICAL, false)).isEqualTo(ExitCode.OK);
    assertThat(Verdict.of(r, FailOn.NONE, false)).isEqualTo(ExitCode.OK);
  }

  @Test
  void mutedNeverFails() {
    AuditReport r = report(finding(Status.MUTED, Severity.CRITICAL));
    assertThat(Verdict.of(r, FailOn.LOW, true)).isEqualTo(ExitCode.OK);
  }

  @Test
  void errorsFailOnlyWithFailOnError() {
    AuditReport r =
        report(finding(Status.ERROR, Severity.CRITICAL), finding(Status.PASS, Severity.HIGH));
    assertThat(Verdict.of(r, FailOn.LOW, false)).isEqualTo(ExitCode.OK);
    assertThat(Verdict.of(r, FailOn.LOW, true)).isEqualTo(ExitCode.INCOMPLETE);
  }

  @Test
  void findingsTakePrecedenceOverErrors() {
    AuditReport r =
        report(finding(Status.ERROR, Severity.HIGH), finding(Status.FAIL, Severity.LOW));
    assertThat(Verdict.of(r, FailOn.LOW, true)).isEqualTo(ExitCode.FINDINGS);
    assertThat(Verdict.of(r, FailOn.HIGH, true)).isEqualTo(ExitCode.INCOMPLETE);
  }

  @Test
  void aFailMutedBySuppressionNoLongerFails() {
    List<Finding> findings = List.of(finding(Status.FAIL, Severity.CRITICAL));
    Suppressions.Result muted =
        Suppressions.apply(
            findings,
            List.of(new Suppression("log-bucket/*", null, null, null, "accepted", null)),
            LocalDate.of(2026, 1, 1));
    assertThat(Verdict.of(report(findings.toArray(Finding[]::new)), FailOn.LOW, false))
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(Verdict.of(report(muted.findings().toArray(Finding[]::new)), FailOn.LOW, false))
        .isEqualTo(ExitCode.OK);
  }
}
