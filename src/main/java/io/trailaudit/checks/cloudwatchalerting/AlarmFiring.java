package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.model.LogGroup.MetricTransformation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.MetricAlarm.Evaluation;
import io.trailaudit.model.Observed;
import java.math.BigDecimal;
import java.util.HashMap;
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

  /**
   * The verdict; its reason is the message template {@code key} of the topic's requirement (in
   * check.json's requirementTemplate) filled with {@code values}.
   */
  record Verdict(Kind kind, String key, Map<String, String> values) {
    Verdict {
      values = Map.copyOf(values);
    }

    static Verdict fires() {
      return new Verdict(Kind.FIRES, null, Map.of());
    }

    static Verdict never(String key) {
      return never(key, Map.of());
    }

    static Verdict never(String key, Map<String, String> values) {
      return new Verdict(Kind.NEVER, key, values);
    }

    static Verdict unknown(String key) {
      return unknown(key, Map.of());
    }

    static Verdict unknown(String key, Map<String, String> values) {
      return new Verdict(Kind.UNKNOWN, key, values);
    }

    /** A value of the reason; a missing one reads "null", as in the message it fills. */
    static Map.Entry<String, String> value(String name, Object value) {
      return Map.entry(name, String.valueOf(value));
    }

    @SafeVarargs
    static Map<String, String> values(Map.Entry<String, String>... entries) {
      Map<String, String> out = new HashMap<>();
      for (Map.Entry<String, String> e : entries) {
        out.put(e.getKey(), e.getValue());
      }
      return out;
    }
  }

  /** Why a value is not there: its failed read, or a snapshot holding null for it. */
  static String whyUnread(Observed<?> o) {
    return o.isKnown()
        ? "the snapshot holds no value for it (null)"
        : String.valueOf(o.failure().reason());
  }

  static Verdict judge(MetricTransformation mt, MetricAlarm a) {
    if (!(a.evaluation() instanceof Observed.Known<Evaluation> known) || known.value() == null) {
      return Verdict.unknown(
          "evaluation-unavailable",
          Verdict.values(Verdict.value("reason", whyUnread(a.evaluation()))));
    }
    Evaluation e = known.value();
    if (e.metricMath() || e.thresholdMetricId() != null) {
      return Verdict.unknown(e.metricMath() ? "metric-math" : "anomaly-band");
    }
    if (!e.dimensions().equals(Map.of()) || !mt.dimensions().isEmpty()) {
      if (!mt.dimensions().isEmpty()) {
        // One alarm watches one combination of dimension values; the filter publishes one per
        // value found in the events, so events with other values never reach this alarm.
        return Verdict.never(
            e.dimensions().isEmpty() ? "filter-dimensions" : "filter-dimensions-other",
            Verdict.values(
                Verdict.value("dimensions", String.join(", ", mt.dimensions().keySet())),
                Verdict.value("alarmDimensions", e.dimensions())));
      }
      return Verdict.never(
          "alarm-dimensions", Verdict.values(Verdict.value("alarmDimensions", e.dimensions())));
    }
    BigDecimal v = number(mt.metricValue());
    if (v == null) {
      Map<String, String> values = Verdict.values(Verdict.value("metricValue", mt.metricValue()));
      return mt.metricValue() != null && mt.metricValue().startsWith("$.")
          ? Verdict.unknown("value-from-event", values)
          : Verdict.never("value-not-a-number", values);
    }
    if (v.signum() <= 0) {
      return Verdict.never(
          "value-adds-nothing", Verdict.values(Verdict.value("metricValue", mt.metricValue())));
    }
    if (!(mt.defaultValue() instanceof Observed.Known<Double> dk)) {
      return Verdict.unknown(
          "default-value-unavailable",
          Verdict.values(Verdict.value("reason", mt.defaultValue().failure().reason())));
    }
    BigDecimal d = dk.value() == null ? null : BigDecimal.valueOf(dk.value());
    if (a.comparisonOperator() == null || a.threshold() == null) {
      return Verdict.unknown("no-threshold");
    }
    BigDecimal lowest;
    String stat;
    if (e.extendedStatistic() != null) {
      stat = e.extendedStatistic();
      lowest = d == null ? v : d.min(v);
    } else if (a.statistic() == null) {
      return Verdict.unknown("no-statistic");
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
            "statistic-unknown",
            Verdict.values(Verdict.value("stat", stat), Verdict.value("defaultValue", d)));
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
      Map<String, String> values =
          Verdict.values(
              Verdict.value("operator", op),
              Verdict.value("threshold", plain(t)),
              Verdict.value("stat", stat),
              Verdict.value("lowest", plain(lowest)),
              Verdict.value("defaultValue", d == null ? null : plain(d)));
      if (op.startsWith("LessThan")) {
        return Verdict.never("breaches-when-events-stop", values);
      }
      if (!op.startsWith("GreaterThan")) {
        return Verdict.unknown("operator-unknown", values);
      }
      return Verdict.never(
          (op.equals("GreaterThanThreshold") ? "not-above-threshold" : "below-threshold")
              + (d == null ? "" : "-with-default"),
          values);
    }
    if (a.evaluationPeriods() == null) {
      return Verdict.unknown("no-evaluation-periods");
    }
    int periods = a.evaluationPeriods();
    int m = e.datapointsToAlarm() == null ? periods : e.datapointsToAlarm();
    if (m > 1) {
      return Verdict.never(
          "needs-periods",
          Verdict.values(Verdict.value("datapoints", m), Verdict.value("periods", periods)));
    }
    String missing = e.treatMissingData() == null ? "missing" : e.treatMissingData();
    switch (missing) {
      case "missing", "notBreaching" -> {
        return Verdict.fires();
      }
      case "breaching" -> {
        return Verdict.never("missing-data-breaching");
      }
      case "ignore" -> {
        boolean defaultIsOk = d != null && !breachesAt(op, d, t);
        return defaultIsOk ? Verdict.fires() : Verdict.never("missing-data-ignored");
      }
      default -> {
        return Verdict.unknown(
            "missing-data-unknown", Verdict.values(Verdict.value("treatMissingData", missing)));
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
