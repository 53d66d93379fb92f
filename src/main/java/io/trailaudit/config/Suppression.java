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
 */
public record Suppression(
    String rule, String account, String region, String resource, String reason, LocalDate expires) {

  /** Whether the suppression still mutes on {@code today}: the expiry day itself is included. */
  public boolean activeOn(LocalDate today) {
    return expires == null || !today.isAfter(expires);
  }
}
