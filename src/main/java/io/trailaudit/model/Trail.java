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

  /** This trail as described, its per-trail reads each unavailable for {@code failure}. */
  public Trail detailsUnreadable(Observed.Unavailable<?> failure) {
    return toBuilder()
        .status(failure.retyped())
        .eventSelectors(failure.retyped())
        .insightSelectors(failure.retyped())
        .tags(failure.retyped())
        .eventConfiguration(failure.retyped())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a Trail by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String arn;
    private String name;
    private String homeRegion;
    private boolean isOrganizationTrail;
    private boolean isMultiRegionTrail;
    private boolean includeGlobalServiceEvents;
    private boolean logFileValidationEnabled;
    private String s3BucketName;
    private String s3KeyPrefix;
    private String kmsKeyId;
    private String cloudWatchLogsLogGroupArn;
    private String cloudWatchLogsRoleArn;
    private String snsTopicArn;
    private Observed<TrailStatus> status;
    private Observed<EventSelectors> eventSelectors;
    private Observed<java.util.List<InsightSelector>> insightSelectors;
    private Observed<Map<String, String>> tags;
    private Observed<EventConfiguration> eventConfiguration;

    private Builder() {}

    private Builder(Trail t) {
      arn = t.arn;
      name = t.name;
      homeRegion = t.homeRegion;
      isOrganizationTrail = t.isOrganizationTrail;
      isMultiRegionTrail = t.isMultiRegionTrail;
      includeGlobalServiceEvents = t.includeGlobalServiceEvents;
      logFileValidationEnabled = t.logFileValidationEnabled;
      s3BucketName = t.s3BucketName;
      s3KeyPrefix = t.s3KeyPrefix;
      kmsKeyId = t.kmsKeyId;
      cloudWatchLogsLogGroupArn = t.cloudWatchLogsLogGroupArn;
      cloudWatchLogsRoleArn = t.cloudWatchLogsRoleArn;
      snsTopicArn = t.snsTopicArn;
      status = t.status;
      eventSelectors = t.eventSelectors;
      insightSelectors = t.insightSelectors;
      tags = t.tags;
      eventConfiguration = t.eventConfiguration;
    }

    public Builder arn(String arn) {
      this.arn = arn;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder homeRegion(String homeRegion) {
      this.homeRegion = homeRegion;
      return this;
    }

    public Builder isOrganizationTrail(boolean isOrganizationTrail) {
      this.isOrganizationTrail = isOrganizationTrail;
      return this;
    }

    public Builder isMultiRegionTrail(boolean isMultiRegionTrail) {
      this.isMultiRegionTrail = isMultiRegionTrail;
      return this;
    }

    public Builder includeGlobalServiceEvents(boolean includeGlobalServiceEvents) {
      this.includeGlobalServiceEvents = includeGlobalServiceEvents;
      return this;
    }

    public Builder logFileValidationEnabled(boolean logFileValidationEnabled) {
      this.logFileValidationEnabled = logFileValidationEnabled;
      return this;
    }

    public Builder s3BucketName(String s3BucketName) {
      this.s3BucketName = s3BucketName;
      return this;
    }

    public Builder s3KeyPrefix(String s3KeyPrefix) {
      this.s3KeyPrefix = s3KeyPrefix;
      return this;
    }

    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    public Builder cloudWatchLogsLogGroupArn(String cloudWatchLogsLogGroupArn) {
      this.cloudWatchLogsLogGroupArn = cloudWatchLogsLogGroupArn;
      return this;
    }

    public Builder cloudWatchLogsRoleArn(String cloudWatchLogsRoleArn) {
      this.cloudWatchLogsRoleArn = cloudWatchLogsRoleArn;
      return this;
    }

    public Builder snsTopicArn(String snsTopicArn) {
      this.snsTopicArn = snsTopicArn;
      return this;
    }

    public Builder status(Observed<TrailStatus> status) {
      this.status = status;
      return this;
    }

    public Builder eventSelectors(Observed<EventSelectors> eventSelectors) {
      this.eventSelectors = eventSelectors;
      return this;
    }

    public Builder insightSelectors(Observed<java.util.List<InsightSelector>> insightSelectors) {
      this.insightSelectors = insightSelectors;
      return this;
    }

    public Builder tags(Observed<Map<String, String>> tags) {
      this.tags = tags;
      return this;
    }

    public Builder eventConfiguration(Observed<EventConfiguration> eventConfiguration) {
      this.eventConfiguration = eventConfiguration;
      return this;
    }

    public Trail build() {
      return new Trail(
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
          eventConfiguration);
    }
  }

  /** The account that owns the trail, from its ARN. */
  public String ownerAccountId() {
    return Arns.account(arn);
  }
}
