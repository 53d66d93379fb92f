package io.trailaudit.report;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one order of every report, worst first. Findings that need action (FAIL and ERROR) come
 * first, by severity, then status (a FAIL before an ERROR of the same severity: an ERROR is a
 * requirement that could not be verified, so a critical ERROR ranks above a high FAIL); then MUTED,
 * PASS and NOT_APPLICABLE findings, each by severity. A critical PASS is never ranked above a low
 * FAIL. Ties keep the catalog's order: check number, requirement, then account, region, resource.
 *
 * <p>Checks are ordered by their worst finding, which is the order of their first finding in this
 * order ({@link #byCheck}).
 */
public final class ReportOrder {
  private ReportOrder() {}

  /** 0 for findings that need action, then MUTED, PASS, NOT_APPLICABLE. */
  static int tier(Status s) {
    return switch (s) {
      case FAIL, ERROR -> 0;
      case MUTED -> 1;
      case PASS -> 2;
      case NOT_APPLICABLE -> 3;
    };
  }

  /** Worst first, then catalog order; total, so that every renderer agrees. */
  public static Comparator<Finding> worstFirst(ControlCatalog catalog) {
    return Comparator.comparingInt((Finding f) -> tier(f.status()))
        .thenComparing(Finding::severity)
        .thenComparing(Finding::status)
        .thenComparingInt(f -> catalog.find(f.checkId()).map(CheckInfo::number).orElse(99))
        .thenComparing(Finding::checkId)
        .thenComparingInt(f -> requirementIndex(catalog, f))
        .thenComparing(Finding::requirement)
        .thenComparing(Finding::account)
        .thenComparing(Finding::region)
        .thenComparing(Finding::resourceArn);
  }

  /** Sorted copy. */
  static List<Finding> sort(List<Finding> findings, ControlCatalog catalog) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(worstFirst(catalog));
    return sorted;
  }

  /**
   * Findings (already in report order) grouped by check: the check with the worst finding first,
   * each group worst first.
   */
  static Map<String, List<Finding>> byCheck(List<Finding> findings) {
    Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
    for (Finding f : findings) {
      byCheck.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(f);
    }
    return byCheck;
  }

  private static int requirementIndex(ControlCatalog catalog, Finding f) {
    return catalog
        .find(f.checkId())
        .map(c -> c.requirements().stream().map(r -> r.id()).toList().indexOf(f.requirement()))
        .orElse(0);
  }
}
