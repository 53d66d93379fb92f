package io.trailaudit.report;

import java.util.Locale;
import java.util.function.Function;

/**
 * The registry of report formats: a closed set, each with its {@code --format} name ({@link
 * #label}, matched case-insensitively), the file name ending {@code --output-dir} uses, its media
 * type and the factory of its renderer. The CLI's format lists and help are derived from it. Every
 * format writes UTF-8.
 */
public enum Format {
  TEXT("txt", "text/plain", o -> new TextRenderer(o.color())),
  JSON("json", "application/json", o -> new JsonRenderer()),
  /** The type the SARIF 2.1.0 specification names for SARIF log files. */
  SARIF("sarif", "application/sarif+json", o -> new SarifRenderer()),
  /** JUnit XML has no registered type of its own: generic XML (RFC 7303). */
  JUNIT("junit.xml", "application/xml", o -> new JunitRenderer()),
  /** An array of ASFF findings: no registered type of its own. */
  ASFF("asff.json", "application/json", o -> new AsffRenderer()),
  /** RFC 7763; the GitHub-flavoured variant of RFC 7764. */
  MARKDOWN("md", "text/markdown", o -> new MarkdownRenderer(o.fullReport())),
  HTML("html", "text/html", o -> new HtmlRenderer()),
  /** An array of OCSF events: no registered type of its own. */
  OCSF("ocsf.json", "application/json", o -> new OcsfRenderer()),
  /** RFC 4180. */
  CSV("csv", "text/csv", o -> new CsvRenderer());

  /**
   * What a renderer may be built with.
   *
   * @param color whether the text report uses ANSI colours
   * @param fullReport a complete report written in the same run, for a cut Markdown report to point
   *     to; null when there is none
   */
  public record Options(boolean color, String fullReport) {}

  private final String extension;
  private final String mediaType;
  private final Function<Options, Renderer> factory;

  Format(String extension, String mediaType, Function<Options, Renderer> factory) {
    this.extension = extension;
    this.mediaType = mediaType;
    this.factory = factory;
  }

  public Renderer renderer(Options options) {
    return factory.apply(options);
  }

  /** The renderer, with no complete report of the same run to point to. */
  public Renderer renderer(boolean color) {
    return renderer(new Options(color, null));
  }

  /** The file name ending of the format, used by {@code --output-dir}. */
  public String extension() {
    return extension;
  }

  /** The IANA media type of the output, without parameters. */
  public String mediaType() {
    return mediaType;
  }

  /** The {@code --format} value, as the help and the README spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
