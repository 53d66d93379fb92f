package io.trailaudit.config;

import java.time.LocalDate;

/**
 * Accepts FAIL findings that match a selector, for a reason, until an optional expiry. {@code *}
 * matches any run of characters and {@code ?} one character in every selector field; an absent
 * field matches everything. {@link ConfigLoader} checks that {@code rule} and {@code reason} are
 * given.
 *
 * @param rule a rule id pattern such as {@code log-bucket/mfa-delete} or {@code log-bucket/*}
 * @param account an account id pattern, or null for any account
 * @param region a region pattern, or null for any region
 * @param resource a resource ARN pattern, or null for any resource
 * @param reason why the finding is accepted; shown on each muted finding
 * @param expires the last day (UTC) on which the suppression mutes, or null for never
 * @param allowAll must be true for a {@code rule} that matches every rule ({@code *}, {@code
 *     *}{@code /*}): muting everything is never an accident
 */
public record Suppression(
    String rule,
    String account,
    String region,
    String resource,
    String reason,
    LocalDate expires,
    Boolean allowAll) {

  public Suppression {
    allowAll = allowAll != null && allowAll;
  }

  /** A suppression of some rules, not of every rule. */
  public Suppression(
      String rule,
      String account,
      String region,
      String resource,
      String reason,
      LocalDate expires) {
    this(rule, account, region, resource, reason, expires, false);
  }

  /**
   * Whether {@code rule} matches every rule id: nothing but wildcards and slashes, such as {@code
   * *}, {@code *}{@code /*} or {@code ?*}.
   */
  public boolean matchesEveryRule() {
    return rule != null && rule.contains("*") && rule.chars().allMatch(c -> "*?/".indexOf(c) >= 0);
  }

  /** Whether the suppression still mutes on {@code today}: the expiry day itself is included. */
  public boolean activeOn(LocalDate today) {
    return expires == null || !today.isAfter(expires);
  }
}
