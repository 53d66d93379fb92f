package io.trailaudit.report;

import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.time.Instant;
import java.util.List;

/**
 * The reports every renderer is run on by {@link RendererContract}, built by hand: each is small
 * and known, so a golden file can be read and checked by a person. The only place the contract
 * builds an {@link AuditReport}.
 */
enum ContractCase {
  /** Nothing audited: no account, no check, no finding, no notice. */
  EMPTY(emptyScope(), List.of(), List.of()),
  /** One finding of every status, two accounts, controls, a multi-line fix, special characters. */
  MIXED(
      scope(),
      List.of(
          finding(
              "log-bucket/tls-only",
              Status.FAIL,
              Severity.CRITICAL,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "bucket policy statement \"AllowAll\" grants s3:GetObject to <any principal> & has"
                  + " no aws:SecureTransport condition, so plain HTTP works",
              "aws s3api put-bucket-policy --bucket org-trail-logs \\\n"
                  + "  --policy file://deny-insecure-transport.json",
              List.of(ControlRef.securityHub("S3.5"), ControlRef.cis("5.0.0", "2.1.1")),
              null),
          finding(
              "organization-trail/multi-region-management-events",
              Status.FAIL,
              Severity.HIGH,
              Ids.MANAGEMENT_ACCOUNT,
              "us-east-1",
              Ids.TRAIL,
              "trail org-trail logs one region only (IsMultiRegionTrail false)",
              "aws cloudtrail update-trail --name org-trail --is-multi-region-trail",
              List.of(ControlRef.securityHub("CloudTrail.1"), ControlRef.cis("5.0.0", "3.1")),
              null),
          finding(
              "kms-encryption/key-rotation",
              Status.ERROR,
              Severity.MEDIUM,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.KEY,
              "kms:GetKeyRotationStatus failed: AccessDeniedException (not authorized to perform"
                  + " kms:GetKeyRotationStatus)",
              null,
              List.of(ControlRef.securityHub("KMS.4"), ControlRef.cis("5.0.0", "3.6")),
              null),
          finding(
              "log-bucket/mfa-delete",
              Status.MUTED,
              Severity.MEDIUM,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "versioning of bucket org-trail-logs has MFA delete disabled",
              "aws s3api put-bucket-versioning --bucket org-trail-logs --mfa \"SERIAL CODE\""
                  + " --versioning-configuration Status=Enabled,MFADelete=Enabled",
              List.of(),
              "accepted until the bucket migration, ticket SEC-42"),
          finding(
              "log-bucket/versioning",
              Status.PASS,
              Severity.CRITICAL,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "bucket org-trail-logs has versioning enabled",
              null,
              List.of(ControlRef.cis("5.0.0", "3.3")),
              null),
          finding(
              "kms-encryption/sse-kms",
              Status.NOT_APPLICABLE,
              Severity.MEDIUM,
              Ids.MEMBER_ACCOUNT,
              "global",
              "arn:aws:iam::" + Ids.MEMBER_ACCOUNT + ":root",
              "account " + Ids.MEMBER_ACCOUNT + " has no trail of its own to encrypt",
              null,
              List.of(ControlRef.securityHub("CloudTrail.2"), ControlRef.cis("5.0.0", "3.5")),
              null)),
      List.of()),
  /** Nothing could be read: only ERROR findings. */
  ERRORS_ONLY(
      scope(),
      List.of(
          finding(
              "organization-trail/trail-enabled",
              Status.ERROR,
              Severity.CRITICAL,
              Ids.MANAGEMENT_ACCOUNT,
              "eu-west-1",
              "arn:aws:iam::" + Ids.MANAGEMENT_ACCOUNT + ":root",
              "cloudtrail:DescribeTrails failed: ThrottlingException (Rate exceeded) after 3"
                  + " attempts",
              null,
              List.of(ControlRef.securityHub("CloudTrail.1")),
              null),
          finding(
              "kms-encryption/key-rotation",
              Status.ERROR,
              Severity.MEDIUM,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.KEY,
              "kms:GetKeyRotationStatus failed: AccessDeniedException (not authorized)",
              null,
              List.of(ControlRef.securityHub("KMS.4")),
              null)),
      List.of()),
  /** Every failure muted by a suppression with its reason, beside a PASS. */
  MUTED(
      scope(),
      List.of(
          finding(
              "log-bucket/mfa-delete",
              Status.MUTED,
              Severity.MEDIUM,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "versioning of bucket org-trail-logs has MFA delete disabled",
              "aws s3api put-bucket-versioning --bucket org-trail-logs --mfa \"SERIAL CODE\""
                  + " --versioning-configuration Status=Enabled,MFADelete=Enabled",
              List.of(),
              "accepted until the bucket migration, ticket SEC-42"),
          finding(
              "organization-trail/multi-region-management-events",
              Status.MUTED,
              Severity.HIGH,
              Ids.MANAGEMENT_ACCOUNT,
              "us-east-1",
              Ids.TRAIL,
              "trail org-trail logs one region only (IsMultiRegionTrail false)",
              "aws cloudtrail update-trail --name org-trail --is-multi-region-trail",
              List.of(ControlRef.securityHub("CloudTrail.1"), ControlRef.cis("5.0.0", "3.1")),
              "a second trail covers the other regions until 2026-06-30 (SEC-7)"),
          finding(
              "log-bucket/versioning",
              Status.PASS,
              Severity.CRITICAL,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "bucket org-trail-logs has versioning enabled",
              null,
              List.of(ControlRef.cis("5.0.0", "3.3")),
              null)),
      List.of()),
  /** No finding, one notice about the run. */
  NOTICE_ONLY(
      scope(),
      List.of(),
      List.of(
          new Notice(
              Notice.SUPPRESSION_UNUSED,
              "suppressions[0] (rule insights/*) matched no FAIL finding: remove it, or correct"
                  + " its selector."))),
  /**
   * The configuration is wrong: an expired suppression no longer mutes the FAIL it was written for,
   * and another names a check that was not run.
   */
  CONFIG_PROBLEM(
      scope(),
      List.of(
          finding(
              "log-bucket/mfa-delete",
              Status.FAIL,
              Severity.MEDIUM,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "versioning of bucket org-trail-logs has MFA delete disabled",
              "aws s3api put-bucket-versioning --bucket org-trail-logs --mfa \"SERIAL CODE\""
                  + " --versioning-configuration Status=Enabled,MFADelete=Enabled",
              List.of(),
              null),
          finding(
              "log-bucket/versioning",
              Status.PASS,
              Severity.CRITICAL,
              Ids.LOG_ACCOUNT,
              "us-east-1",
              Ids.BUCKET,
              "bucket org-trail-logs has versioning enabled",
              null,
              List.of(ControlRef.cis("5.0.0", "3.3")),
              null)),
      List.of(
          new Notice(
              Notice.SUPPRESSION_EXPIRED,
              "suppressions[0] (rule log-bucket/mfa-delete) expired on 2026-02-28 and no longer"
                  + " mutes: 1 FAIL finding(s) it would have muted are reported as FAIL."),
          new Notice(
              Notice.SUPPRESSION_NOT_RUN,
              "suppressions[1] (rule insights/*) matched nothing because no check it names was"
                  + " run (--checks or skipChecks): keep it; it applies when its check runs.")));

  /** Account ids and ARNs shared by the cases. */
  private static final class Ids {
    static final String MANAGEMENT_ACCOUNT = "111111111111";
    static final String LOG_ACCOUNT = "222222222222";
    static final String MEMBER_ACCOUNT = "333333333333";
    static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";
    static final String BUCKET = "arn:aws:s3:::org-trail-logs";
    static final String KEY =
        "arn:aws:kms:us-east-1:222222222222:key/0b7e4a52-1c3d-4e5f-8a9b-6c7d8e9f0a1b";
  }

  static final String VERSION = "1.2.3";
  static final Instant GENERATED_AT = Instant.parse("2026-03-01T10:00:00Z");

  private final Scope scope;
  private final List<Finding> findings;
  private final List<Notice> notices;

  ContractCase(Scope scope, List<Finding> findings, List<Notice> notices) {
    this.scope = scope;
    this.findings = findings;
    this.notices = notices;
  }

  /** The report, sorted and summed as the audit makes it. */
  AuditReport report() {
    return AuditReport.of(Catalogs.builtIn(), VERSION, GENERATED_AT, scope, findings, notices);
  }

  /** The file name of the case's golden files, without the format's extension. */
  String fileName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static Scope scope() {
    return new Scope(
        "snapshot:contract.json",
        Instant.parse("2026-03-01T09:30:00Z"),
        "o-contract01",
        List.of(Ids.MANAGEMENT_ACCOUNT, Ids.LOG_ACCOUNT, Ids.MEMBER_ACCOUNT),
        List.of("eu-west-1", "us-east-1"),
        List.of("organization-trail", "kms-encryption", "log-bucket"));
  }

  private static Scope emptyScope() {
    return new Scope(
        "snapshot:empty.json",
        Instant.parse("2026-03-01T09:30:00Z"),
        null,
        List.of(),
        List.of(),
        List.of());
  }

  private static Finding finding(
      String ruleId,
      Status status,
      Severity severity,
      String account,
      String region,
      String arn,
      String message,
      String remediation,
      List<ControlRef> controls,
      String suppression) {
    String[] rule = ruleId.split("/", 2);
    return new Finding(
        ruleId,
        rule[0],
        rule[1],
        status,
        severity,
        account,
        region,
        arn,
        message,
        remediation,
        controls,
        suppression);
  }
}
