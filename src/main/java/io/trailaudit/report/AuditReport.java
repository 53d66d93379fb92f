package io.trailaudit.report;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One audit's result: immutable and sorted, with the run's clock reading, so that renderers only
 * format. Field order is the order of the JSON report.
 *
 * @param generatedAt when the audit ran (from the injected clock)
 * @param findings sorted by check, requirement, account, region and resource
 */
public record AuditReport(
    String tool,
    String version,
    Instant generatedAt,
    Scope scope,
    Summary summary,
    List<Finding> findings) {

  public static final String TOOL = "trailaudit";

  public AuditReport {
    findings = List.copyOf(findings);
  }

  /** Sorts the findings into report order and computes the summary. */
  public static AuditReport of(
      String version, Instant generatedAt, Scope scope, List<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(reportOrder());
    return new AuditReport(TOOL, version, generatedAt, scope, Summary.of(sorted), sorted);
  }

  /** Check number, requirement as listed in the metadata, then account, region, resource. */
  static Comparator<Finding> reportOrder() {
    ControlCatalog catalog = ControlCatalog.get();
    return Comparator.comparingInt(
            (Finding f) -> catalog.find(f.checkId()).map(CheckInfo::number).orElse(99))
        .thenComparing(Finding::checkId)
        .thenComparingInt(f -> requirementIndex(catalog, f))
        .thenComparing(Finding::account)
        .thenComparing(Finding::region)
        .thenComparing(Finding::resourceArn);
  }

  private static int requirementIndex(ControlCatalog catalog, Finding f) {
    return catalog
        .find(f.checkId())
        .map(c -> c.requirements().stream().map(r -> r.id()).toList().indexOf(f.requirement()))
        .orElse(0);
  }
}
