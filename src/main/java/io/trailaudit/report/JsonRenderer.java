package io.trailaudit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON report: {@code tool}, {@code version}, {@code generatedAt}, {@code scope}, {@code
 * summary} and {@code findings}, each finding with {@code ruleId}, {@code checkId}, {@code
 * requirement}, {@code status}, {@code severity}, {@code account}, {@code region}, {@code
 * resourceArn}, {@code message}, {@code remediation}, {@code controls} and {@code suppression}.
 * Documented in README.md; fields are added, never renamed.
 */
public final class JsonRenderer implements Renderer {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
          .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write(System.lineSeparator());
  }
}
