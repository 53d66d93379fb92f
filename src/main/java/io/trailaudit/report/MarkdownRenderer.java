package io.trailaudit.report;

import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub-flavoured Markdown for pull-request comments and job summaries: a title, the summary, a
 * table by check, then per check its non-PASS findings with each FAIL's fix in a collapsed block,
 * checks and findings worst first ({@link ReportOrder}). PASS findings are only counted. When the
 * whole would exceed {@link #LIMIT} characters (GitHub comments hold 65,536), only the worst
 * findings that fit are shown and a line says how many were left out, of which status, and where
 * the full report is; the summary and notices are always complete.
 */
public final class MarkdownRenderer implements Renderer {
  /** The size the output is kept under, leaving room below GitHub's 65,536-character limit. */
  static final int LIMIT = 60_000;

  /** Where the reader finds what a cut report leaves out, when the caller does not say. */
  static final String FULL_REPORT_HINT =
      "the same audit with --format html or --format json, which list every finding";

  private final int limit;
  private final String fullReport;

  public MarkdownRenderer() {
    this(LIMIT, null);
  }

  /**
   * @param fullReport where the complete report is (a file written in the same run), named when
   *     findings are left out; null for a generic hint
   */
  public MarkdownRenderer(String fullReport) {
    this(LIMIT, fullReport);
  }

  MarkdownRenderer(int limit, String fullReport) {
    this.limit = limit;
    this.fullReport = fullReport == null ? FULL_REPORT_HINT : fullReport;
  }

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    Scope scope = report.scope();
    Summary summary = report.summary();
    StringBuilder head = new StringBuilder();
    head.append("## ")
        .append(text(report.tool() + " " + report.version()))
        .append(" — ")
        .append(text(scope.source()))
        .append("\n\n");
    head.append(scope.accounts().size())
        .append(" account(s)")
        .append(scope.organizationId() == null ? "" : " in " + text(scope.organizationId()))
        .append(", ")
        .append(scope.regions().size())
        .append(" region(s), ")
        .append(scope.checks().size())
        .append(" check(s); collected ")
        .append(scope.collectedAt())
        .append(", audited ")
        .append(report.generatedAt())
        .append(".\n\n");

    head.append("| Findings |");
    Tables.STATUSES.forEach(s -> head.append(' ').append(Tables.statusLabel(s)).append(" |"));
    head.append("\n|---:|");
    Tables.STATUSES.forEach(s -> head.append("---:|"));
    head.append("\n| ").append(summary.total()).append(" |");
    Tables.STATUSES.forEach(s -> head.append(' ').append(summary.count(s)).append(" |"));
    head.append("\n\n| FAIL by severity |");
    for (Severity s : Severity.values()) {
      head.append(' ').append(s.label()).append(" |");
    }
    head.append("\n|---|");
    for (Severity s : Severity.values()) {
      head.append("---:|");
    }
    head.append("\n| ").append(summary.count(Status.FAIL)).append(" FAIL |");
    for (Severity s : Severity.values()) {
      head.append(' ').append(summary.failuresBySeverity().get(s)).append(" |");
    }
    head.append("\n\n");

    Map<String, List<Finding>> byCheck = Tables.byCheck(report);
    head.append("| Check |");
    Tables.STATUSES.forEach(s -> head.append(' ').append(Tables.statusLabel(s)).append(" |"));
    head.append("\n|---|");
    Tables.STATUSES.forEach(s -> head.append("---:|"));
    head.append('\n');
    for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
      Map<Status, Integer> counts = Tables.counts(e.getValue());
      head.append("| ").append(cell(Tables.checkTitle(report.catalog(), e.getKey()))).append(" |");
      Tables.STATUSES.forEach(s -> head.append(' ').append(counts.get(s)).append(" |"));
      head.append('\n');
    }

    StringBuilder tail = new StringBuilder();
    if (!report.notices().isEmpty()) {
      tail.append("\n### Notices\n\n");
      for (Notice n : report.notices()) {
        tail.append("- **").append(text(n.kind())).append("**: ").append(text(n.message()));
        tail.append('\n');
      }
    }

    String body = body(report.catalog(), byCheck, limit - head.length() - tail.length());
    out.write(head.toString());
    out.write(body);
    out.write(tail.toString());
  }

  /**
   * The finding tables within {@code budget} characters. Findings are taken worst first across all
   * checks ({@link ReportOrder}) until the next one would not fit, so what is left out is never
   * worse than what is shown; the kept ones are then printed by check.
   */
  private String body(ControlCatalog catalog, Map<String, List<Finding>> byCheck, int budget) {
    List<Finding> candidates = new ArrayList<>();
    byCheck
        .values()
        .forEach(g -> g.stream().filter(f -> f.status() != Status.PASS).forEach(candidates::add));
    candidates.sort(ReportOrder.worstFirst(catalog));
    String note = omittedNote(candidates);
    int room = budget - note.length() - 2;
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    Map<String, StringBuilder> fixes = new LinkedHashMap<>();
    int used = 0;
    int kept = 0;
    for (Finding f : candidates) {
      String header = sections.containsKey(f.checkId()) ? "" : sectionHeader(catalog, f.checkId());
      String row = row(f);
      String fix = fix(f);
      int cost = header.length() + row.length() + fix.length();
      if (used + cost > room) {
        break;
      }
      used += cost;
      kept++;
      sections.computeIfAbsent(f.checkId(), k -> new StringBuilder(header)).append(row);
      fixes.computeIfAbsent(f.checkId(), k -> new StringBuilder()).append(fix);
    }
    StringBuilder body = new StringBuilder();
    for (String checkId : byCheck.keySet()) {
      if (sections.containsKey(checkId)) {
        body.append(sections.get(checkId)).append(fixes.get(checkId));
      }
    }
    if (kept < candidates.size()) {
      body.append(omittedNote(candidates.subList(kept, candidates.size())));
    }
    return body.toString();
  }

  private static String sectionHeader(ControlCatalog catalog, String checkId) {
    return "\n### "
        + text(Tables.checkTitle(catalog, checkId))
        + "\n\n| Status | Severity | Rule | Account | Region | Resource | Message |\n"
        + "|---|---|---|---|---|---|---|\n";
  }

  /** The line that says how many findings were left out, of which status, and where they are. */
  private String omittedNote(List<Finding> omitted) {
    Map<Status, Integer> counts = Tables.counts(omitted);
    String byStatus =
        String.join(
            ", ",
            Tables.STATUSES.stream()
                .filter(s -> counts.get(s) > 0)
                .map(s -> counts.get(s) + " " + Tables.statusLabel(s))
                .toList());
    return "\n_"
        + omitted.size()
        + " finding(s) left out to keep this comment under "
        + String.format(Locale.ROOT, "%,d", limit)
        + " characters ("
        + byStatus
        + "), none worse than those shown. The full report: "
        + text(fullReport)
        + "._\n";
  }

  private static String row(Finding f) {
    String message =
        f.suppression() == null ? f.message() : f.message() + "\nmuted: " + f.suppression();
    return "| "
        + String.join(
            " | ",
            "**" + Tables.statusLabel(f.status()) + "**",
            f.severity().label(),
            cell(f.ruleId()),
            cell(f.account()),
            cell(f.region()),
            cell(f.resourceArn()),
            cell(message))
        + " |\n";
  }

  private static String fix(Finding f) {
    if (f.status() != Status.FAIL || f.remediation() == null) {
      return "";
    }
    String fence = "```";
    while (f.remediation().contains(fence)) {
      fence += "`";
    }
    return "\n<details><summary>Fix "
        + Tables.html(f.ruleId())
        + " on "
        + Tables.html(f.resourceArn())
        + "</summary>\n\n"
        + fence
        + "sh\n"
        + f.remediation().strip()
        + "\n"
        + fence
        + "\n\n</details>\n";
  }

  /** Text outside tables: HTML-special characters escaped. */
  private static String text(String s) {
    return Tables.html(s).replace("\r", "").replace("\n", " ");
  }

  /** A table cell: HTML-escaped, pipes escaped, line breaks as {@code <br>}. */
  private static String cell(String s) {
    return Tables.html(s).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
  }
}
