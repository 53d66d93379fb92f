package io.trailaudit.model;

import java.util.List;

/**
 * A CloudTrail Lake event data store ({@code cloudtrail:GetEventDataStore}).
 *
 * @param status {@code ENABLED}, {@code STOPPED_INGESTION}, {@code PENDING_DELETION}, …
 * @param retentionPeriod retention in days
 */
public record EventDataStore(
    String arn,
    String name,
    String status,
    boolean multiRegionEnabled,
    boolean organizationEnabled,
    Integer retentionPeriod,
    boolean terminationProtectionEnabled,
    String kmsKeyId,
    String billingMode,
    List<AdvancedEventSelector> advancedEventSelectors) {
  public EventDataStore {
    advancedEventSelectors =
        advancedEventSelectors == null ? List.of() : List.copyOf(advancedEventSelectors);
  }
}
