package io.trailaudit.cli;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.report.AuditReport;

/** The exit code of an audit: a pure function of the report and the gate options. */
public final class Verdict {
  private Verdict() {}

  /**
   * FINDINGS when a FAIL (not MUTED) is at or above {@code failOn}; else INCOMPLETE when there are
   * ERROR findings and {@code failOnError}; else OK.
   */
  public static ExitCode of(AuditReport report, FailOn failOn, boolean failOnError) {
    boolean failing = false;
    boolean errors = false;
    for (Finding f : report.findings()) {
      failing |= f.status() == Status.FAIL && failOn.fails(f.severity());
      errors |= f.status() == Status.ERROR;
    }
    if (failing) {
      return ExitCode.FINDINGS;
    }
    return errors && failOnError ? ExitCode.INCOMPLETE : ExitCode.OK;
  }
}
