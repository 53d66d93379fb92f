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

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a ConfigRecorder by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String name;
    private boolean allSupported;
    private boolean includeGlobalResourceTypes;
    private Observed<Status> status;
    private String recordingStrategy;
    private List<String> resourceTypes;
    private List<String> excludedResourceTypes;
    private String recordingFrequency;
    private String servicePrincipal;

    private Builder() {}

    private Builder(ConfigRecorder c) {
      name = c.name;
      allSupported = c.allSupported;
      includeGlobalResourceTypes = c.includeGlobalResourceTypes;
      status = c.status;
      recordingStrategy = c.recordingStrategy;
      resourceTypes = c.resourceTypes;
      excludedResourceTypes = c.excludedResourceTypes;
      recordingFrequency = c.recordingFrequency;
      servicePrincipal = c.servicePrincipal;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder allSupported(boolean allSupported) {
      this.allSupported = allSupported;
      return this;
    }

    public Builder includeGlobalResourceTypes(boolean includeGlobalResourceTypes) {
      this.includeGlobalResourceTypes = includeGlobalResourceTypes;
      return this;
    }

    public Builder status(Observed<Status> status) {
      this.status = status;
      return this;
    }

    public Builder recordingStrategy(String recordingStrategy) {
      this.recordingStrategy = recordingStrategy;
      return this;
    }

    public Builder resourceTypes(List<String> resourceTypes) {
      this.resourceTypes = resourceTypes;
      return this;
    }

    public Builder excludedResourceTypes(List<String> excludedResourceTypes) {
      this.excludedResourceTypes = excludedResourceTypes;
      return this;
    }

    public Builder recordingFrequency(String recordingFrequency) {
      this.recordingFrequency = recordingFrequency;
      return this;
    }

    public Builder servicePrincipal(String servicePrincipal) {
      this.servicePrincipal = servicePrincipal;
      return this;
    }

    public ConfigRecorder build() {
      return new ConfigRecorder(
          name,
          allSupported,
          includeGlobalResourceTypes,
          status,
          recordingStrategy,
          resourceTypes,
          excludedResourceTypes,
          recordingFrequency,
          servicePrincipal);
    }
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
