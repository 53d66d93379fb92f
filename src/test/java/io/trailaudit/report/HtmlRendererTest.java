package io.trailaudit.report;

import static io.trailaudit.report.TextRendererTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlRendererTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static String render(List<Notice> notices, Finding... findings) throws Exception {
    AuditReport r =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            Instant.parse("2026-01-01T00:00:00Z"),
            new Scope(
                "snapshot:x.json",
                Instant.parse("2025-12-31T00:00:00Z"),
                "o-1",
                List.of("1"),
                List.of("us-east-1"),
                List.of("log-bucket")),
            List.of(findings),
            notices);
    StringWriter out = new StringWriter();
    new HtmlRenderer().render(r, out);
    return out.toString();
  }

  static String mixed() throws Exception {
    return render(
        List.of(new Notice(Notice.SUPPRESSION_UNUSED, "suppression 2 matched <nothing>")),
        finding("log-bucket", "versioning", Status.FAIL, Severity.CRITICAL, "1", "aws s3 a && b"),
        finding("log-bucket", "mfa-delete", Status.FAIL, Severity.MEDIUM, "1", "x"),
        finding("log-bucket", "dedicated", Status.ERROR, Severity.LOW, "1", null),
        finding("log-bucket", "tls-only", Status.PASS, Severity.HIGH, "1", null));
  }

  @Test
  void selfContainedWithNoExternalAssets() throws Exception {
    String html = mixed();
    assertThat(html)
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//")
        .doesNotContainPattern("(?i)<link\\b")
        .doesNotContainPattern("(?i)<script[^>]*\\bsrc")
        .doesNotContainPattern("(?i)@import|url\\(")
        .doesNotContain("http://", "https://")
        .contains("<style>", "<script>");
  }

  @Test
  void everyReportValueIsEscaped() throws Exception {
    Finding evil =
        new Finding(
            "log-bucket/versioning",
            "log-bucket",
            "versioning",
            Status.FAIL,
            Severity.HIGH,
            "1",
            "us-east-1",
            "arn:aws:s3:::a\"b<c>",
            "bucket <script>alert(1)</script> & more",
            "echo '</pre><script>x()</script>'",
            List.of(),
            null);
    String html = render(List.of(), evil);
    assertThat(html)
        .contains("bucket &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("arn:aws:s3:::a&quot;b&lt;c&gt;")
        .contains("echo &#39;&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;&#39;")
        .doesNotContain("<script>alert", "<script>x()");
    // the only script element is the page's own
    assertThat(html.split("<script>", -1)).hasSize(2);
  }

  @Test
  void countsBySeverityStatusAndCheck() throws Exception {
    String html = mixed();
    assertThat(html)
        .contains("<td class=\"n\" id=\"total\">4</td>")
        .contains("<th class=\"st st-FAIL\">FAIL</th><td class=\"n\">2</td>")
        .contains("<th class=\"st st-ERROR\">ERROR</th><td class=\"n\">1</td>")
        .contains("<th class=\"sev-critical\">critical</th><td class=\"n\">1</td>")
        .contains("<th class=\"sev-medium\">medium</th><td class=\"n\">1</td>")
        .contains("<th class=\"sev-high\">high</th><td class=\"n\">0</td>")
        .contains(
            "4. log-bucket — Locked-down CloudTrail log bucket</a></td>"
                + "<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                + "<td class=\"n\">1</td><td class=\"n\">0</td>");
  }

  @Test
  void filtersCopyButtonsAndNotices() throws Exception {
    String html = mixed();
    for (Status s : Status.values()) {
      assertThat(html).contains("<input type=\"checkbox\" value=\"" + s.name() + "\" checked>");
    }
    assertThat(html)
        .contains("<fieldset id=\"filters\" hidden>")
        .contains("<tr data-status=\"PASS\">")
        .contains("<pre id=\"fix-1\">aws s3 a &amp;&amp; b</pre>")
        .contains("<button type=\"button\" class=\"copy\" data-target=\"fix-1\" hidden>Copy")
        .contains("<pre id=\"fix-2\">x</pre>")
        .doesNotContain("fix-3")
        .contains("navigator.clipboard", "document.execCommand('copy')")
        .contains("suppression 2 matched &lt;nothing&gt;");
  }

  @Test
  void worstFirstWithinACheck() throws Exception {
    String html = mixed();
    int critical = html.indexOf("log-bucket/versioning</td>");
    int medium = html.indexOf("log-bucket/mfa-delete</td>");
    int error = html.indexOf("log-bucket/dedicated</td>");
    int pass = html.indexOf("log-bucket/tls-only</td>");
    assertThat(critical).isPositive().isLessThan(medium);
    assertThat(medium).isLessThan(error);
    assertThat(error).isLessThan(pass);
  }

  @Test
  void emptyReport() throws Exception {
    assertThat(render(List.of()))
        .contains("<td class=\"n\" id=\"total\">0</td>")
        .contains("No findings.")
        .doesNotContain("id=\"notices\"");
  }

  /** The same check as scripts/check-html.sh; skipped where Chromium is not installed. */
  @Test
  void chromiumRendersTheSummaryAndRunsTheScript(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
    Path page = dir.resolve("report.html");
    Files.writeString(page, mixed(), StandardCharsets.UTF_8);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
                "--dump-dom",
                page.toUri().toString()));
    Path dom = dir.resolve("dom.html");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(dom.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dom))
        .contains("<td class=\"n\" id=\"total\">4</td>")
        .contains("<th class=\"sev-critical\">critical</th>")
        .contains("<fieldset id=\"filters\">")
        .contains("<button type=\"button\" class=\"copy\" data-target=\"fix-1\">Copy</button>");
  }
}
