package io.trailaudit.model;

import java.util.List;

/**
 * A trail's event configuration ({@code cloudtrail:GetEventConfiguration}): the data-event
 * aggregation CloudTrail introduced in November 2025.
 *
 * @param maxEventSize {@code Standard} or {@code Large}, or null when not returned
 * @param aggregations the aggregation configured per event category; empty when none is
 */
public record EventConfiguration(String maxEventSize, List<Aggregation> aggregations) {
  public EventConfiguration {
    aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
  }

  /**
   * Aggregation of one event category into 5-minute summaries.
   *
   * @param eventCategory {@code Data}
   * @param templates {@code API_ACTIVITY}, {@code RESOURCE_ACCESS}, {@code USER_ACTIONS}
   */
  public record Aggregation(String eventCategory, List<String> templates) {
    public Aggregation {
      templates = templates == null ? List.of() : List.copyOf(templates);
    }
  }
}
