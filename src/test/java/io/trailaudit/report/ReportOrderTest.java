package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.finding;
import static io.trailaudit.report.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One worst-first order, shared by every renderer. */
class ReportOrderTest {
  static final Finding CRITICAL_FAIL =
      finding("scp-protection/scp-enabled", Status.FAIL, Severity.CRITICAL, "3", "fix");
  static final Finding CRITICAL_ERROR =
      finding("log-bucket/versioning", Status.ERROR, Severity.CRITICAL, "1", null);
  static final Finding HIGH_FAIL =
      finding("log-bucket/not-public", Status.FAIL, Severity.HIGH, "2", "fix");
  static final Finding MEDIUM_FAIL =
      finding("organization-trail/delivery-healthy", Status.FAIL, Severity.MEDIUM, "1", "fix");
  static final Finding LOW_FAIL =
      finding("organization-trail/trail-enabled", Status.FAIL, Severity.LOW, "1", "fix");
  static final Finding HIGH_MUTED =
      finding("organization-trail/all-regions", Status.MUTED, Severity.HIGH, "1", "fix");
  static final Finding CRITICAL_PASS =
      finding("organization-trail/organization-trail", Status.PASS, Severity.CRITICAL, "1", null);
  static final Finding HIGH_NA =
      finding("kms-encryption/key-rotation", Status.NOT_APPLICABLE, Severity.HIGH, "1", null);

  /** The expected order, written out from the rule: action first, by severity then status. */
  static final List<Finding> EXPECTED =
      List.of(
          CRITICAL_FAIL,
          CRITICAL_ERROR,
          HIGH_FAIL,
          MEDIUM_FAIL,
          LOW_FAIL,
          HIGH_MUTED,
          CRITICAL_PASS,
          HIGH_NA);

  static AuditReport report(List<Finding> findings) {
    List<Finding> shuffled = new ArrayList<>(findings);
    java.util.Collections.reverse(shuffled);
    return AuditReport.of(
        Catalogs.builtIn(),
        "1.0",
        Instant.parse("2026-01-01T00:00:00Z"),
        new Scope(
            "snapshot:x.json",
            Instant.parse("2025-12-31T00:00:00Z"),
            null,
            List.of("1", "2", "3"),
            List.of("us-east-1"),
            List.of("organization-trail", "kms-encryption", "log-bucket", "scp-protection")),
        shuffled);
  }

  @Test
  void actionFirstThenSeverityThenStatus() {
    assertThat(report(EXPECTED).findings()).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void ruleIdsAppearWorstFirstInEveryRenderer() throws Exception {
    AuditReport report = report(EXPECTED);
    List<String> ruleIds = EXPECTED.stream().map(Finding::ruleId).toList();
    // The text report names the requirement, not the rule: its messages are unique here.
    List<String> messages = EXPECTED.stream().map(Finding::message).toList();
    assertThat(positions(render(new TextRenderer(false), report), messages)).isSorted();
    for (Renderer r :
        List.of(new JsonRenderer(), new HtmlRenderer(), new JunitRenderer(), new AsffRenderer())) {
      assertThat(positions(render(r, report), ruleIds)).as(r.getClass().getSimpleName()).isSorted();
    }
    // Markdown and SARIF leave PASS (and SARIF also N/A) out; the rest is in the same order.
    List<String> shownInMarkdown =
        ruleIds.stream().filter(id -> !id.equals(CRITICAL_PASS.ruleId())).toList();
    assertThat(positions(render(new MarkdownRenderer(), report), shownInMarkdown)).isSorted();
    List<String> sarifResults =
        List.of(
            CRITICAL_FAIL.ruleId(),
            HIGH_FAIL.ruleId(),
            MEDIUM_FAIL.ruleId(),
            LOW_FAIL.ruleId(),
            HIGH_MUTED.ruleId());
    String sarif = render(new SarifRenderer(), report);
    String results = sarif.substring(sarif.indexOf("\"results\""));
    assertThat(positions(results, sarifResults)).isSorted();
  }

  @Test
  void checksAreOrderedByTheirWorstFinding() throws Exception {
    String text = render(new TextRenderer(false), report(EXPECTED));
    int scp = text.indexOf("scp-protection —");
    int bucket = text.indexOf("log-bucket —");
    int trail = text.indexOf("organization-trail —");
    int kms = text.indexOf("kms-encryption —");
    assertThat(List.of(scp, bucket, trail, kms)).doesNotContain(-1).isSorted();
  }

  /** Where each text first occurs, as "RULE" in quotes, a cell or a word. */
  private static List<Integer> positions(String output, List<String> ruleIds) {
    List<Integer> out = new ArrayList<>();
    for (String id : ruleIds) {
      int at = output.indexOf(id);
      assertThat(at).as(id).isNotNegative();
      out.add(at);
    }
    return out;
  }
}
