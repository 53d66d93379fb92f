package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  static Finding finding(
      String check,
      String req,
      Status status,
      Severity severity,
      String account,
      String remediation) {
    return new Finding(
        check + "/" + req,
        check,
        req,
        status,
        severity,
        account,
        "us-east-1",
        "arn:aws:s3:::bucket-" + account,
        "observed " + req,
        remediation,
        List.of(),
        null);
  }

  static String render(boolean color, Finding... findings) throws Exception {
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
            List.of(findings));
    StringWriter out = new StringWriter();
    new TextRenderer(color).render(r, out);
    return out.toString();
  }

  @Test
  void worstFirstWithinACheckAndFixUnderFailures() throws Exception {
    String text =
        render(
            false,
            finding("log-bucket", "versioning", Status.PASS, Severity.CRITICAL, "1", null),
            finding("log-bucket", "dedicated", Status.FAIL, Severity.LOW, "1", "aws s3 mv a b"),
            finding(
                "log-bucket",
                "tls-only",
                Status.FAIL,
                Severity.CRITICAL,
                "1",
                "line one\nline two"));
    int tls = text.indexOf("tls-only");
    int dedicated = text.indexOf("dedicated  ");
    int versioning = text.indexOf("  PASS  ");
    assertThat(tls).isLessThan(dedicated);
    assertThat(dedicated).isLessThan(versioning);
    assertThat(text).contains("fix: line one\n").contains("              line two\n");
    assertThat(text).doesNotContain("\u001b");
  }

  @Test
  void columnsAreAligned() throws Exception {
    String text =
        render(
            false,
            finding("log-bucket", "versioning", Status.FAIL, Severity.CRITICAL, "1", "x"),
            finding("log-bucket", "mfa-delete", Status.FAIL, Severity.MEDIUM, "1234567890", "x"));
    List<String> rows = text.lines().filter(l -> l.startsWith("  FAIL")).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).indexOf("arn:")).isEqualTo(rows.get(1).indexOf("arn:"));
  }

  @Test
  void summaryCountsEveryStatusAndFailSeverities() throws Exception {
    String text =
        render(
            false,
            finding("log-bucket", "versioning", Status.FAIL, Severity.CRITICAL, "1", "x"),
            finding("log-bucket", "mfa-delete", Status.FAIL, Severity.MEDIUM, "1", "x"),
            finding("log-bucket", "dedicated", Status.ERROR, Severity.LOW, "1", null),
            finding("log-bucket", "object-lock", Status.NOT_APPLICABLE, Severity.LOW, "1", null));
    assertThat(text)
        .contains(
            "Summary: 4 findings: 2 FAIL (1 critical, 1 medium), 1 ERROR, 0 MUTED, 0 PASS,"
                + " 1 NOT_APPLICABLE");
  }

  @Test
  void colourWhenAsked() throws Exception {
    assertThat(
            render(
                true,
                finding("log-bucket", "versioning", Status.FAIL, Severity.CRITICAL, "1", "x")))
        .contains("\u001b[31m");
  }

  @Test
  void noticesComeBeforeTheSummary() throws Exception {
    AuditReport r =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            Instant.parse("2026-01-01T00:00:00Z"),
            new Scope("snapshot:x.json", Instant.EPOCH, null, List.of(), List.of(), List.of()),
            List.of(),
            List.of(new Notice(Notice.SUPPRESSION_EXPIRED, "suppression 1 expired on 2025-12-31")));
    StringWriter out = new StringWriter();
    new TextRenderer(false).render(r, out);
    assertThat(out.toString())
        .contains("notice: suppression 1 expired on 2025-12-31\nSummary: 0 findings");
  }

  @Test
  void emptyReport() throws Exception {
    assertThat(render(false)).contains("Summary: 0 findings: 0 FAIL, 0 ERROR");
  }
}
