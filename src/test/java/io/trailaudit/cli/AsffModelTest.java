package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.testing.AsffModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every ASFF finding trailaudit writes, checked against Security Hub's own API model. */
class AsffModelTest {
  static final AsffModel MODEL = new AsffModel();

  static JsonNode asff(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("audit", "--snapshot", CliTest.DEMO, "--format", "asff"));
    args.addAll(List.of(extra));
    return new ObjectMapper().readTree(CliTest.run(args.toArray(String[]::new)).out());
  }

  @Test
  void everyDemoFindingIsAnAwsSecurityFinding(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(
        cfg, "suppressions:\n  - rule: log-bucket/*\n    reason: accepted (TICKET-1)\n");
    List<String> errors = new ArrayList<>();
    int count = 0;
    for (JsonNode findings : List.of(asff(), asff("--config", cfg.toString()))) {
      for (JsonNode f : findings) {
        count++;
        MODEL.validate("AwsSecurityFinding", f).forEach(e -> errors.add(f.get("Id") + e));
      }
    }
    // 213 before check 13; tamper-evidence (17), organization-trail/tagged (4) and
    // insights/data-event-aggregation (4) add 25.
    assertThat(count).as("the demo's 238 findings, twice").isEqualTo(2 * 238);
    assertThat(errors).isEmpty();
  }

  @Test
  void aBatchOfAtMostOneHundredIsAValidImportRequest() throws Exception {
    JsonNode findings = asff();
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putArray("Findings").addAll(List.of(findings.get(0), findings.get(1)));
    assertThat(MODEL.validate("BatchImportFindingsRequest", request)).isEmpty();
    ObjectNode tooMany = new ObjectMapper().createObjectNode();
    for (int i = 0; i < 101; i++) {
      tooMany.withArray("Findings").add(findings.get(i));
    }
    assertThat(MODEL.validate("BatchImportFindingsRequest", tooMany))
        .anySatisfy(e -> assertThat(e).contains("length 101 outside 1..100"));
  }

  /** The model check must be able to fail. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "required member | remove | /Title | | required",
        "unknown member | put | /Colour | \"red\" | not a member",
        "enum | put | /RecordState | \"GONE\" | is not one of",
        "nested enum | put | /Compliance/Status | \"OK\" | is not one of",
        "documented length | put | /Id | \"%513\" | outside 1..512",
        "pattern | put | /Title | \" \" | does not match",
        "type | put | /Resources | {} | not a list",
        "nested required | remove | /Resources/0/Id | | required",
      })
  void modelCatches(String name, String op, String pointer, String json, String error)
      throws Exception {
    ObjectNode f = (ObjectNode) asff().get(0).deepCopy();
    assertThat(MODEL.validate("AwsSecurityFinding", f)).isEmpty();
    int cut = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) f.at(pointer.substring(0, cut));
    String field = pointer.substring(cut + 1);
    if (op.equals("remove")) {
      parent.remove(field);
    } else if (json.equals("\"%513\"")) {
      parent.put(field, "x".repeat(513));
    } else {
      parent.set(field, new ObjectMapper().readTree(json));
    }
    assertThat(MODEL.validate("AwsSecurityFinding", f))
        .anySatisfy(e -> assertThat(e).contains(error));
  }
}
