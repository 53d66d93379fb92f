package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000-account organization (the demo's workload account copied 998 times) as SARIF: within
 * GitHub code scanning's documented limits, valid against the SARIF 2.1.0 schema, and still naming
 * every failing resource.
 */
class SarifLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROD = "333333333333";

  // https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
  static final int RUNS_PER_FILE = 20;
  static final int RESULTS_STORED_PER_RUN = 5_000;
  static final int RULES_PER_RUN = 25_000;
  static final int EXTENSIONS_PER_RUN = 100;
  static final int LOCATIONS_SHOWN_PER_RESULT = 100;
  static final int TAGS_SHOWN_PER_RULE = 10;
  static final long GZIP_BYTES = 10L * 1024 * 1024;

  /** The demo with {@code copies} more accounts like the workload account, each its own bucket. */
  static Path organization(Path dir, int copies) throws Exception {
    ObjectNode snap = (ObjectNode) JSON.readTree(Path.of(CliTest.DEMO).toFile());
    ArrayNode accounts = (ArrayNode) snap.get("accounts");
    ArrayNode buckets = (ArrayNode) snap.get("buckets");
    ArrayNode orgAccounts = (ArrayNode) snap.at("/organization/accounts");
    String account = find(accounts, "accountId", PROD).toString();
    String bucket = find(buckets, "name", "workload-app-trail-logs-" + PROD).toString();
    String member = find(orgAccounts, "id", PROD).toString();
    ArrayNode fullAccess = null;
    for (JsonNode p : snap.at("/organization/policies")) {
      if (p.get("name").asText().equals("FullAWSAccess")) {
        fullAccess = (ArrayNode) p.get("targetIds");
      }
    }
    for (int i = 0; i < copies; i++) {
      String id = String.format("%012d", 500_000_000_000L + i);
      accounts.add(JSON.readTree(account.replace(PROD, id)));
      buckets.add(JSON.readTree(bucket.replace(PROD, id)));
      orgAccounts.add(JSON.readTree(member.replace(PROD, id).replace("workload-prod", "w-" + i)));
      fullAccess.add(id);
    }
    Path file = dir.resolve("org-1000.json");
    JSON.writeValue(file.toFile(), snap);
    return file;
  }

  private static JsonNode find(ArrayNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " " + value);
  }

  @Test
  void aThousandAccountsStayWithinGitHubsLimitsAndLoseNoResource(@TempDir Path dir)
      throws Exception {
    Path snap = organization(dir, 997);
    Path out = dir.resolve("reports");
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            snap.toString(),
            "--output-dir",
            out.toString(),
            "--formats",
            "sarif,json",
            "--fail-on",
            "none");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode report = JSON.readTree(out.resolve("trailaudit.json").toFile());
    assertThat(report.at("/scope/accounts").size()).isEqualTo(1000);
    byte[] bytes = Files.readAllBytes(out.resolve("trailaudit.sarif"));
    JsonNode sarif = JSON.readTree(bytes);

    assertThat(SarifReportTest.schema().validate(sarif)).isEmpty();
    assertThat(gzip(bytes)).isLessThanOrEqualTo(GZIP_BYTES);
    assertThat(sarif.get("runs").size()).isBetween(1, RUNS_PER_FILE);
    JsonNode run = sarif.at("/runs/0");
    assertThat(run.at("/tool/driver/rules").size()).isLessThanOrEqualTo(RULES_PER_RUN);
    assertThat(run.at("/tool/extensions").size()).isLessThanOrEqualTo(EXTENSIONS_PER_RUN);
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      assertThat(rule.at("/properties/tags").size()).isLessThanOrEqualTo(TAGS_SHOWN_PER_RULE);
    }
    JsonNode results = run.get("results");
    assertThat(results.size()).isBetween(1, RESULTS_STORED_PER_RUN);

    // Every FAIL and MUTED finding is a location of a result of its rule, exactly once.
    List<String> expected = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      String status = f.get("status").asText();
      if (status.equals("FAIL") || status.equals("MUTED")) {
        expected.add(f.get("ruleId").asText() + " " + f.get("resourceArn").asText());
      }
    }
    assertThat(expected.size()).isGreaterThan(RESULTS_STORED_PER_RUN * 5);
    List<String> located = new ArrayList<>();
    Map<String, Integer> securitySeverity = new HashMap<>();
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      securitySeverity.put(
          rule.get("id").asText(),
          (int) (10 * rule.at("/properties/security-severity").asDouble()));
    }
    int previous = Integer.MAX_VALUE;
    for (JsonNode result : results) {
      JsonNode locations = result.get("locations");
      assertThat(locations.size()).isBetween(1, LOCATIONS_SHOWN_PER_RESULT);
      for (JsonNode l : locations) {
        located.add(
            result.get("ruleId").asText()
                + " "
                + l.at("/logicalLocations/0/fullyQualifiedName").asText());
      }
      assertThat(result.at("/message/text").asText()).contains("--format json");
      if (!result.has("suppressions")) {
        int severity = securitySeverity.get(result.get("ruleId").asText());
        assertThat(severity).as("FAIL results worst first").isLessThanOrEqualTo(previous);
        previous = severity;
      }
    }
    // Sorted and compared as lists: AssertJ's any-order comparison is quadratic.
    assertThat(located.stream().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
    assertThat(run.at("/invocations/0/toolConfigurationNotifications").toString())
        .contains("sarif-results-aggregated")
        .contains(expected.size() + " FAIL and MUTED findings are more than the 5000 results");
    List<String> fingerprints = new ArrayList<>();
    results.forEach(
        x -> fingerprints.add(x.at("/partialFingerprints/primaryLocationLineHash").asText()));
    assertThat(fingerprints).doesNotHaveDuplicates();
  }

  private static long gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(bytes);
    }
    return buffer.size();
  }
}
