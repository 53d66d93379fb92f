package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifRendererTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static Finding finding(String ruleId, Status status, Severity severity, String arn) {
    String[] parts = ruleId.split("/", 2);
    return new Finding(
        ruleId,
        parts[0],
        parts[1],
        status,
        severity,
        "111111111111",
        "us-east-1",
        arn,
        "observed " + ruleId,
        status == Status.FAIL || status == Status.MUTED ? "aws s3api fix --bucket b" : null,
        Catalogs.builtIn().rule(ruleId).map(r -> r.controls()).orElse(List.of()),
        status == Status.MUTED ? "accepted until the migration, ticket SEC-42" : null);
  }

  static JsonNode render(Finding... findings) throws Exception {
    AuditReport r =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            NOW,
            new Scope(
                "snapshot:x.json",
                Instant.parse("2025-12-31T00:00:00Z"),
                null,
                List.of("111111111111", "222222222222"),
                List.of("us-east-1"),
                List.of("organization-trail", "log-bucket")),
            List.of(findings));
    StringWriter out = new StringWriter();
    new SarifRenderer().render(r, out);
    return new ObjectMapper().readTree(out.toString());
  }

  static JsonNode rule(JsonNode sarif, String id) {
    for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
      if (rule.get("id").asText().equals(id)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + id);
  }

  @Test
  void mutedFindingIsASuppressedResultWithItsJustification() throws Exception {
    JsonNode sarif =
        render(
            finding(
                "log-bucket/mfa-delete", Status.MUTED, Severity.MEDIUM, "arn:aws:s3:::logs-bucket"),
            finding(
                "log-bucket/versioning",
                Status.PASS,
                Severity.CRITICAL,
                "arn:aws:s3:::logs-bucket"),
            finding(
                "log-bucket/object-lock",
                Status.NOT_APPLICABLE,
                Severity.MEDIUM,
                "arn:aws:s3:::logs-bucket"));
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(1);
    JsonNode result = results.get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("log-bucket/mfa-delete");
    assertThat(result.at("/suppressions/0/kind").asText()).isEqualTo("external");
    assertThat(result.at("/suppressions/0/justification").asText())
        .isEqualTo("accepted until the migration, ticket SEC-42");
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText())
        .isEqualTo("log-bucket/mfa-delete");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("aws/111111111111/us-east-1/s3/logs-bucket");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("arn:aws:s3:::logs-bucket");
    assertThat(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications").isMissingNode())
        .isTrue();
  }

  static List<com.networknt.schema.Error> schemaErrors(JsonNode sarif) {
    return io.trailaudit.testing.SarifSchema.validate(sarif);
  }

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

  @Test
  void aboveFiveThousandResultsTheyAreOnePerRuleAndAccount() throws Exception {
    List<Finding> findings = new ArrayList<>();
    // 60 accounts x 101 buckets of one rule: 6,060 findings; per account, 101 resources make a
    // part of 100 and a part of 1.
    for (int a = 0; a < 60; a++) {
      String account = String.format("%012d", a);
      for (int b = 0; b < 101; b++) {
        findings.add(
            in(
                account,
                finding(
                    "log-bucket/versioning",
                    Status.FAIL,
                    Severity.HIGH,
                    "arn:aws:s3:::b-" + a + "-" + b)));
      }
    }
    findings.add(
        finding("log-bucket/mfa-delete", Status.MUTED, Severity.MEDIUM, "arn:aws:s3:::muted"));
    findings.add(finding("log-bucket/tls-only", Status.ERROR, Severity.LOW, "arn:aws:s3:::e1"));
    findings.add(finding("log-bucket/tls-only", Status.ERROR, Severity.LOW, "arn:aws:s3:::e2"));
    JsonNode sarif = render(findings.toArray(Finding[]::new));
    assertThat(schemaErrors(sarif)).isEmpty();
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(60 * 2 + 1);
    JsonNode first = results.get(0);
    assertThat(first.get("locations")).hasSize(100);
    assertThat(first.at("/message/text").asText())
        .startsWith("FAIL on 100 resources in account 000000000000 (log-bucket/versioning):\n- ")
        .contains("\n- 000000000000 us-east-1 arn:aws:s3:::b-0-0: observed log-bucket/versioning")
        .contains("--format json");
    // Resources in report order (ARNs sorted as text): the last of account 0 is b-0-99.
    assertThat(results.get(1).get("locations")).hasSize(1);
    assertThat(results.at("/1/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("arn:aws:s3:::b-0-99");
    JsonNode muted = results.get(results.size() - 1);
    assertThat(muted.get("ruleId").asText()).isEqualTo("log-bucket/mfa-delete");
    assertThat(muted.at("/suppressions/0/justification").asText())
        .isEqualTo("accepted until the migration, ticket SEC-42");
    int located = 0;
    for (JsonNode r : results) {
      located += r.get("locations").size();
    }
    assertThat(located).isEqualTo(60 * 101 + 1);
    JsonNode invocation = sarif.at("/runs/0/invocations/0");
    assertThat(invocation.get("toolExecutionNotifications")).hasSize(1);
    assertThat(invocation.at("/toolExecutionNotifications/0/locations/0/logicalLocations"))
        .hasSize(2);
    assertThat(invocation.at("/toolConfigurationNotifications/0/descriptor/id").asText())
        .isEqualTo(SarifRenderer.AGGREGATED);
    assertThat(invocation.at("/toolConfigurationNotifications/0/message/text").asText())
        .startsWith("6061 FAIL and MUTED findings are more than the 5000 results")
        .contains("one rule in one account");
  }

  @Test
  void whenEvenOneResultPerRuleIsTooManyTheWorstAreKeptAndTheRestCounted() throws Exception {
    List<Finding> findings =
        List.of(
            finding("log-bucket/dedicated", Status.FAIL, Severity.LOW, "arn:aws:s3:::a"),
            finding("log-bucket/versioning", Status.FAIL, Severity.CRITICAL, "arn:aws:s3:::b"),
            finding("log-bucket/mfa-delete", Status.FAIL, Severity.MEDIUM, "arn:aws:s3:::c"),
            finding("log-bucket/not-public", Status.FAIL, Severity.HIGH, "arn:aws:s3:::d"));
    AuditReport report =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            NOW,
            new Scope(
                "snapshot:x.json",
                NOW,
                null,
                List.of("1"),
                List.of("us-east-1"),
                List.of("log-bucket")),
            findings);
    JsonNode sarif =
        new ObjectMapper()
            .readTree(JsonRenderer.MAPPER.writeValueAsString(SarifRenderer.log(report, 2)));
    assertThat(schemaErrors(sarif)).isEmpty();
    List<String> kept = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(r -> kept.add(r.get("ruleId").asText()));
    assertThat(kept).containsExactly("log-bucket/versioning", "log-bucket/not-public");
    assertThat(sarif.at("/runs/0/invocations/0/toolConfigurationNotifications").toString())
        .contains("4 FAIL and MUTED findings are more than the 2 results")
        .contains("2 results left out to stay within GitHub code scanning's limits (at most 2")
        .contains("none is worse than those kept");
  }

  @Test
  void groupsAreCutIntoPartsOfAHundredInReportOrder() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      findings.add(
          in(
              String.format("%012d", i),
              finding("log-bucket/versioning", Status.FAIL, Severity.HIGH, "arn:aws:s3:::b" + i)));
    }
    List<List<Finding>> byRule = SarifRenderer.groups(findings, SarifRenderer.Grouping.RULE);
    assertThat(byRule).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(byRule.get(1).get(0)).isEqualTo(findings.get(100));
    assertThat(SarifRenderer.groups(findings, SarifRenderer.Grouping.ACCOUNT)).hasSize(250);
  }

  @Test
  void errorFindingsAreNotificationsAndTheRunIsNotSuccessful() throws Exception {
    String key = "arn:aws:kms:us-east-1:111111111111:key/6f1c2a4e";
    JsonNode sarif = render(finding("log-bucket/tls-only", Status.ERROR, Severity.CRITICAL, key));
    assertThat(sarif.at("/runs/0/results")).isEmpty();
    JsonNode invocation = sarif.at("/runs/0/invocations/0");
    assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
    assertThat(invocation.get("endTimeUtc").asText()).isEqualTo("2026-01-01T00:00:00Z");
    JsonNode n = invocation.at("/toolExecutionNotifications/0");
    assertThat(n.get("level").asText()).isEqualTo("error");
    assertThat(n.at("/message/text").asText()).isEqualTo("observed log-bucket/tls-only");
    assertThat(n.at("/descriptor/id").asText()).isEqualTo("log-bucket/tls-only");
    assertThat(n.at("/associatedRule/id").asText()).isEqualTo("log-bucket/tls-only");
    assertThat(n.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isEqualTo(key);
  }

  @Test
  void levelsAndSecuritySeverityFollowTheSeverity() throws Exception {
    List<Finding> findings = new ArrayList<>();
    for (Severity s : Severity.values()) {
      findings.add(
          finding(
              "log-bucket/dedicated",
              Status.FAIL,
              s,
              "arn:aws:s3:::bucket-" + s.ordinal() + s.label()));
    }
    JsonNode results = render(findings.toArray(Finding[]::new)).at("/runs/0/results");
    List<String> levels = new ArrayList<>();
    results.forEach(r -> levels.add(r.get("level").asText()));
    assertThat(levels).containsExactly("error", "error", "warning", "note", "note");
    assertThat(results.get(0).at("/message/text").asText())
        .isEqualTo("observed log-bucket/dedicated\n\nRemediation:\naws s3api fix --bucket b");

    assertThat(Severity.values())
        .extracting(SarifRenderer::securitySeverity)
        .containsExactly("9.5", "8.0", "5.5", "3.0", "1.0");
    JsonNode sarif = render();
    JsonNode critical = rule(sarif, "organization-trail/multi-region-management-events");
    assertThat(critical.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(critical.at("/properties/security-severity").isTextual()).isTrue();
    assertThat(critical.at("/properties/security-severity").asText()).isEqualTo("9.5");
    JsonNode medium = rule(sarif, "log-bucket/mfa-delete");
    assertThat(medium.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
    assertThat(medium.at("/properties/security-severity").asText()).isEqualTo("5.5");
    JsonNode low = rule(sarif, "log-bucket/dedicated");
    assertThat(low.at("/defaultConfiguration/level").asText()).isEqualTo("note");
    assertThat(low.at("/properties/security-severity").asText()).isEqualTo("3.0");
  }

  @Test
  void rulesCarryControlTagsAndTaxonomyRelationships() throws Exception {
    JsonNode sarif = render();
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    int expected =
        Catalogs.builtIn().check("organization-trail").requirements().size()
            + Catalogs.builtIn().check("log-bucket").requirements().size();
    assertThat(rules).hasSize(expected);
    JsonNode rule = rule(sarif, "organization-trail/multi-region-management-events");
    List<String> tags = new ArrayList<>();
    rule.at("/properties/tags").forEach(t -> tags.add(t.asText()));
    assertThat(tags)
        .startsWith("security", "organization-trail")
        .contains("securityhub/CloudTrail.1", "cis-aws/5.0.0/3.1", "cis-aws/6.0.0/4.1")
        .hasSizeLessThanOrEqualTo(10);
    assertThat(rule.at("/shortDescription/text").asText())
        .isEqualTo("A multi-region trail logs read and write management events");
    assertThat(rule.at("/help/markdown").asText()).contains("```sh\naws cloudtrail update-trail");
    assertThat(rule.at("/help/text").asText()).contains("Passes when: a logging multi-region");

    JsonNode taxonomies = sarif.at("/runs/0/taxonomies");
    boolean found = false;
    for (JsonNode rel : rule.get("relationships")) {
      assertThat(rel.get("kinds").toString()).isEqualTo("[\"relevant\"]");
      JsonNode target = rel.get("target");
      JsonNode taxonomy = taxonomies.get(target.at("/toolComponent/index").asInt());
      assertThat(taxonomy.get("name").asText())
          .isEqualTo(target.at("/toolComponent/name").asText());
      assertThat(taxonomy.at("/taxa/" + target.get("index").asInt() + "/id").asText())
          .isEqualTo(target.get("id").asText());
      if (taxonomy.path("version").asText().equals("5.0.0")) {
        assertThat(taxonomy.get("name").asText()).isEqualTo("CIS AWS Foundations Benchmark");
        assertThat(target.get("id").asText()).isEqualTo("3.1");
        found = true;
      }
    }
    assertThat(found).isTrue();
    assertThat(taxonomies.get(0).get("name").asText()).isEqualTo("AWS Security Hub");
    assertThat(sarif.at("/runs/0/tool/driver/supportedTaxonomies")).hasSize(taxonomies.size());
  }

  @Test
  void fingerprintsAreStableAndDifferPerResource() throws Exception {
    Finding a = finding("log-bucket/versioning", Status.FAIL, Severity.CRITICAL, "arn:aws:s3:::a");
    Finding b = finding("log-bucket/versioning", Status.FAIL, Severity.CRITICAL, "arn:aws:s3:::b");
    JsonNode first = render(a, b).at("/runs/0/results");
    JsonNode second = render(b, a).at("/runs/0/results");
    String fa = first.get(0).at("/partialFingerprints/primaryLocationLineHash").asText();
    String fb = first.get(1).at("/partialFingerprints/primaryLocationLineHash").asText();
    assertThat(fa).matches("[0-9a-f]{32}").isNotEqualTo(fb);
    assertThat(second.get(0).at("/partialFingerprints/primaryLocationLineHash").asText())
        .isEqualTo(fa);
    assertThat(second.get(1).at("/partialFingerprints/primaryLocationLineHash").asText())
        .isEqualTo(fb);
  }

  @Test
  void pseudoPathsAreRelativeAndSanitized() {
    Finding logGroup =
        finding(
            "log-bucket/dedicated",
            Status.FAIL,
            Severity.LOW,
            "arn:aws:logs:us-east-1:111111111111:log-group:/aws/cloud trail?:*");
    assertThat(SarifRenderer.path(logGroup))
        .isEqualTo("aws/111111111111/us-east-1/logs/log-group/aws/cloud_trail_/_");
    Finding notAnArn = finding("log-bucket/dedicated", Status.FAIL, Severity.LOW, "../x y");
    assertThat(SarifRenderer.path(notAnArn)).isEqualTo("aws/111111111111/us-east-1/unknown/_/x_y");
  }

  @Test
  void automationIdNamesTheScope() throws Exception {
    JsonNode sarif = render();
    assertThat(sarif.at("/runs/0/automationDetails/id").asText())
        .isEqualTo("trailaudit/111111111111+222222222222/");
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
    assertThat(sarif.at("/runs/0/tool/driver/name").asText()).isEqualTo("trailaudit");
    assertThat(sarif.at("/runs/0/results").isArray()).isTrue();
  }
}
