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
 */
public record AuditConfig(
    List<String> breakGlassPrincipals,
    Integer deliveryMaxAgeHours,
    Integer digestMaxAgeHours,
    Lake lake,
    List<String> skipChecks) {

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
  }

  public static AuditConfig defaults() {
    return new AuditConfig(null, null, null, null, null);
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
