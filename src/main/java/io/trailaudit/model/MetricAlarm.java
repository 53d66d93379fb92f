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
      dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    }
  }
}
