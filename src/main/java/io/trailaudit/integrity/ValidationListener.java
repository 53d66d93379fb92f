package io.trailaudit.integrity;

import java.time.Instant;

/**
 * Receives each verdict as validation proceeds, in the AWS CLI's order (newest digest first, each
 * digest followed by its log files), on one thread.
 */
public interface ValidationListener {
  ValidationListener NONE = new ValidationListener() {};

  default void onItem(ItemResult item) {}

  /**
   * The chain starts over (a digest with no previous digest) while older digests exist: CloudTrail
   * delivered nothing between {@code from} and {@code to} (logging or validation was off).
   */
  default void onGap(Instant from, Instant to) {}
}
