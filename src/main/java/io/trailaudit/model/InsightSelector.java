package io.trailaudit.model;

import java.util.List;

/**
 * An Insights selector.
 *
 * @param insightType {@code ApiCallRateInsight} or {@code ApiErrorRateInsight}
 * @param eventCategories {@code Management} and/or {@code Data}; empty means management only
 */
public record InsightSelector(String insightType, List<String> eventCategories) {
  public InsightSelector {
    eventCategories = eventCategories == null ? List.of() : List.copyOf(eventCategories);
  }
}
