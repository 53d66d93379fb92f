package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.testing.OcsfSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo audit as OCSF: every event valid against the OCSF 1.6.0 schema source. */
class OcsfReportTest {
  @Test
  void everyDemoEventIsAValidComplianceFinding() throws Exception {
    JsonNode json = new ObjectMapper().readTree(run("ocsf").out());
    assertThat(json).hasSize(238);
    OcsfSchema schema = new OcsfSchema();
    List<String> errors = new ArrayList<>();
    Map<String, Integer> statuses = new HashMap<>();
    for (JsonNode e : json) {
      schema
          .validate("events/findings/compliance_finding.json", e)
          .forEach(m -> errors.add(e.at("/finding_info/analytic/uid").asText() + " " + m));
      statuses.merge(e.at("/compliance/status_code").asText(), 1, Integer::sum);
    }
    assertThat(errors).isEmpty();
    // The demo's findings, as the example text report's summary counts them. Tamper evidence
    // (check 13), organization-trail/tagged and insights/data-event-aggregation added 25: 4 FAIL
    // (the 35-min StopLogging of org-trail, the bucket policy changes, untagged legacy-audit,
    // workload-app-trail's missing aggregation), 14 PASS and 7 NOT_APPLICABLE.
    assertThat(statuses)
        .isEqualTo(Map.of("FAIL", 97, "ERROR", 2, "PASS", 118, "NOT_APPLICABLE", 21));
  }

  @Test
  void mutedDemoFindingsAreSuppressedNeverNew(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(
        cfg, "suppressions:\n  - rule: log-bucket/*\n    reason: accepted (TICKET-1)\n");
    JsonNode json =
        new ObjectMapper()
            .readTree(
                CliTest.run(
                        "audit",
                        "--snapshot",
                        CliTest.DEMO,
                        "--config",
                        cfg.toString(),
                        "--format",
                        "ocsf")
                    .out());
    int muted = 0;
    for (JsonNode e : json) {
      if (e.at("/compliance/status_code").asText().equals("MUTED")) {
        muted++;
        assertThat(e.get("status").asText()).isEqualTo("Suppressed");
        assertThat(e.get("status_id").asInt()).isEqualTo(3);
      } else {
        assertThat(e.get("status_id").asInt()).isEqualTo(1);
      }
    }
    assertThat(muted).isPositive();
  }

  private static CliTest.Result run(String format) {
    return CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", format);
  }
}
