package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.BUCKET;
import static io.trailaudit.report.RenderFixture.finding;
import static io.trailaudit.report.RenderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ASFF mappings and limits beyond the contract's golden files: every status, Security Hub's field
 * lengths and id limit, the region of a global finding, resource types and partitions.
 */
class AsffRendererTest {
  static JsonNode render(List<String> regions, Finding... findings) throws Exception {
    return json(new AsffRenderer(), RenderFixture.report(regions, List.of(findings), List.of()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "PASS, PASSED, INFORMATIONAL",
    "FAIL, FAILED, HIGH",
    "ERROR, NOT_AVAILABLE, HIGH",
    "MUTED, FAILED, HIGH",
    "NOT_APPLICABLE, NOT_AVAILABLE, HIGH"
  })
  void statusMapping(Status status, String compliance, String label) throws Exception {
    JsonNode f =
        render(
                List.of("us-east-1"),
                finding("log-bucket/versioning", status, Severity.HIGH, BUCKET))
            .get(0);
    assertThat(f.at("/Compliance/Status").asText()).isEqualTo(compliance);
    assertThat(f.at("/Severity/Label").asText()).isEqualTo(label);
    assertThat(f.at("/Severity/Original").asText()).isEqualTo("HIGH");
    assertThat(f.get("RecordState").asText()).isEqualTo("ACTIVE");
    if (status == Status.MUTED) {
      assertThat(f.at("/Workflow/Status").asText()).isEqualTo("SUPPRESSED");
      assertThat(f.at("/Note/Text").asText())
          .isEqualTo("accepted until the migration, ticket SEC-42");
      assertThat(f.at("/Note/UpdatedBy").asText()).isEqualTo("trailaudit");
      assertThat(f.at("/Note/UpdatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    } else {
      assertThat(f.has("Workflow")).isFalse();
      assertThat(f.has("Note")).isFalse();
    }
  }

  @Test
  void infoSeverityIsInformational() {
    assertThat(AsffRenderer.label(Severity.INFO)).isEqualTo("INFORMATIONAL");
    assertThat(AsffRenderer.label(Severity.CRITICAL)).isEqualTo("CRITICAL");
  }

  @Test
  void longTextIsTruncatedToTheLimits() throws Exception {
    String longText = "x".repeat(2000);
    Finding f =
        new Finding(
            "log-bucket/versioning",
            "log-bucket",
            "versioning",
            Status.FAIL,
            Severity.HIGH,
            "111111111111",
            "us-east-1",
            BUCKET,
            longText,
            longText,
            List.of(),
            null);
    JsonNode out = render(List.of("us-east-1"), f).get(0);
    assertThat(out.get("Description").asText()).hasSize(1024).endsWith("x…");
    assertThat(out.at("/Remediation/Recommendation/Text").asText()).hasSize(512).endsWith("…");
    assertThat(AsffRenderer.truncate("short", 10)).isEqualTo("short");
    // never cuts a surrogate pair in half
    String emoji = "ab\uD83D\uDE00cd";
    assertThat(AsffRenderer.truncate(emoji, 4)).isEqualTo("ab…");
    assertThat(AsffRenderer.truncate(emoji, 5)).isEqualTo("ab\uD83D\uDE00…");
  }

  @Test
  void globalFindingsGoToTheFirstAuditedRegionElseUsEast1() throws Exception {
    Finding global =
        new Finding(
            "organization-trail/multi-region-management-events",
            "organization-trail",
            "multi-region-management-events",
            Status.FAIL,
            Severity.CRITICAL,
            "111111111111",
            "global",
            "arn:aws:iam::111111111111:root",
            "no trail",
            null,
            List.of(),
            null);
    JsonNode inEu = render(List.of("eu-west-1", "us-east-1"), global).get(0);
    assertThat(inEu.at("/Resources/0/Region").asText()).isEqualTo("eu-west-1");
    assertThat(inEu.get("ProductArn").asText())
        .isEqualTo("arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default");
    assertThat(inEu.get("Id").asText())
        .isEqualTo(
            "trailaudit/organization-trail/multi-region-management-events/111111111111/global/"
                + "arn:aws:iam::111111111111:root");
    JsonNode none = render(List.of(), global).get(0);
    assertThat(none.at("/Resources/0/Region").asText()).isEqualTo("us-east-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail, AwsCloudTrailTrail, aws",
    "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/EXAMPLE-1, Other, aws",
    "arn:aws:s3:::logs-bucket, AwsS3Bucket, aws",
    "arn:aws:kms:us-east-1:111111111111:key/6f1c, AwsKmsKey, aws",
    "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs, AwsLogsLogGroup, aws",
    "arn:aws:iam::111111111111:root, AwsAccount, aws",
    "arn:aws-us-gov:iam::111111111111:role/x, Other, aws-us-gov",
    "arn:aws-cn:sns:cn-north-1:111111111111:topic, Other, aws-cn",
    "not-an-arn, Other, aws"
  })
  void resourceTypeAndPartitionFromTheArn(String arn, String type, String partition) {
    assertThat(AsffRenderer.resourceType(arn)).isEqualTo(type);
    assertThat(AsffRenderer.partition(arn)).isEqualTo(partition);
  }

  @Test
  void overlongIdsFallBackToAFingerprint() {
    Finding f =
        finding(
            "log-bucket/versioning", Status.FAIL, Severity.HIGH, "arn:aws:s3:::" + "b".repeat(600));
    assertThat(AsffRenderer.id(f))
        .hasSizeLessThanOrEqualTo(512)
        .startsWith("trailaudit/log-bucket/versioning/111111111111/us-east-1/sha256-");
  }
}
