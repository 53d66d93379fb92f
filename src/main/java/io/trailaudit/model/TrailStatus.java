package io.trailaudit.model;

import java.time.Instant;

/** {@code cloudtrail:GetTrailStatus}. Times are null where CloudTrail reports none. */
public record TrailStatus(
    boolean isLogging,
    Instant latestDeliveryTime,
    String latestDeliveryError,
    Instant latestDigestDeliveryTime,
    String latestDigestDeliveryError,
    Instant latestCloudWatchLogsDeliveryTime,
    String latestCloudWatchLogsDeliveryError,
    Instant startLoggingTime,
    Instant stopLoggingTime) {}
