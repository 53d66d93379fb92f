package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.trailaudit.testing.SarifSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo audit as SARIF: valid against the official 2.1.0 schema, and what GitHub reads. */
class SarifReportTest {
  static JsonNode sarif() throws Exception {
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "sarif");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    return CliTest.json(r);
  }

  static Schema schema() {
    return SarifSchema.schema();
  }

  @Test
  void demoSarifValidatesAgainstTheSchema() throws Exception {
    JsonNode sarif = sarif();
    List<Error> errors = schema().validate(sarif);
    assertThat(errors).isEmpty();
    // One result per FAIL finding of the demo: 97, at level error for its 13 critical and 19 high,
    // warning for its 59 medium and note for its 6 low ones. Check 13 added the critical
    // tamper-evidence/trail-changes (the 35-min StopLogging), the high
    // tamper-evidence/bucket-changes and the low organization-trail/tagged and
    // insights/data-event-aggregation.
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(97);
    Map<String, Integer> levels = new TreeMap<>();
    results.forEach(res -> levels.merge(res.get("level").asText(), 1, Integer::sum));
    assertThat(levels).isEqualTo(Map.of("error", 32, "warning", 59, "note", 6));
  }

  @Test
  void schemaValidationCatchesAnInvalidLog() throws Exception {
    JsonNode bad = new ObjectMapper().readTree("{\"version\": \"2.0.0\", \"runs\": [{}]}");
    assertThat(schema().validate(bad)).isNotEmpty();
  }

  @Test
  void demoFingerprintsAreStableAcrossRunsAndDifferAcrossResources() throws Exception {
    List<String> first = fingerprints(sarif());
    List<String> second = fingerprints(sarif());
    assertThat(first).isEqualTo(second).doesNotHaveDuplicates().hasSize(97);
  }

  @Test
  void demoErrorsAreNotificationsAndTheRunIsNotSuccessful() throws Exception {
    JsonNode invocation = sarif().at("/runs/0/invocations/0");
    assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
    assertThat(invocation.get("startTimeUtc").asText()).isEqualTo("2026-11-20T10:00:00Z");
    List<String> messages = new ArrayList<>();
    invocation
        .get("toolExecutionNotifications")
        .forEach(n -> messages.add(n.at("/descriptor/id").asText() + " " + n.at("/message/text")));
    assertThat(messages)
        .anyMatch(
            m ->
                m.startsWith("kms-encryption/key-rotation ")
                    && m.contains("kms:GetKeyRotationStatus failed: AccessDeniedException"));
  }

  @Test
  void demoRuleTagsNameTheControls() throws Exception {
    JsonNode sarif = sarif();
    assertThat(sarif.at("/runs/0/automationDetails/id").asText())
        .isEqualTo("trailaudit/o-a1b2c3d4e5/");
    for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
      if (rule.get("id").asText().equals("organization-trail/multi-region-management-events")) {
        assertThat(rule.at("/properties/tags").toString())
            .contains("\"securityhub/CloudTrail.1\"")
            .contains("\"cis-aws/5.0.0/3.1\"");
        return;
      }
    }
    throw new AssertionError("no rule organization-trail/multi-region-management-events");
  }

  @Test
  void sarifToAnOutputFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("trailaudit.sarif");
    CliTest.Result r =
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "SARIF", "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(schema().validate(new ObjectMapper().readTree(out.toFile()))).isEmpty();
    assertThat(CliTest.run("audit", "--help").out()).contains("Report format: TEXT, JSON, SARIF");
  }

  private static List<String> fingerprints(JsonNode sarif) {
    List<String> out = new ArrayList<>();
    sarif
        .at("/runs/0/results")
        .forEach(r -> out.add(r.at("/partialFingerprints/primaryLocationLineHash").asText()));
    return out;
  }
}
