package io.trailaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudTrail event names that count as changes to each kind of audited resource, as CloudTrail
 * records them: what tamper-evidence judges, and (with the restart of each stop) what the collector
 * looks up in event history. One list per kind, for both.
 */
public enum TamperEvents {
  /** A trail: stopping, deleting or narrowing its logging. */
  TRAIL("StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors"),

  /** A CloudTrail Lake event data store. */
  EVENT_DATA_STORE("StopEventDataStoreIngestion", "UpdateEventDataStore", "DeleteEventDataStore"),

  /**
   * A trail bucket ({@code PutPublicAccessBlock} on a bucket is recorded as {@code
   * PutBucketPublicAccessBlock}, {@code PutBucketLifecycleConfiguration} as {@code
   * PutBucketLifecycle}).
   */
  BUCKET(
      "PutBucketPolicy",
      "DeleteBucketPolicy",
      "PutBucketAcl",
      "PutBucketPublicAccessBlock",
      "DeleteBucketPublicAccessBlock",
      "PutBucketVersioning",
      "PutBucketLifecycle",
      "PutObjectLockConfiguration",
      "PutBucketLogging",
      "DeleteBucket"),

  /** A trail key. */
  KEY("DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy", "DisableKeyRotation"),

  /** The SCPs of the organization, and the SCP policy type on its root. */
  SCP("DetachPolicy", "UpdatePolicy", "DeletePolicy", "DisablePolicyType"),

  /** A trail's alerting chain: its log group, the alarms on its metric filters, their topics. */
  ALERTING(
      "DeleteMetricFilter",
      "DeleteLogGroup",
      "PutRetentionPolicy",
      "DeleteAlarms",
      "DisableAlarmActions",
      "Unsubscribe",
      "DeleteTopic");

  /** A stop and the call that ends it, looked up together to report the blind window. */
  private static final Map<String, String> RESTARTS =
      Map.of(
          "StopLogging", "StartLogging",
          "StopEventDataStoreIngestion", "StartEventDataStoreIngestion");

  private final List<String> changes;

  TamperEvents(String... changes) {
    this.changes = List.of(changes);
  }

  /** The calls that change the resource: each is judged. */
  public List<String> changes() {
    return changes;
  }

  /**
   * What event history is searched for: the changes, each stop followed by its restart (looked up
   * to pair with it, not judged).
   */
  public List<String> searched() {
    List<String> out = new ArrayList<>();
    for (String name : changes) {
      out.add(name);
      restartOf(name).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /** The call that ends the stop {@code eventName}, if it is a stop. */
  public static Optional<String> restartOf(String eventName) {
    return Optional.ofNullable(RESTARTS.get(eventName));
  }
}
