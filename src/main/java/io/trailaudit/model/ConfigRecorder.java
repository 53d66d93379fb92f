package io.trailaudit.model;

import java.time.Instant;

/**
 * An AWS Config configuration recorder with its status.
 *
 * @param status {@code config:DescribeConfigurationRecorderStatus} for this recorder
 */
public record ConfigRecorder(
    String name,
    boolean allSupported,
    boolean includeGlobalResourceTypes,
    Observed<Status> status) {
  public ConfigRecorder {
    status = Observed.orNotCollected(status, "configuration recorder status");
  }

  /**
   * @param lastStatus {@code Pending}, {@code Success} or {@code Failure}
   */
  public record Status(
      boolean recording, String lastStatus, String lastErrorCode, Instant lastStatusChangeTime) {}
}
