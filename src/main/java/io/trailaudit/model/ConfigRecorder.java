package io.trailaudit.model;

import java.time.Instant;
import java.util.List;

/**
 * An AWS Config configuration recorder with its recording group and status.
 *
 * @param allSupported {@code recordingGroup.allSupported}
 * @param includeGlobalResourceTypes {@code recordingGroup.includeGlobalResourceTypes}: with the
 *     all-supported strategy, whether the global IAM resource types are recorded too
 * @param status {@code config:DescribeConfigurationRecorderStatus} for this recorder
 * @param recordingStrategy {@code recordingGroup.recordingStrategy.useOnly}: {@value
 *     #ALL_SUPPORTED}, {@value #INCLUSION} or {@value #EXCLUSION}; null when not reported (older
 *     recorders and snapshots), then read from {@code allSupported}
 * @param resourceTypes {@code recordingGroup.resourceTypes}: what an inclusion strategy records
 * @param excludedResourceTypes {@code recordingGroup.exclusionByResourceTypes.resourceTypes}
 * @param recordingFrequency {@code recordingMode.recordingFrequency}: {@code CONTINUOUS} or {@code
 *     DAILY}; null when not reported
 * @param servicePrincipal set on a service-linked recorder (for example {@code
 *     securityhub.amazonaws.com}), whose recording group the linked service decides; null on the
 *     customer managed recorder
 */
public record ConfigRecorder(
    String name,
    boolean allSupported,
    boolean includeGlobalResourceTypes,
    Observed<Status> status,
    String recordingStrategy,
    List<String> resourceTypes,
    List<String> excludedResourceTypes,
    String recordingFrequency,
    String servicePrincipal) {
  public static final String ALL_SUPPORTED = "ALL_SUPPORTED_RESOURCE_TYPES";
  public static final String INCLUSION = "INCLUSION_BY_RESOURCE_TYPES";
  public static final String EXCLUSION = "EXCLUSION_BY_RESOURCE_TYPES";

  /** The global IAM resource types: Config records them only where a recorder asks for them. */
  public static final List<String> GLOBAL_IAM_TYPES =
      List.of("AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::Policy");

  public ConfigRecorder {
    status = Observed.orNotCollected(status, "configuration recorder status");
    resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
    excludedResourceTypes =
        excludedResourceTypes == null ? List.of() : List.copyOf(excludedResourceTypes);
  }

  /** A customer managed recorder as older snapshots describe it: no strategy, mode or types. */
  public ConfigRecorder(
      String name,
      boolean allSupported,
      boolean includeGlobalResourceTypes,
      Observed<Status> status) {
    this(name, allSupported, includeGlobalResourceTypes, status, null, null, null, null, null);
  }

  /**
   * The strategy in force: the reported one, else what {@code allSupported} means (the API had only
   * that flag and {@code resourceTypes} before strategies).
   */
  public String effectiveStrategy() {
    if (recordingStrategy != null) {
      return recordingStrategy;
    }
    return allSupported ? ALL_SUPPORTED : INCLUSION;
  }

  /** Whether this recorder asks for every global IAM resource type. */
  public boolean recordsGlobalIamTypes() {
    return switch (effectiveStrategy()) {
      case ALL_SUPPORTED -> allSupported && includeGlobalResourceTypes;
      case EXCLUSION -> GLOBAL_IAM_TYPES.stream().noneMatch(excludedResourceTypes::contains);
      case INCLUSION -> resourceTypes.containsAll(GLOBAL_IAM_TYPES);
      default -> false;
    };
  }

  public boolean serviceLinked() {
    return servicePrincipal != null && !servicePrincipal.isBlank();
  }

  /**
   * @param lastStatus {@code Pending}, {@code Success} or {@code Failure}
   */
  public record Status(
      boolean recording, String lastStatus, String lastErrorCode, Instant lastStatusChangeTime) {}
}
