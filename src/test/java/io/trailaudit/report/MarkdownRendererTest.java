package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.finding;
import static io.trailaudit.report.RenderFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Markdown edge cases beyond the contract's golden files: escaping inside table cells, code fences
 * around backticks, and the cut that keeps a pull-request comment within GitHub's limit.
 */
class MarkdownRendererTest {
  static String render(Renderer renderer, List<Notice> notices, List<Finding> findings)
      throws Exception {
    return RenderFixture.render(renderer, report(List.of("us-east-1"), findings, notices));
  }

  static String render(Finding... findings) throws Exception {
    return render(new MarkdownRenderer(), List.of(), List.of(findings));
  }

  @Test
  void cellsEscapePipesNewlinesAndHtml() throws Exception {
    Finding f =
        new Finding(
            "log-bucket/versioning",
            "log-bucket",
            "versioning",
            Status.ERROR,
            Severity.HIGH,
            "1",
            "us-east-1",
            "arn:aws:s3:::a|b",
            "denied: <script>x</script> & a|b\nsecond line",
            null,
            List.of(),
            null);
    assertThat(render(f))
        .contains("| arn:aws:s3:::a\\|b |")
        .contains("| denied: &lt;script&gt;x&lt;/script&gt; &amp; a\\|b<br>second line |")
        .doesNotContain("<script>");
  }

  @Test
  void fenceLongerThanBackticksInTheFix() throws Exception {
    String md =
        render(finding("log-bucket/versioning", Status.FAIL, Severity.HIGH, "1", "a ``` b"));
    assertThat(md).contains("````sh\na ``` b\n````");
  }

  @Test
  void longReportsAreCutWithACountOfWhatWasLeftOut() throws Exception {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add(
          finding(
              "log-bucket/versioning",
              Status.FAIL,
              Severity.HIGH,
              String.format("%012d", i),
              "aws s3api put-bucket-versioning --bucket b" + i));
    }
    String md =
        render(
            new MarkdownRenderer(),
            List.of(new Notice(Notice.SUPPRESSION_UNUSED, "suppression 3 matched nothing")),
            many);
    assertThat(md.length()).isLessThanOrEqualTo(MarkdownRenderer.LIMIT);
    long shown = md.lines().filter(l -> l.startsWith("| **FAIL**")).count();
    assertThat(shown).isPositive().isLessThan(2000);
    assertThat(md)
        .contains("_" + (2000 - shown) + " finding(s) left out")
        .contains("| 2000 | 2000 | 0 | 0 | 0 | 0 |")
        .contains("suppression 3 matched nothing");
  }

  @Test
  void aCutReportKeepsTheWorstFindingsOfEveryCheckAndSaysWhereTheRestIs() throws Exception {
    List<Finding> findings = new ArrayList<>();
    // Check 1 (first in number order) has many medium FAILs; check 4 has three critical ones.
    for (int i = 0; i < 2000; i++) {
      findings.add(
          finding(
              "organization-trail/delivery-healthy",
              Status.FAIL,
              Severity.MEDIUM,
              String.format("%012d", i),
              "aws cloudtrail start-logging --name t" + i));
    }
    for (int i = 0; i < 3; i++) {
      findings.add(
          finding("log-bucket/not-public", Status.FAIL, Severity.CRITICAL, "crit" + i, "aws fix"));
    }
    findings.add(finding("log-bucket/dedicated", Status.ERROR, Severity.HIGH, "err", null));
    String md = render(new MarkdownRenderer("reports/trailaudit.html"), List.of(), findings);
    assertThat(md.length()).isLessThanOrEqualTo(MarkdownRenderer.LIMIT);
    assertThat(md)
        .contains("| **FAIL** | critical | log-bucket/not-public | crit0 |")
        .contains("| **FAIL** | critical | log-bucket/not-public | crit2 |")
        .contains("| **ERROR** | high | log-bucket/dedicated | err |");
    long mediumShown = md.lines().filter(l -> l.startsWith("| **FAIL** | medium")).count();
    assertThat(mediumShown).isPositive().isLessThan(2000);
    assertThat(md.indexOf("### 4. log-bucket")).isLessThan(md.indexOf("### 1. organization-trail"));
    assertThat(md)
        .contains(
            "_"
                + (2000 - mediumShown)
                + " finding(s) left out to keep this comment under 60,000 characters ("
                + (2000 - mediumShown)
                + " FAIL), none worse than those shown. The full report:"
                + " reports/trailaudit.html._");
  }

  @Test
  void withoutAFileTheNoteSaysHowToGetTheFullReport() throws Exception {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add(finding("log-bucket/versioning", Status.ERROR, Severity.LOW, "a" + i, null));
    }
    assertThat(render(new MarkdownRenderer(), List.of(), many))
        .contains(
            "ERROR), none worse than those shown. The full report: the same audit with"
                + " --format html or --format json, which list every finding._");
  }
}
