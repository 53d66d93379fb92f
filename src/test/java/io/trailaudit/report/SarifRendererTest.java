package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.finding;
import static io.trailaudit.report.RenderFixture.in;
import static io.trailaudit.report.RenderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SARIF behaviour the contract's golden files do not reach: GitHub code scanning's limits
 * (aggregation and cuts), the severity mappings, taxonomies, fingerprints and pseudo-paths.
 */
class SarifRendererTest {
  static JsonNode render(Finding... findings) throws Exception {
    return json(new SarifRenderer(), findings);
  }

  static JsonNode render(ContractCase c) throws Exception {
    return json(new SarifRenderer(), c.report());
  }

  static JsonNode rule(JsonNode sarif, String id) {
    for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
      if (rule.get("id").asText().equals(id)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + id);
  }

  static List<com.networknt.schema.Error> schemaErrors(JsonNode sarif) {
    return io.trailaudit.testing.SarifSchema.validate(sarif);
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
    AuditReport report = RenderFixture.report(List.of("us-east-1"), findings, List.of());
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
    JsonNode sarif = render(ContractCase.MIXED);
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
    JsonNode sarif = render(ContractCase.MIXED);
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    int expected =
        Catalogs.builtIn().check("organization-trail").requirements().size()
            + Catalogs.builtIn().check("kms-encryption").requirements().size()
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
}
