package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.MetricAlarm.Evaluation;
import io.trailaudit.model.Observed;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Whether one event the filter matches moves the alarm to ALARM, and so notifies. Every datapoint a
 * metric filter publishes for matching events has the filter's {@code metricValue} v (and its
 * {@code defaultValue} d for other log events, when set). With at least one match in a period: Sum
 * ≥ v (when d ≥ 0), SampleCount ≥ 1, Maximum = v, and Average, Minimum and percentiles are v
 * without a default value but may be as low as d with one. The alarm must breach on the lowest of
 * these; with "M out of N" it needs M breaching periods, which one event never gives; missing data
 * treated as breaching keeps it in ALARM while nothing happens, and treated as {@code ignore} keeps
 * it in ALARM after the first event when nothing else is published, so later events send nothing.
 */
final class AlarmFiring {
  private AlarmFiring() {}

  /** PASS (fires), FAIL (provably never notifies on one event) or ERROR (cannot tell). */
  enum Kind {
    FIRES,
    NEVER,
    UNKNOWN
  }

  record Verdict(Kind kind, String reason) {
    static Verdict fires() {
      return new Verdict(Kind.FIRES, null);
    }

    static Verdict never(String reason) {
      return new Verdict(Kind.NEVER, reason);
    }

    static Verdict unknown(String reason) {
      return new Verdict(Kind.UNKNOWN, reason);
    }
  }

  static Verdict judge(MetricTransformation mt, MetricAlarm a) {
    if (!(a.evaluation() instanceof Observed.Known<Evaluation> known) || known.value() == null) {
      return Verdict.unknown(
          "its datapoints to alarm, treat-missing-data and dimensions are unavailable: "
              + a.evaluation().failure().reason());
    }
    Evaluation e = known.value();
    if (e.metricMath() || e.thresholdMetricId() != null) {
      return Verdict.unknown(
          "it evaluates "
              + (e.metricMath() ? "metric math" : "an anomaly-detection band")
              + ", which trailaudit does not evaluate");
    }
    if (!e.dimensions().equals(Map.of()) || !mt.dimensions().isEmpty()) {
      if (!mt.dimensions().isEmpty()) {
        // One alarm watches one combination of dimension values; the filter publishes one per
        // value found in the events, so events with other values never reach this alarm.
        return Verdict.never(
            "the filter publishes its metric with dimensions "
                + String.join(", ", mt.dimensions().keySet())
                + " taken from the events, and the alarm watches only "
                + (e.dimensions().isEmpty() ? "the metric without dimensions" : e.dimensions())
                + ", so events with other values raise nothing");
      }
      return Verdict.never(
          "it watches the metric with dimensions "
              + e.dimensions()
              + ", which the filter never publishes (it publishes the metric without dimensions)");
    }
    BigDecimal v = number(mt.metricValue());
    if (v == null) {
      return mt.metricValue() != null && mt.metricValue().startsWith("$.")
          ? Verdict.unknown(
              "the filter publishes "
                  + mt.metricValue()
                  + " taken from each event, so whether one event reaches the threshold depends on"
                  + " the event")
          : Verdict.never(
              "the filter publishes metric value " + mt.metricValue() + ", not a number");
    }
    if (v.signum() <= 0) {
      return Verdict.never(
          "the filter publishes metric value " + mt.metricValue() + ", so a match adds nothing");
    }
    if (!(mt.defaultValue() instanceof Observed.Known<Double> dk)) {
      return Verdict.unknown(
          "the filter's default value is unavailable: " + mt.defaultValue().failure().reason());
    }
    BigDecimal d = dk.value() == null ? null : BigDecimal.valueOf(dk.value());
    if (a.comparisonOperator() == null || a.threshold() == null) {
      return Verdict.unknown("its comparison operator or threshold is not in the snapshot");
    }
    BigDecimal lowest;
    String stat;
    if (e.extendedStatistic() != null) {
      stat = e.extendedStatistic();
      lowest = d == null ? v : d.min(v);
    } else if (a.statistic() == null) {
      return Verdict.unknown("its statistic is not in the snapshot");
    } else {
      stat = a.statistic();
      lowest =
          switch (stat) {
            case "Sum" -> d == null || d.signum() >= 0 ? v : null;
            case "SampleCount" -> BigDecimal.ONE;
            case "Maximum" -> v;
            case "Average", "Minimum" -> d == null ? v : d.min(v);
            default -> null;
          };
      if (lowest == null) {
        return Verdict.unknown(
            "statistic " + stat + " with default value " + d + " cannot be evaluated");
      }
    }
    BigDecimal t = BigDecimal.valueOf(a.threshold());
    String op = a.comparisonOperator();
    boolean breaches =
        switch (op) {
          case "GreaterThanOrEqualToThreshold" -> lowest.compareTo(t) >= 0;
          case "GreaterThanThreshold" -> lowest.compareTo(t) > 0;
          default -> false;
        };
    if (!breaches) {
      if (op.startsWith("LessThan")) {
        return Verdict.never(
            op
                + " "
                + plain(t)
                + " on "
                + stat
                + " breaches when events stop, not when one happens");
      }
      if (!op.startsWith("GreaterThan")) {
        return Verdict.unknown("comparison operator " + op + " cannot be evaluated");
      }
      return Verdict.never(
          stat
              + " of one matching event is "
              + plain(lowest)
              + (d == null ? "" : " (with default value " + plain(d) + ")")
              + ", which is not "
              + (op.equals("GreaterThanThreshold") ? "above " : "at or above ")
              + plain(t));
    }
    if (a.evaluationPeriods() == null) {
      return Verdict.unknown("its evaluation periods are not in the snapshot");
    }
    int periods = a.evaluationPeriods();
    int m = e.datapointsToAlarm() == null ? periods : e.datapointsToAlarm();
    if (m > 1) {
      return Verdict.never(
          "it needs " + m + " breaching periods out of " + periods + ", and one event gives one");
    }
    String missing = e.treatMissingData() == null ? "missing" : e.treatMissingData();
    switch (missing) {
      case "missing", "notBreaching" -> {
        return Verdict.fires();
      }
      case "breaching" -> {
        return Verdict.never(
            "it treats missing data as breaching, so it sits in ALARM while nothing happens and an"
                + " event changes nothing");
      }
      case "ignore" -> {
        boolean defaultIsOk = d != null && !breachesAt(op, d, t);
        return defaultIsOk
            ? Verdict.fires()
            : Verdict.never(
                "it ignores missing data and nothing but matches is published, so after the first"
                    + " event it stays in ALARM and later events notify no one");
      }
      default -> {
        return Verdict.unknown("treat-missing-data " + missing + " cannot be evaluated");
      }
    }
  }

  private static boolean breachesAt(String op, BigDecimal x, BigDecimal t) {
    return switch (op) {
      case "GreaterThanOrEqualToThreshold" -> x.compareTo(t) >= 0;
      case "GreaterThanThreshold" -> x.compareTo(t) > 0;
      default -> true;
    };
  }

  private static BigDecimal number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String plain(BigDecimal x) {
    return x.stripTrailingZeros().toPlainString();
  }
}
