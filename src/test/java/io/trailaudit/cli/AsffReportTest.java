package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo audit as ASFF: every finding carries what BatchImportFindings requires. */
class AsffReportTest {
  /** The required top-level attributes of the AWS Security Finding Format. */
  static final List<String> REQUIRED =
      List.of(
          "SchemaVersion",
          "Id",
          "ProductArn",
          "GeneratorId",
          "AwsAccountId",
          "Types",
          "CreatedAt",
          "UpdatedAt",
          "Severity",
          "Title",
          "Description",
          "Resources");

  static JsonNode asff() throws Exception {
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "asff");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    return CliTest.json(r);
  }

  @Test
  void everyDemoFindingHasTheRequiredAttributes() throws Exception {
    JsonNode findings = asff();
    assertThat(findings.isArray()).isTrue();
    assertThat(findings.size()).isEqualTo(127);
    Set<String> types =
        Set.of("AwsCloudTrailTrail", "AwsS3Bucket", "AwsKmsKey", "AwsLogsLogGroup", "AwsAccount");
    for (JsonNode f : findings) {
      String id = f.path("Id").asText();
      for (String field : REQUIRED) {
        assertThat(f.hasNonNull(field)).as(id + " " + field).isTrue();
        JsonNode v = f.get(field);
        assertThat(v.isTextual() ? v.asText() : v.size() > 0).as(id + " " + field).isNotEqualTo("");
        assertThat(v.isContainerNode() ? v.size() : v.asText().length())
            .as(id + " " + field)
            .isPositive();
      }
      assertThat(f.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
      assertThat(f.at("/Severity/Label").asText())
          .isIn("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
      assertThat(f.get("ProductArn").asText())
          .matches("arn:aws:securityhub:[a-z0-9-]+:\\d{12}:product/\\d{12}/default")
          .contains(":" + f.get("AwsAccountId").asText() + ":");
      assertThat(f.get("CreatedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
      assertThat(f.get("Title").asText().length()).isLessThanOrEqualTo(256);
      assertThat(f.get("Description").asText().length()).isLessThanOrEqualTo(1024);
      assertThat(f.get("RecordState").asText()).isEqualTo("ACTIVE");
      assertThat(f.at("/Compliance/Status").asText())
          .isIn("PASSED", "FAILED", "WARNING", "NOT_AVAILABLE");
      JsonNode resource = f.at("/Resources/0");
      assertThat(resource.get("Type").asText()).isIn(types);
      assertThat(resource.get("Id").asText()).startsWith("arn:aws:");
      assertThat(resource.get("Partition").asText()).isEqualTo("aws");
      assertThat(resource.get("Region").asText()).isNotEqualTo("global").isNotEmpty();
    }
  }

  @Test
  void demoIdsAreStableAndUnique() throws Exception {
    List<String> first = ids(asff());
    assertThat(first).doesNotHaveDuplicates().hasSize(127).isEqualTo(ids(asff()));
  }

  @Test
  void demoAccountWideFindingsUseTheFirstAuditedRegion() throws Exception {
    for (JsonNode f : asff()) {
      if (f.get("Id").asText().contains("/global/")) {
        assertThat(f.at("/Resources/0/Region").asText()).isEqualTo("eu-central-1");
        assertThat(f.get("ProductArn").asText()).startsWith("arn:aws:securityhub:eu-central-1:");
      }
    }
  }

  @Test
  void asffToAnOutputFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("findings.json");
    CliTest.Result r =
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "ASFF", "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(out.toFile()).size()).isEqualTo(127);
  }

  private static List<String> ids(JsonNode findings) {
    List<String> out = new ArrayList<>();
    findings.forEach(f -> out.add(f.get("Id").asText()));
    return out;
  }
}
