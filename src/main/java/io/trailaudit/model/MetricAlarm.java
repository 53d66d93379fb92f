package io.trailaudit.model;

import java.util.List;
import java.util.Map;

/**
 * A CloudWatch metric alarm ({@code cloudwatch:DescribeAlarmsForMetric} or {@code DescribeAlarms}).
 *
 * @param statistic {@code Sum}, {@code SampleCount}, {@code Average}, {@code Minimum} or {@code
 *     Maximum}; null when the alarm uses an extended statistic (see {@link Evaluation})
 * @param evaluation how the alarm turns datapoints into ALARM; NotCollected in snapshots written
 *     before it was read
 */
public record MetricAlarm(
    String alarmName,
    String alarmArn,
    String namespace,
    String metricName,
    boolean actionsEnabled,
    List<String> alarmActions,
    String stateValue,
    String statistic,
    String comparisonOperator,
    Double threshold,
    Integer evaluationPeriods,
    Integer period,
    Observed<Evaluation> evaluation) {
  public MetricAlarm {
    alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
    evaluation = Observed.orNotCollected(evaluation, "alarm evaluation settings");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a MetricAlarm by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String alarmName;
    private String alarmArn;
    private String namespace;
    private String metricName;
    private boolean actionsEnabled;
    private List<String> alarmActions;
    private String stateValue;
    private String statistic;
    private String comparisonOperator;
    private Double threshold;
    private Integer evaluationPeriods;
    private Integer period;
    private Observed<Evaluation> evaluation;

    private Builder() {}

    private Builder(MetricAlarm m) {
      alarmName = m.alarmName;
      alarmArn = m.alarmArn;
      namespace = m.namespace;
      metricName = m.metricName;
      actionsEnabled = m.actionsEnabled;
      alarmActions = m.alarmActions;
      stateValue = m.stateValue;
      statistic = m.statistic;
      comparisonOperator = m.comparisonOperator;
      threshold = m.threshold;
      evaluationPeriods = m.evaluationPeriods;
      period = m.period;
      evaluation = m.evaluation;
    }

    public Builder alarmName(String alarmName) {
      this.alarmName = alarmName;
      return this;
    }

    public Builder alarmArn(String alarmArn) {
      this.alarmArn = alarmArn;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder metricName(String metricName) {
      this.metricName = metricName;
      return this;
    }

    public Builder actionsEnabled(boolean actionsEnabled) {
      this.actionsEnabled = actionsEnabled;
      return this;
    }

    public Builder alarmActions(List<String> alarmActions) {
      this.alarmActions = alarmActions;
      return this;
    }

    public Builder stateValue(String stateValue) {
      this.stateValue = stateValue;
      return this;
    }

    public Builder statistic(String statistic) {
      this.statistic = statistic;
      return this;
    }

    public Builder comparisonOperator(String comparisonOperator) {
      this.comparisonOperator = comparisonOperator;
      return this;
    }

    public Builder threshold(Double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder evaluationPeriods(Integer evaluationPeriods) {
      this.evaluationPeriods = evaluationPeriods;
      return this;
    }

    public Builder period(Integer period) {
      this.period = period;
      return this;
    }

    public Builder evaluation(Observed<Evaluation> evaluation) {
      this.evaluation = evaluation;
      return this;
    }

    public MetricAlarm build() {
      return new MetricAlarm(
          alarmName,
          alarmArn,
          namespace,
          metricName,
          actionsEnabled,
          alarmActions,
          stateValue,
          statistic,
          comparisonOperator,
          threshold,
          evaluationPeriods,
          period,
          evaluation);
    }
  }

  /**
   * The rest of what decides whether one matching event notifies.
   *
   * @param extendedStatistic a percentile such as {@code p99}, null when none
   * @param datapointsToAlarm M of "M out of N"; null means equal to the evaluation periods
   * @param treatMissingData {@code missing} (also when null), {@code notBreaching}, {@code
   *     breaching} or {@code ignore}
   * @param dimensions the dimensions the alarm's metric is named with, empty when none
   * @param thresholdMetricId set for anomaly-detection alarms, whose threshold is a band
   * @param metricMath whether the alarm evaluates metric math ({@code Metrics}) rather than one
   *     metric
   */
  public record Evaluation(
      String extendedStatistic,
      Integer datapointsToAlarm,
      String treatMissingData,
      Map<String, String> dimensions,
      String thresholdMetricId,
      boolean metricMath) {
    public Evaluation {
      // Sorted: Map.copyOf iterates in an order that changes from run to run, and reports list
      // these.
      dimensions =
          dimensions == null
              ? Map.of()
              : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(dimensions));
    }
  }
}
