package io.trailaudit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch Logs group a trail delivers to.
 *
 * @param metricFilters {@code logs:DescribeMetricFilters} on this group
 */
public record LogGroup(String arn, String name, Observed<List<MetricFilter>> metricFilters) {
  public LogGroup {
    Objects.requireNonNull(name, "name");
    metricFilters = Observed.orNotCollected(metricFilters, "metric filters");
  }

  /** A metric filter with its pattern text and the metrics it publishes. */
  public record MetricFilter(
      String name, String filterPattern, List<MetricTransformation> metricTransformations) {
    public MetricFilter {
      metricTransformations =
          metricTransformations == null ? List.of() : List.copyOf(metricTransformations);
    }
  }

  /**
   * @param dimensions dimension name to the event field giving its value; empty when none. An alarm
   *     on a dimensioned metric names the dimension values, so it is found by listing alarms.
   * @param defaultValue the value published for log events the pattern does not match; known null
   *     when none is set, NotCollected in snapshots written before it was read
   */
  public record MetricTransformation(
      String metricName,
      String metricNamespace,
      String metricValue,
      Map<String, String> dimensions,
      Observed<Double> defaultValue) {
    public MetricTransformation {
      // Sorted: Map.copyOf iterates in an order that changes from run to run, and reports list
      // these.
      dimensions =
          dimensions == null
              ? Map.of()
              : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(dimensions));
      defaultValue = Observed.orNotCollected(defaultValue, "metric default value");
    }

    /** A metric without dimensions or default value. */
    public MetricTransformation(String metricName, String metricNamespace, String metricValue) {
      this(metricName, metricNamespace, metricValue, Map.of(), Observed.known(null));
    }
  }
}
