package io.trailaudit.report;

import java.util.Locale;

/** Report formats: a closed set, each with its renderer. */
public enum Format {
  TEXT,
  JSON,
  SARIF,
  JUNIT,
  ASFF,
  MARKDOWN,
  HTML,
  OCSF,
  CSV;

  public Renderer renderer(boolean color) {
    return switch (this) {
      case TEXT -> new TextRenderer(color);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer();
      case JUNIT -> new JunitRenderer();
      case ASFF -> new AsffRenderer();
      case MARKDOWN -> new MarkdownRenderer();
      case HTML -> new HtmlRenderer();
      case OCSF -> new OcsfRenderer();
      case CSV -> new CsvRenderer();
    };
  }

  /** The file name ending of the format, used by {@code --output-dir}. */
  public String extension() {
    return switch (this) {
      case TEXT -> "txt";
      case JSON -> "json";
      case SARIF -> "sarif";
      case JUNIT -> "junit.xml";
      case ASFF -> "asff.json";
      case MARKDOWN -> "md";
      case HTML -> "html";
      case OCSF -> "ocsf.json";
      case CSV -> "csv";
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
