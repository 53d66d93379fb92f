package io.trailaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The AWS Security Finding Format (ASFF) objects trailaudit writes, named as in the Security Hub
 * API reference ({@code AwsSecurityFinding} and its members, PascalCase on the wire) and written by
 * Jackson. Only the attributes trailaudit fills are declared; a null or empty one is omitted.
 */
final class Asff {
  static final String SCHEMA_VERSION = "2018-10-08";

  private Asff() {}

  /** AwsSecurityFinding: one trailaudit finding. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record AwsSecurityFinding(
      String schemaVersion,
      String id,
      String productArn,
      String generatorId,
      String awsAccountId,
      List<String> types,
      Instant createdAt,
      Instant updatedAt,
      Severity severity,
      String title,
      String description,
      Remediation remediation,
      Map<String, String> productFields,
      List<Resource> resources,
      Compliance compliance,
      Workflow workflow,
      String recordState,
      Note note) {}

  /** Severity: {@code Label} is CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Severity(String label, String original) {}

  /** Remediation. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Remediation(Recommendation recommendation) {}

  /** Recommendation: {@code Text} at most 512 characters. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Recommendation(String text) {}

  /** Resource: {@code Type} such as {@code AwsCloudTrailTrail}, {@code Id} the ARN. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Resource(String type, String id, String partition, String region) {}

  /** Compliance: PASSED, FAILED, WARNING or NOT_AVAILABLE, with the controls. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Compliance(String status, String securityControlId, List<String> relatedRequirements) {}

  /** Workflow: SUPPRESSED for muted findings. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Workflow(String status) {}

  /** Note: the suppression's reason. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Note(String text, String updatedBy, Instant updatedAt) {}
}
