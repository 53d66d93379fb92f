package io.trailaudit.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a report in one format. Renderers format only: no decisions, no clock. */
public interface Renderer {
  void render(AuditReport report, Writer out) throws IOException;
}
