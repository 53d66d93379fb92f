package io.trailaudit.report;

import java.util.Locale;

/** Report formats: a closed set, each with its renderer. */
public enum Format {
  TEXT,
  JSON,
  SARIF,
  JUNIT,
  ASFF;

  public Renderer renderer(boolean color) {
    return switch (this) {
      case TEXT -> new TextRenderer(color);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer();
      case JUNIT -> new JunitRenderer();
      case ASFF -> new AsffRenderer();
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
