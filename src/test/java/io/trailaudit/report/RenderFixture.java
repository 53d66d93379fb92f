package io.trailaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/**
 * The setup the renderer unit tests share, for what {@link ContractCase} does not hold: edge cases
 * of one format (escaping, limits, mappings) built from a few findings. What the contract's cases
 * already pin in their golden files is not tested again here.
 */
final class RenderFixture {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String ACCOUNT = "111111111111";
  static final String BUCKET = "arn:aws:s3:::logs-bucket";
  static final String SUPPRESSION = "accepted until the migration, ticket SEC-42";

  private RenderFixture() {}

  /**
   * A finding of a catalogued rule in {@value #ACCOUNT} and us-east-1, with the rule's controls, a
   * fix when FAIL or MUTED and a suppression reason when MUTED.
   */
  static Finding finding(String ruleId, Status status, Severity severity, String arn) {
    String[] parts = ruleId.split("/", 2);
    return new Finding(
        ruleId,
        parts[0],
        parts[1],
        status,
        severity,
        ACCOUNT,
        "us-east-1",
        arn,
        "observed " + ruleId,
        status == Status.FAIL || status == Status.MUTED ? "aws s3api fix --bucket b" : null,
        Catalogs.builtIn().rule(ruleId).map(r -> r.controls()).orElse(List.of()),
        status == Status.MUTED ? SUPPRESSION : null);
  }

  /**
   * A finding without controls on a bucket named after the account, saying "observed REQUIREMENT",
   * with this fix.
   */
  static Finding finding(
      String ruleId, Status status, Severity severity, String account, String fix) {
    String[] parts = ruleId.split("/", 2);
    return new Finding(
        ruleId,
        parts[0],
        parts[1],
        status,
        severity,
        account,
        "us-east-1",
        "arn:aws:s3:::bucket-" + account,
        "observed " + parts[1],
        fix,
        List.of(),
        null);
  }

  /** The same finding in another account. */
  static Finding in(String account, Finding f) {
    return new Finding(
        f.ruleId(),
        f.checkId(),
        f.requirement(),
        f.status(),
        f.severity(),
        account,
        f.region(),
        f.resourceArn(),
        f.message(),
        f.remediation(),
        f.controls(),
        f.suppression());
  }

  /** A report of these findings over {@value #ACCOUNT}, the regions and the findings' checks. */
  static AuditReport report(List<String> regions, List<Finding> findings, List<Notice> notices) {
    List<String> checks = findings.stream().map(Finding::checkId).distinct().toList();
    return AuditReport.of(
        Catalogs.builtIn(),
        "1.0",
        NOW,
        new Scope(
            "snapshot:x.json",
            Instant.parse("2025-12-31T00:00:00Z"),
            null,
            List.of(ACCOUNT),
            regions,
            checks),
        findings,
        notices);
  }

  static AuditReport report(Finding... findings) {
    return report(List.of("us-east-1"), List.of(findings), List.of());
  }

  static String render(Renderer renderer, AuditReport report) throws Exception {
    StringWriter out = new StringWriter();
    renderer.render(report, out);
    return out.toString();
  }

  static String render(Renderer renderer, Finding... findings) throws Exception {
    return render(renderer, report(findings));
  }

  static String render(Renderer renderer, ContractCase c) throws Exception {
    return render(renderer, c.report());
  }

  static JsonNode json(Renderer renderer, AuditReport report) throws Exception {
    return new ObjectMapper().readTree(render(renderer, report));
  }

  static JsonNode json(Renderer renderer, Finding... findings) throws Exception {
    return json(renderer, report(findings));
  }
}
