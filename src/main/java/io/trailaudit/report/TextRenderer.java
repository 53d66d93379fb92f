package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a person at a terminal: findings grouped by check, worst first ({@link
 * ReportOrder}), columns aligned, the fix under each FAIL, and a summary line. Colour only when
 * asked (the CLI asks on a terminal without {@code NO_COLOR}).
 */
public final class TextRenderer implements Renderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";

  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    Scope scope = report.scope();
    out.write(
        paint(BOLD, report.tool() + " " + report.version())
            + "  "
            + scope.source()
            + "  (collected "
            + scope.collectedAt()
            + ")"
            + nl());
    out.write(
        scope.accounts().size()
            + " account(s)"
            + (scope.organizationId() == null ? "" : " in " + scope.organizationId())
            + ", "
            + scope.regions().size()
            + " region(s), "
            + scope.checks().size()
            + " check(s)"
            + nl());

    Map<String, List<Finding>> byCheck = ReportOrder.byCheck(report.findings());
    Widths w = Widths.of(report.findings());
    for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
      String checkId = e.getKey();
      List<Finding> group = e.getValue();
      out.write(nl());
      String title =
          report
              .catalog()
              .find(checkId)
              .map(c -> c.number() + ". " + c.id() + " — " + c.title())
              .orElse(checkId);
      out.write(paint(BOLD, title) + "  " + paint(DIM, groupCounts(group)) + nl());
      for (Finding f : group) {
        writeFinding(out, f, w);
      }
    }
    out.write(nl());
    for (Notice n : report.notices()) {
      out.write(paint(YELLOW, "notice: ") + n.message() + nl());
    }
    out.write(summaryLine(report.summary()) + nl());
  }

  private void writeFinding(Writer out, Finding f, Widths w) throws IOException {
    String status = pad(f.status() == Status.NOT_APPLICABLE ? "N/A" : f.status().name(), 5);
    out.write(
        "  "
            + paint(statusColor(f.status()), status)
            + "  "
            + pad(f.severity().label(), 8)
            + "  "
            + pad(f.requirement(), w.requirement)
            + "  "
            + pad(f.account(), w.account)
            + "  "
            + pad(f.region(), w.region)
            + "  "
            + f.resourceArn()
            + nl());
    String indent = "         ";
    out.write(indent + f.message() + nl());
    if (f.suppression() != null) {
      out.write(indent + paint(DIM, "muted: " + f.suppression()) + nl());
    }
    if (f.status() == Status.FAIL && f.remediation() != null) {
      String[] lines = f.remediation().split("\n");
      for (int i = 0; i < lines.length; i++) {
        out.write(indent + paint(DIM, (i == 0 ? "fix: " : "     ") + lines[i]) + nl());
      }
    }
  }

  static String summaryLine(Summary s) {
    StringBuilder sb = new StringBuilder("Summary: ").append(s.total()).append(" findings: ");
    int fails = s.count(Status.FAIL);
    sb.append(fails).append(" FAIL");
    if (fails > 0) {
      String bySeverity =
          s.failuresBySeverity().entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .map(e -> e.getValue() + " " + e.getKey().label())
              .collect(Collectors.joining(", "));
      sb.append(" (").append(bySeverity).append(")");
    }
    sb.append(", ").append(s.count(Status.ERROR)).append(" ERROR");
    sb.append(", ").append(s.count(Status.MUTED)).append(" MUTED");
    sb.append(", ").append(s.count(Status.PASS)).append(" PASS");
    sb.append(", ").append(s.count(Status.NOT_APPLICABLE)).append(" NOT_APPLICABLE");
    return sb.toString();
  }

  private static String groupCounts(List<Finding> group) {
    Map<Status, Long> counts =
        group.stream()
            .collect(
                Collectors.groupingBy(
                    Finding::status,
                    () -> new java.util.EnumMap<>(Status.class),
                    Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name())
        .collect(Collectors.joining(", "));
  }

  private String statusColor(Status s) {
    return switch (s) {
      case FAIL -> RED + BOLD;
      case ERROR -> MAGENTA + BOLD;
      case MUTED -> DIM;
      case PASS -> GREEN;
      case NOT_APPLICABLE -> YELLOW;
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private static String pad(String s, int width) {
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < width) {
      sb.append(' ');
    }
    return sb.toString();
  }

  private static String nl() {
    return "\n";
  }

  private record Widths(int requirement, int account, int region) {
    static Widths of(List<Finding> findings) {
      int req = 0;
      int acct = 0;
      int region = 0;
      for (Finding f : findings) {
        req = Math.max(req, f.requirement().length());
        acct = Math.max(acct, f.account().length());
        region = Math.max(region, f.region().length());
      }
      return new Widths(req, acct, region);
    }
  }
}
