package io.trailaudit.report;

import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.report.Asff.AwsSecurityFinding;
import io.trailaudit.report.Asff.Compliance;
import io.trailaudit.report.Asff.Note;
import io.trailaudit.report.Asff.Recommendation;
import io.trailaudit.report.Asff.Remediation;
import io.trailaudit.report.Asff.Resource;
import io.trailaudit.report.Asff.Workflow;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON array of ASFF findings for {@code aws securityhub batch-import-findings --findings
 * file://FILE}, one per finding of every status, under the account's default (custom) product ARN.
 * PASS is PASSED, FAIL FAILED, MUTED FAILED with workflow SUPPRESSED and the reason as a note,
 * ERROR and NOT_APPLICABLE NOT_AVAILABLE (the check could not run: Security Hub's meaning of that
 * status, while WARNING means it ran but could not decide). Account-wide findings (region {@code
 * global}) are placed in the first audited region, or us-east-1 when there is none. Free text is
 * put on one line ({@link #oneLine}), as the model's string pattern requires.
 */
public final class AsffRenderer implements Renderer {
  static final String DEFAULT_REGION = "us-east-1";
  static final String GLOBAL = "global";
  static final int TITLE_MAX = 256;
  static final int DESCRIPTION_MAX = 1024;
  static final int RECOMMENDATION_MAX = 512;
  static final int ID_MAX = 512;
  static final String BEST_PRACTICES =
      "Software and Configuration Checks/AWS Security Best Practices";
  static final String CIS_TYPE =
      "Software and Configuration Checks/Industry and Regulatory Standards/"
          + "CIS AWS Foundations Benchmark";

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    JsonRenderer.MAPPER.writeValue(out, findings(report));
    out.write(System.lineSeparator());
  }

  static List<AwsSecurityFinding> findings(AuditReport report) {
    String home =
        report.scope().regions().isEmpty() ? DEFAULT_REGION : report.scope().regions().get(0);
    return report.findings().stream().map(f -> finding(report, f, home)).toList();
  }

  static AwsSecurityFinding finding(AuditReport report, Finding f, String home) {
    String region = GLOBAL.equals(f.region()) || f.region().isEmpty() ? home : f.region();
    String partition = partition(f.resourceArn());
    String title = report.catalog().rule(f.ruleId()).map(RequirementInfo::title).orElse(f.ruleId());
    Map<String, String> productFields = new LinkedHashMap<>();
    productFields.put("ruleId", f.ruleId());
    productFields.put("checkId", f.checkId());
    boolean muted = f.status() == Status.MUTED;
    String reason = f.suppression() == null ? "muted by a suppression" : f.suppression();
    return new AwsSecurityFinding(
        Asff.SCHEMA_VERSION,
        id(f),
        new Arn(
                partition,
                "securityhub",
                region,
                f.account(),
                "product/" + f.account() + "/default")
            .toString(),
        AuditReport.TOOL + "/" + f.ruleId(),
        f.account(),
        types(f),
        report.generatedAt(),
        report.generatedAt(),
        new Asff.Severity(
            f.status() == Status.PASS ? "INFORMATIONAL" : label(f.severity()), f.severity().name()),
        truncate(oneLine(title), TITLE_MAX),
        truncate(oneLine(f.message()), DESCRIPTION_MAX),
        f.remediation() == null
            ? null
            : new Remediation(
                new Recommendation(truncate(oneLine(f.remediation()), RECOMMENDATION_MAX))),
        productFields,
        List.of(new Resource(resourceType(f.resourceArn()), f.resourceArn(), partition, region)),
        compliance(f),
        muted ? new Workflow("SUPPRESSED") : null,
        "ACTIVE",
        muted
            ? new Note(truncate(oneLine(reason), 512), AuditReport.TOOL, report.generatedAt())
            : null);
  }

  /**
   * {@code trailaudit/RULE/ACCOUNT/REGION/ARN}: the same finding across runs, distinct across
   * resources; past 512 characters the ARN is replaced by its SHA-256 fingerprint.
   */
  static String id(Finding f) {
    String prefix = String.join("/", AuditReport.TOOL, f.ruleId(), f.account(), f.region());
    String id = prefix + "/" + f.resourceArn();
    return id.length() <= ID_MAX ? id : prefix + "/sha256-" + SarifRenderer.fingerprint(f);
  }

  static Compliance compliance(Finding f) {
    String status =
        switch (f.status()) {
          case PASS -> "PASSED";
          case FAIL, MUTED -> "FAILED";
          case ERROR, NOT_APPLICABLE -> "NOT_AVAILABLE";
        };
    String securityControlId =
        f.controls().stream()
            .filter(c -> c.version() == null)
            .map(ControlRef::id)
            .findFirst()
            .orElse(null);
    List<String> related =
        f.controls().stream()
            .filter(c -> c.version() != null)
            .map(c -> "CIS AWS Foundations Benchmark v" + c.version() + "/" + c.id())
            .toList();
    return new Compliance(status, securityControlId, related);
  }

  static List<String> types(Finding f) {
    List<String> types = new ArrayList<>();
    if (f.controls().stream().anyMatch(c -> c.version() != null)) {
      types.add(CIS_TYPE);
    }
    types.add(BEST_PRACTICES);
    return types;
  }

  /** Security Hub's label: INFO is INFORMATIONAL, the others keep their name. */
  static String label(Severity s) {
    return s == Severity.INFO ? "INFORMATIONAL" : s.name();
  }

  /** The ASFF resource type for an ARN's service, {@code Other} when there is none. */
  static String resourceType(String arn) {
    Optional<Arn> parsed = Arn.parse(arn);
    if (parsed.isEmpty()) {
      return "Other";
    }
    Arn a = parsed.get();
    return switch (a.service()) {
      case "cloudtrail" -> a.resource().startsWith("trail/") ? "AwsCloudTrailTrail" : "Other";
      case "s3" -> "AwsS3Bucket";
      case "kms" -> "AwsKmsKey";
      case "logs" -> "AwsLogsLogGroup";
      case "iam" -> a.resource().equals("root") ? "AwsAccount" : "Other";
      default -> "Other";
    };
  }

  static String partition(String arn) {
    return Arns.partition(arn);
  }

  /**
   * The text on one line, line breaks as {@code " ; "}: the model's NonEmptyString pattern {@code
   * .*\\S.*} does not match across a line break, so multi-line remediations would be refused.
   */
  static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " ; ");
  }

  /** At most {@code max} characters, ending in an ellipsis when cut, never in half a pair. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
