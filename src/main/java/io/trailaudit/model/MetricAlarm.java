package io.trailaudit.model;

import java.util.List;

/** A CloudWatch metric alarm ({@code cloudwatch:DescribeAlarmsForMetric}). */
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
    Integer period) {
  public MetricAlarm {
    alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
  }
}
