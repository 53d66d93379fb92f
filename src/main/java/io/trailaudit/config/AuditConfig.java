package io.trailaudit.config;

import java.util.List;

/**
 * The audit configuration ({@code --config FILE}, YAML). Every field has a default; see {@code
 * config/trailaudit.yml} for the documented file.
 *
 * @param breakGlassPrincipals principal ARN patterns ({@code *} and {@code ?} allowed) that may
 *     delete logs and are exempted from the anti-tampering SCPs
 * @param deliveryMaxAgeHours the oldest acceptable last log delivery, in hours
 * @param digestMaxAgeHours the oldest acceptable last digest delivery, in hours
 * @param lake CloudTrail Lake requirements
 * @param skipChecks check ids not to run
 * @param dataEvents data-event requirements
 * @param networkActivity network-activity-event requirements
 * @param suppressions FAIL findings accepted for a reason, until an expiry
 * @param logBucket trail bucket requirements
 * @param tamperEvidence tamper-evidence settings
 * @param organizationTrail organization-trail settings
 */
public record AuditConfig(
    List<String> breakGlassPrincipals,
    Integer deliveryMaxAgeHours,
    Integer digestMaxAgeHours,
    Lake lake,
    List<String> skipChecks,
    DataEvents dataEvents,
    NetworkActivity networkActivity,
    List<Suppression> suppressions,
    LogBucket logBucket,
    TamperEvidence tamperEvidence,
    OrganizationTrail organizationTrail) {

  public static final int DEFAULT_DELIVERY_MAX_AGE_HOURS = 24;
  public static final int DEFAULT_DIGEST_MAX_AGE_HOURS = 2;

  public AuditConfig {
    breakGlassPrincipals =
        breakGlassPrincipals == null ? List.of() : List.copyOf(breakGlassPrincipals);
    deliveryMaxAgeHours =
        deliveryMaxAgeHours == null ? DEFAULT_DELIVERY_MAX_AGE_HOURS : deliveryMaxAgeHours;
    digestMaxAgeHours =
        digestMaxAgeHours == null ? DEFAULT_DIGEST_MAX_AGE_HOURS : digestMaxAgeHours;
    lake = lake == null ? new Lake(null, null) : lake;
    skipChecks = skipChecks == null ? List.of() : List.copyOf(skipChecks);
    dataEvents = dataEvents == null ? new DataEvents(null) : dataEvents;
    networkActivity = networkActivity == null ? new NetworkActivity(null, null) : networkActivity;
    suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    logBucket = logBucket == null ? new LogBucket(null) : logBucket;
    tamperEvidence = tamperEvidence == null ? new TamperEvidence(null) : tamperEvidence;
    organizationTrail = organizationTrail == null ? new OrganizationTrail(null) : organizationTrail;
  }

  public static AuditConfig defaults() {
    return new AuditConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A configuration with the given values and the defaults for the rest (for tests and tools). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditConfig}; what is not set keeps its default. */
  public static final class Builder {
    private List<String> breakGlassPrincipals;
    private Integer deliveryMaxAgeHours;
    private Integer digestMaxAgeHours;
    private Lake lake;
    private List<String> skipChecks;
    private DataEvents dataEvents;
    private NetworkActivity networkActivity;
    private List<Suppression> suppressions;
    private LogBucket logBucket;
    private TamperEvidence tamperEvidence;
    private OrganizationTrail organizationTrail;

    private Builder() {}

    public Builder breakGlassPrincipals(List<String> value) {
      breakGlassPrincipals = value;
      return this;
    }

    public Builder deliveryMaxAgeHours(int value) {
      deliveryMaxAgeHours = value;
      return this;
    }

    public Builder digestMaxAgeHours(int value) {
      digestMaxAgeHours = value;
      return this;
    }

    public Builder lake(Lake value) {
      lake = value;
      return this;
    }

    public Builder skipChecks(List<String> value) {
      skipChecks = value;
      return this;
    }

    public Builder dataEvents(DataEvents value) {
      dataEvents = value;
      return this;
    }

    public Builder networkActivity(NetworkActivity value) {
      networkActivity = value;
      return this;
    }

    public Builder suppressions(List<Suppression> value) {
      suppressions = value;
      return this;
    }

    public Builder logBucket(LogBucket value) {
      logBucket = value;
      return this;
    }

    public Builder tamperEvidence(TamperEvidence value) {
      tamperEvidence = value;
      return this;
    }

    public Builder organizationTrail(OrganizationTrail value) {
      organizationTrail = value;
      return this;
    }

    public AuditConfig build() {
      return new AuditConfig(
          breakGlassPrincipals,
          deliveryMaxAgeHours,
          digestMaxAgeHours,
          lake,
          skipChecks,
          dataEvents,
          networkActivity,
          suppressions,
          logBucket,
          tamperEvidence,
          organizationTrail);
    }
  }

  /**
   * Tamper-evidence settings.
   *
   * @param changePrincipals principal ARN patterns ({@code *} and {@code ?}) whose changes to the
   *     logging are expected, besides the break-glass principals
   */
  public record TamperEvidence(List<String> changePrincipals) {
    public TamperEvidence {
      changePrincipals = changePrincipals == null ? List.of() : List.copyOf(changePrincipals);
    }
  }

  /**
   * Organization-trail settings.
   *
   * @param requiredTagKeys tag keys every trail must carry; empty means at least one tag
   */
  public record OrganizationTrail(List<String> requiredTagKeys) {
    public OrganizationTrail {
      requiredTagKeys = requiredTagKeys == null ? List.of() : List.copyOf(requiredTagKeys);
    }
  }

  /**
   * Trail bucket settings.
   *
   * @param minRetentionDays the least number of days a log file must be kept: a lifecycle rule
   *     expiring log files sooner, or an Object Lock default retention shorter than this, fails
   */
  public record LogBucket(Integer minRetentionDays) {
    public static final int DEFAULT_MIN_RETENTION_DAYS = 365;

    public LogBucket {
      minRetentionDays = minRetentionDays == null ? DEFAULT_MIN_RETENTION_DAYS : minRetentionDays;
    }
  }

  /**
   * Data-event settings.
   *
   * @param s3Buckets bucket names whose object-level events must be logged; empty means every
   *     bucket
   */
  public record DataEvents(List<String> s3Buckets) {
    public DataEvents {
      s3Buckets = s3Buckets == null ? List.of() : List.copyOf(s3Buckets);
    }
  }

  /**
   * Network activity event settings.
   *
   * @param eventSources event sources required besides the default ones ({@link #DEFAULT_SOURCES})
   * @param requireAllActivity FAIL when only {@code errorCode VpceAccessDenied} events are logged
   */
  public record NetworkActivity(List<String> eventSources, Boolean requireAllActivity) {
    public static final List<String> DEFAULT_SOURCES =
        List.of(
            "s3.amazonaws.com",
            "ec2.amazonaws.com",
            "kms.amazonaws.com",
            "secretsmanager.amazonaws.com",
            "cloudtrail.amazonaws.com");

    public NetworkActivity {
      eventSources = eventSources == null ? List.of() : List.copyOf(eventSources);
      requireAllActivity = requireAllActivity != null && requireAllActivity;
    }

    /** The default sources and the configured ones, without duplicates. */
    public List<String> requiredSources() {
      return java.util.stream.Stream.concat(DEFAULT_SOURCES.stream(), eventSources.stream())
          .distinct()
          .toList();
    }
  }

  /**
   * CloudTrail Lake settings.
   *
   * @param requireEventDataStore FAIL instead of NOT_APPLICABLE when no event data store exists
   * @param minRetentionDays the least acceptable retention of an event data store
   */
  public record Lake(Boolean requireEventDataStore, Integer minRetentionDays) {
    public static final int DEFAULT_MIN_RETENTION_DAYS = 365;

    public Lake {
      requireEventDataStore = requireEventDataStore != null && requireEventDataStore;
      minRetentionDays = minRetentionDays == null ? DEFAULT_MIN_RETENTION_DAYS : minRetentionDays;
    }
  }
}
