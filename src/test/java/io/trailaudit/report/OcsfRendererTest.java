package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.NOW;
import static io.trailaudit.report.RenderFixture.finding;
import static io.trailaudit.report.RenderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.OcsfSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OCSF mappings beyond the contract's golden files: every status as a valid Compliance Finding,
 * uids shared with the other formats, and a schema validator that can fail.
 */
class OcsfRendererTest {
  static final String CLASS = "events/findings/compliance_finding.json";
  static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";
  static final OcsfSchema SCHEMA = new OcsfSchema();

  static JsonNode render(Finding... findings) throws Exception {
    return json(new OcsfRenderer(), findings);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "PASS, 1, Pass, 1, New",
    "FAIL, 3, Fail, 1, New",
    "MUTED, 3, Fail, 3, Suppressed",
    "ERROR, 2, Warning, 1, New",
    "NOT_APPLICABLE, 99, Not Applicable, 1, New"
  })
  void everyStatusIsAValidComplianceFinding(
      Status status, int complianceId, String compliance, int statusId, String findingStatus)
      throws Exception {
    JsonNode e =
        render(
                finding(
                    "organization-trail/multi-region-management-events",
                    status,
                    Severity.CRITICAL,
                    TRAIL))
            .get(0);
    assertThat(SCHEMA.validate(CLASS, e)).isEmpty();
    assertThat(e.get("class_uid").asInt()).isEqualTo(2003);
    assertThat(e.get("category_uid").asInt()).isEqualTo(2);
    assertThat(e.get("type_uid").asLong()).isEqualTo(200301L);
    assertThat(e.at("/compliance/status_id").asInt()).isEqualTo(complianceId);
    assertThat(e.at("/compliance/status").asText()).isEqualTo(compliance);
    assertThat(e.at("/compliance/status_code").asText()).isEqualTo(status.name());
    assertThat(e.get("status_id").asInt()).isEqualTo(statusId);
    assertThat(e.get("status").asText()).isEqualTo(findingStatus);
    assertThat(e.get("severity_id").asInt()).isEqualTo(5);
    assertThat(e.get("severity").asText()).isEqualTo("Critical");
    assertThat(e.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
    if (status == Status.MUTED) {
      assertThat(e.get("status_detail").asText())
          .isEqualTo("accepted until the migration, ticket SEC-42");
    }
  }

  /** A finding is the same finding in every format: the SARIF fingerprint, the ASFF id. */
  @Test
  void findingInfoUidsAreThoseOfSarifAndAsff() throws Exception {
    Finding f =
        finding(
            "organization-trail/multi-region-management-events", Status.FAIL, Severity.HIGH, TRAIL);
    JsonNode e = render(f).get(0);
    assertThat(e.at("/finding_info/uid").asText()).isEqualTo(SarifRenderer.fingerprint(f));
    assertThat(e.at("/finding_info/uid_alt").asText()).isEqualTo(AsffRenderer.id(f));
  }

  @Test
  void theSameFindingKeepsItsUidAcrossRuns() throws Exception {
    Finding f = finding("log-bucket/versioning", Status.FAIL, Severity.HIGH, "arn:aws:s3:::b");
    Finding other = finding("log-bucket/versioning", Status.FAIL, Severity.HIGH, "arn:aws:s3:::c");
    String uid = render(f).at("/0/finding_info/uid").asText();
    assertThat(render(f).at("/0/finding_info/uid").asText()).isEqualTo(uid);
    assertThat(render(other).at("/0/finding_info/uid").asText()).isNotEqualTo(uid);
  }

  /** The validator must be able to fail: each broken copy of a valid event is caught. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing time | remove | /time | | required",
        "undefined attribute | put | /colour | \"red\" | not an attribute",
        "profile not applied | remove | /metadata/profiles | | not an attribute",
        "string as integer | put | /severity_id | \"5\" | is not a integer_t",
        "caption not the enum's | put | /severity | \"Low\" | but severity says",
        "id not in the enum | put | /severity_id | 7 | not in the enum",
        "compliance status caption | put | /compliance/status | \"Passed\" | but status says",
        "wrong type_uid | put | /type_uid | 200302 | type_uid",
        "wrong class_uid | put | /class_uid | 2002 | class_uid",
        "nested required | remove | /finding_info/uid | | required",
        "array expected | put | /resources | {} | not an array",
        "deprecated attribute | put | /resource | {\"uid\":\"x\"} | deprecated",
        "entity needs name or uid | put | /finding_info/analytic | {\"type_id\":1} | at_least_one",
      })
  void validatorCatches(String name, String op, String pointer, String json, String error)
      throws Exception {
    ObjectNode e =
        (ObjectNode)
            render(finding("log-bucket/versioning", Status.FAIL, Severity.HIGH, "arn:aws:s3:::b"))
                .get(0);
    assertThat(SCHEMA.validate(CLASS, e)).isEmpty();
    int cut = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) e.at(pointer.substring(0, cut));
    String field = pointer.substring(cut + 1);
    if (op.equals("remove")) {
      parent.remove(field);
    } else {
      parent.set(field, new ObjectMapper().readTree(json));
    }
    assertThat(SCHEMA.validate(CLASS, e)).anySatisfy(m -> assertThat(m).contains(error));
  }
}
