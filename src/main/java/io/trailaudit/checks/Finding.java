package io.trailaudit.checks;

import java.util.List;
import java.util.Objects;

/**
 * The result of one requirement for one resource. Field order is the order of the JSON report.
 *
 * @param ruleId {@code check/requirement}: stable, CI gates and suppressions key on it
 * @param message what was observed, in a sentence
 * @param remediation the fix as AWS CLI commands with real names, for FAIL; else null
 * @param controls the Security Hub and CIS controls of the requirement
 * @param suppression for MUTED findings, the reason the suppression gives; else null
 */
public record Finding(
    String ruleId,
    String checkId,
    String requirement,
    Status status,
    Severity severity,
    String account,
    String region,
    String resourceArn,
    String message,
    String remediation,
    List<ControlRef> controls,
    String suppression) {

  public Finding {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (!(checkId + "/" + requirement).equals(ruleId)) {
      throw new IllegalArgumentException(
          "ruleId " + ruleId + " is not " + checkId + "/" + requirement);
    }
    controls = controls == null ? List.of() : List.copyOf(controls);
  }
}
