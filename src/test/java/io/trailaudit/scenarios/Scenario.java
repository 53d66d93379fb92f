package io.trailaudit.scenarios;

import io.trailaudit.checks.Status;
import java.nio.file.Path;
import java.util.List;

/**
 * One case of a check: a base snapshot with edits, a configuration, and the findings the AWS rule
 * implies, written by hand.
 *
 * @param base the base snapshot file the edits apply to
 * @param config YAML text as {@code --config} reads it; empty for the defaults
 */
record Scenario(
    String checkId,
    Path file,
    String name,
    String description,
    Path base,
    List<JsonEdits.Edit> edits,
    String config,
    Others others,
    List<Expected> expect) {

  /** What the check may report besides the expected findings. */
  enum Others {
    /** Nothing. */
    NONE,
    /** Only PASS findings. */
    PASS,
    /** Anything: the case is about the listed findings only. */
    ANY
  }

  /**
   * A finding the case requires: exactly one finding of the check has this rule id, resource,
   * account and region (the last three when given).
   *
   * @param message the exact message, or null
   * @param starts, ends what the message must start or end with, or null
   * @param says substrings the message must contain
   * @param never substrings the message must not contain
   * @param remediationIs the exact remediation, or null
   * @param remediation substrings the remediation must contain
   * @param remediationStarts, remediationEnds what the remediation must start or end with, or null
   * @param remediationNever substrings the remediation must not contain
   */
  record Expected(
      String rule,
      Status status,
      String resource,
      String account,
      String region,
      String severity,
      String message,
      String starts,
      String ends,
      List<String> says,
      List<String> never,
      String remediationIs,
      List<String> remediation,
      String remediationStarts,
      String remediationEnds,
      List<String> remediationNever) {}
}
