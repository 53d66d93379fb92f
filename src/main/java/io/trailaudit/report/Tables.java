package io.trailaudit.report;

import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Groupings and labels shared by the Markdown and HTML renderers. Formatting only. */
final class Tables {
  /** Status columns of the by-check tables, worst first. */
  static final List<Status> STATUSES = List.of(Status.values());

  private Tables() {}

  /**
   * The report's findings by check, worst check first and each group worst first ({@link
   * ReportOrder}), with every check of the scope present (a check that produced no findings has an
   * empty list, after the others).
   */
  static Map<String, List<Finding>> byCheck(AuditReport report) {
    Map<String, List<Finding>> byCheck = ReportOrder.byCheck(report.findings());
    for (String id : report.scope().checks()) {
      byCheck.computeIfAbsent(id, k -> new ArrayList<>());
    }
    return byCheck;
  }

  static Map<Status, Integer> counts(List<Finding> findings) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (Finding f : findings) {
      counts.merge(f.status(), 1, Integer::sum);
    }
    return counts;
  }

  static String statusLabel(Status s) {
    return s == Status.NOT_APPLICABLE ? "N/A" : s.name();
  }

  /** {@code 4. log-bucket — Locked-down CloudTrail log bucket}, or the id if not catalogued. */
  static String checkTitle(ControlCatalog catalog, String checkId) {
    return catalog
        .find(checkId)
        .map(c -> c.number() + ". " + c.id() + " — " + c.title())
        .orElse(checkId);
  }

  /** Escapes the five HTML-special characters. */
  static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
