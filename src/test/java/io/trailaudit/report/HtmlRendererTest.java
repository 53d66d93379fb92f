package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the golden HTML files cannot show: that the page loads nothing from elsewhere, escapes
 * hostile values, and works in a browser.
 */
class HtmlRendererTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static String mixed() throws Exception {
    return render(new HtmlRenderer(), ContractCase.MIXED);
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
    String html = render(new HtmlRenderer(), evil);
    assertThat(html)
        .contains("bucket &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("arn:aws:s3:::a&quot;b&lt;c&gt;")
        .contains("echo &#39;&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;&#39;")
        .doesNotContain("<script>alert", "<script>x()");
    // the only script element is the page's own
    assertThat(html.split("<script>", -1)).hasSize(2);
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
        .contains("<td class=\"n\" id=\"total\">6</td>")
        .contains("<th class=\"sev-critical\">critical</th>")
        .contains("<fieldset id=\"filters\">")
        .contains("<button type=\"button\" class=\"copy\" data-target=\"fix-1\">Copy</button>");
  }
}
