package io.trailaudit.report;

import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per finding under a fixed header ({@link #HEADER}), RFC 4180: CRLF between records, a
 * field with a comma, quote, CR or LF in double quotes with its quotes doubled. Controls are joined
 * with {@code "; "} ({@code CloudTrail.1; CIS 5.0.0 3.1}); the remediation keeps its line breaks
 * inside the quoted field. A field starting with {@code = + - @}, tab or CR is prefixed with a
 * single quote so that a spreadsheet shows it as text instead of running it as a formula.
 */
public final class CsvRenderer implements Renderer {
  public static final List<String> HEADER =
      List.of(
          "ruleId",
          "status",
          "severity",
          "account",
          "region",
          "resource",
          "message",
          "controls",
          "remediation");
  static final String CRLF = "\r\n";

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    row(out, HEADER);
    for (Finding f : report.findings()) {
      row(
          out,
          List.of(
              f.ruleId(),
              f.status().name(),
              f.severity().name(),
              f.account(),
              f.region(),
              f.resourceArn(),
              f.message(),
              f.controls().stream().map(ControlRef::label).collect(Collectors.joining("; ")),
              f.remediation() == null ? "" : f.remediation()));
    }
  }

  private static void row(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write(CRLF);
  }

  static String field(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    boolean quote =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}
