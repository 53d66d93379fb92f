package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of a report's findings.
 *
 * @param byStatus findings per status, every status present
 * @param failuresBySeverity FAIL findings per severity, every severity present
 */
public record Summary(
    int total, Map<Status, Integer> byStatus, Map<Severity, Integer> failuresBySeverity) {
  public Summary {
    byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
    failuresBySeverity = Collections.unmodifiableMap(new EnumMap<>(failuresBySeverity));
  }

  public static Summary of(List<Finding> findings) {
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Status s : Status.values()) {
      byStatus.put(s, 0);
    }
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0);
    }
    for (Finding f : findings) {
      byStatus.merge(f.status(), 1, Integer::sum);
      if (f.status() == Status.FAIL) {
        bySeverity.merge(f.severity(), 1, Integer::sum);
      }
    }
    return new Summary(findings.size(), byStatus, bySeverity);
  }

  public int count(Status s) {
    return byStatus.get(s);
  }
}
