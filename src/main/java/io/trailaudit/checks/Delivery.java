package io.trailaudit.checks;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of a delivery CloudTrail reports (log files to S3, digests, CloudWatch Logs), decided
 * in one place: an error outranks a time, no time means nothing was delivered, and a delivery older
 * than the configured age is stale.
 */
public enum Delivery {
  FAILED,
  NEVER,
  STALE,
  FRESH;

  /**
   * @param error the latest delivery error, blank or null for none
   * @param latest the latest delivery time, or null
   */
  public static Delivery of(String error, Instant latest, Instant now, Duration maxAge) {
    if (error != null && !error.isBlank()) {
      return FAILED;
    }
    if (latest == null) {
      return NEVER;
    }
    return latest.isBefore(now.minus(maxAge)) ? STALE : FRESH;
  }
}
