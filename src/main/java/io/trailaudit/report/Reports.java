package io.trailaudit.report;

import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.files.InputFileException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;

/** Reading back a JSON report written by {@code audit --format json}. */
public final class Reports {
  private Reports() {}

  /** The report in {@code file}, rendered with {@code catalog} (the checks of this build). */
  public static AuditReport read(Path file, ControlCatalog catalog) {
    try {
      AuditReport r = JsonRenderer.MAPPER.readValue(file.toFile(), AuditReport.class);
      if (!AuditReport.TOOL.equals(r.tool()) || r.findings() == null) {
        throw new IOException("not a trailaudit JSON report (audit --format json)");
      }
      return r.withCatalog(catalog);
    } catch (IOException | RuntimeException e) {
      throw new InputFileException(file + ": " + e.getMessage(), e);
    }
  }

  /** The report as ASFF, the JSON that {@code --format asff} writes. */
  public static String asff(AuditReport report) throws IOException {
    StringWriter out = new StringWriter();
    new AsffRenderer().render(report, out);
    return out.toString();
  }
}
