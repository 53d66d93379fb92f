package io.trailaudit.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import java.time.Instant;
import java.util.List;

/**
 * One audit's result: immutable and sorted, with the run's clock reading, so that renderers only
 * format. Field order is the order of the JSON report.
 *
 * @param generatedAt when the audit ran (from the injected clock)
 * @param findings worst first ({@link ReportOrder}): the order of every renderer
 * @param notices about the run itself (expired or unused suppressions), in the order found
 * @param catalog the metadata of the checks that ran, for the renderers; not part of the JSON (a
 *     report read back gets one with {@link #withCatalog})
 */
public record AuditReport(
    String tool,
    String version,
    Instant generatedAt,
    Scope scope,
    Summary summary,
    List<Finding> findings,
    List<Notice> notices,
    @JsonIgnore ControlCatalog catalog) {

  public static final String TOOL = "trailaudit";

  public AuditReport {
    findings = List.copyOf(findings);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  /** Sorts the findings into report order and computes the summary. */
  public static AuditReport of(
      ControlCatalog catalog,
      String version,
      Instant generatedAt,
      Scope scope,
      List<Finding> findings) {
    return of(catalog, version, generatedAt, scope, findings, List.of());
  }

  /** Sorts the findings into report order and computes the summary, with notices about the run. */
  public static AuditReport of(
      ControlCatalog catalog,
      String version,
      Instant generatedAt,
      Scope scope,
      List<Finding> findings,
      List<Notice> notices) {
    List<Finding> sorted = ReportOrder.sort(findings, catalog);
    return new AuditReport(
        TOOL, version, generatedAt, scope, Summary.of(sorted), sorted, notices, catalog);
  }

  /** This report with the catalog to render it with (for a report read back from JSON). */
  public AuditReport withCatalog(ControlCatalog value) {
    return new AuditReport(tool, version, generatedAt, scope, summary, findings, notices, value);
  }
}
