package io.trailaudit.model;

import java.util.Map;
import java.util.Objects;

/**
 * A trail as {@code DescribeTrails} returns it, with the per-trail reads made from its home region.
 * An organization trail seen from a member account is a shadow trail: its per-trail reads often
 * fail there (TrailNotFound), which is {@link Observed.Unavailable}, never "not logging".
 *
 * @param arn the trail ARN; its account is the owner
 * @param kmsKeyId the KMS key ARN, or null when SSE-KMS is not configured
 * @param cloudWatchLogsLogGroupArn the log group ARN (ends in {@code :*}), or null
 * @param status {@code GetTrailStatus}
 * @param eventSelectors {@code GetEventSelectors}
 * @param insightSelectors {@code GetInsightSelectors}; known empty when no Insights are enabled
 * @param tags {@code ListTags}
 * @param eventConfiguration {@code GetEventConfiguration} (data-event aggregation), read for a
 *     trail that logs data events (or whose selectors could not be read); known {@code null} when
 *     the trail logs no data events, so it was not asked
 */
public record Trail(
    String arn,
    String name,
    String homeRegion,
    boolean isOrganizationTrail,
    boolean isMultiRegionTrail,
    boolean includeGlobalServiceEvents,
    boolean logFileValidationEnabled,
    String s3BucketName,
    String s3KeyPrefix,
    String kmsKeyId,
    String cloudWatchLogsLogGroupArn,
    String cloudWatchLogsRoleArn,
    String snsTopicArn,
    Observed<TrailStatus> status,
    Observed<EventSelectors> eventSelectors,
    Observed<java.util.List<InsightSelector>> insightSelectors,
    Observed<Map<String, String>> tags,
    Observed<EventConfiguration> eventConfiguration) {

  /** A trail without its event configuration (not collected). */
  public Trail(
      String arn,
      String name,
      String homeRegion,
      boolean isOrganizationTrail,
      boolean isMultiRegionTrail,
      boolean includeGlobalServiceEvents,
      boolean logFileValidationEnabled,
      String s3BucketName,
      String s3KeyPrefix,
      String kmsKeyId,
      String cloudWatchLogsLogGroupArn,
      String cloudWatchLogsRoleArn,
      String snsTopicArn,
      Observed<TrailStatus> status,
      Observed<EventSelectors> eventSelectors,
      Observed<java.util.List<InsightSelector>> insightSelectors,
      Observed<Map<String, String>> tags) {
    this(
        arn,
        name,
        homeRegion,
        isOrganizationTrail,
        isMultiRegionTrail,
        includeGlobalServiceEvents,
        logFileValidationEnabled,
        s3BucketName,
        s3KeyPrefix,
        kmsKeyId,
        cloudWatchLogsLogGroupArn,
        cloudWatchLogsRoleArn,
        snsTopicArn,
        status,
        eventSelectors,
        insightSelectors,
        tags,
        null);
  }

  public Trail {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(homeRegion, "homeRegion");
    status = Observed.orNotCollected(status, "trail status");
    eventSelectors = Observed.orNotCollected(eventSelectors, "event selectors");
    insightSelectors = Observed.orNotCollected(insightSelectors, "insight selectors");
    tags = Observed.orNotCollected(tags, "tags");
    eventConfiguration = Observed.orNotCollected(eventConfiguration, "event configuration");
  }

  /** The account that owns the trail, from its ARN. */
  public String ownerAccountId() {
    return Arns.account(arn);
  }
}
