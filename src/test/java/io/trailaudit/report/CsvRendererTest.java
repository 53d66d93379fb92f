package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CSV edge cases the contract's golden files do not reach: quoting read back by an RFC 4180 reader,
 * and spreadsheet formula injection.
 */
class CsvRendererTest {
  /** An RFC 4180 reader written from the RFC, independent of the renderer. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        assertThat(field).as("a quote opens a field only at its start").isEmpty();
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        assertThat(csv.charAt(i + 1)).as("records end in CRLF").isEqualTo('\n');
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        assertThat(c).as("a bare LF outside quotes").isNotEqualTo('\n');
        field.append(c);
      }
    }
    assertThat(quoted).as("unterminated quote").isFalse();
    assertThat(field).as("the last record ends in CRLF").isEmpty();
    return rows;
  }

  @Test
  void quotesCommasAndNewlinesSurviveARoundTrip() throws Exception {
    String message = "policy \"Deny\", then\nline two, \"quoted\"\r\nand CRLF";
    String remediation =
        "aws s3api put-bucket-policy --bucket b --policy '{\"Effect\":\"Deny\",\"Action\":\"s3:*\"}'\n"
            + "aws s3api put-bucket-versioning --bucket b";
    Finding f =
        new Finding(
            "log-bucket/versioning",
            "log-bucket",
            "versioning",
            Status.FAIL,
            Severity.MEDIUM,
            "111111111111",
            "eu-west-1",
            "arn:aws:s3:::b,c",
            message,
            remediation,
            List.of(),
            null);
    String csv = render(new CsvRenderer(), f);
    List<List<String>> rows = parse(csv);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get(5)).isEqualTo("arn:aws:s3:::b,c");
    assertThat(rows.get(1).get(6)).isEqualTo(message);
    assertThat(rows.get(1).get(8)).isEqualTo(remediation);
    assertThat(rows.get(1)).hasSize(9);
    assertThat(csv).contains("\"policy \"\"Deny\"\", then\n");
  }

  @Test
  void formulaLikeFieldsAreShownAsText() throws Exception {
    assertThat(CsvRenderer.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(CsvRenderer.field("+1")).isEqualTo("'+1");
    assertThat(CsvRenderer.field("-1")).isEqualTo("'-1");
    assertThat(CsvRenderer.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvRenderer.field("aws s3 ls")).isEqualTo("aws s3 ls");
    assertThat(CsvRenderer.field("")).isEmpty();
  }
}
