package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code cloudtrail:GetEventSelectors}: a trail has either classic or advanced selectors. A trail
 * created without selectors reports one classic selector logging all management events.
 */
public record EventSelectors(List<EventSelector> classic, List<AdvancedEventSelector> advanced) {
  public EventSelectors {
    classic = classic == null ? List.of() : List.copyOf(classic);
    advanced = advanced == null ? List.of() : List.copyOf(advanced);
  }

  /**
   * A classic event selector.
   *
   * @param readWriteType {@code ReadOnly}, {@code WriteOnly} or {@code All}
   */
  public record EventSelector(
      String readWriteType,
      boolean includeManagementEvents,
      @JsonProperty(required = true) List<String> excludeManagementEventSources,
      List<DataResource> dataResources) {
    public EventSelector {
      excludeManagementEventSources =
          excludeManagementEventSources == null
              ? List.of()
              : List.copyOf(excludeManagementEventSources);
      dataResources = dataResources == null ? List.of() : List.copyOf(dataResources);
    }
  }

  /** A classic data resource: a type such as {@code AWS::S3::Object} and ARN prefixes. */
  public record DataResource(String type, List<String> values) {
    public DataResource {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }
}
