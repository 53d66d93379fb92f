package io.trailaudit.cli;

import io.trailaudit.checks.Severity;

/** The {@code --fail-on} threshold: a severity, or {@code none} to never fail on findings. */
public enum FailOn {
  CRITICAL(Severity.CRITICAL),
  HIGH(Severity.HIGH),
  MEDIUM(Severity.MEDIUM),
  LOW(Severity.LOW),
  NONE(null);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  /** Whether a FAIL of this severity fails the run. */
  public boolean fails(Severity severity) {
    return threshold != null && severity.atLeast(threshold);
  }
}
