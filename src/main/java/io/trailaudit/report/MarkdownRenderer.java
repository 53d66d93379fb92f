package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * GitHub-flavoured Markdown for pull-request comments and job summaries: a title, the summary, a
 * table by check, then per check its non-PASS findings worst first with each FAIL's fix in a
 * collapsed block. PASS findings are only counted. When the whole would exceed {@link #LIMIT}
 * characters (GitHub comments hold 65,536), the finding tables stop where the limit is reached and
 * a line says how many findings were left out; the summary and notices are always complete.
 */
public final class MarkdownRenderer implements Renderer {
  /** The size the output is kept under, leaving room below GitHub's 65,536-character limit. */
  static final int LIMIT = 60_000;

  private final int limit;

  public MarkdownRenderer() {
    this(LIMIT);
  }

  MarkdownRenderer(int limit) {
    this.limit = limit;
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
      head.append("| ").append(cell(Tables.checkTitle(e.getKey()))).append(" |");
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

    int budget = limit - head.length() - tail.length();
    StringBuilder body = new StringBuilder();
    int omitted = 0;
    boolean full = false;
    for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
      List<Finding> shown =
          Tables.worstFirst(e.getValue()).stream().filter(f -> f.status() != Status.PASS).toList();
      if (shown.isEmpty()) {
        continue;
      }
      StringBuilder section = new StringBuilder();
      section.append("\n### ").append(text(Tables.checkTitle(e.getKey()))).append("\n\n");
      section.append("| Status | Severity | Rule | Account | Region | Resource | Message |\n");
      section.append("|---|---|---|---|---|---|---|\n");
      StringBuilder fixes = new StringBuilder();
      int rows = 0;
      for (Finding f : shown) {
        String row = row(f);
        String fix = fix(f);
        if (full
            || body.length() + section.length() + fixes.length() + row.length() + fix.length()
                > budget - 200) {
          full = true;
          omitted++;
          continue;
        }
        section.append(row);
        fixes.append(fix);
        rows++;
      }
      if (rows > 0) {
        body.append(section).append(fixes);
      }
    }
    if (omitted > 0) {
      body.append("\n_")
          .append(omitted)
          .append(" finding(s) left out to keep this comment short; see the full report._\n");
    }
    out.write(head.toString());
    out.write(body.toString());
    out.write(tail.toString());
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
