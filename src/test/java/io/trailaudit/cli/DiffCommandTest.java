package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trailaudit diff BASE CURRENT}. */
class DiffCommandTest {
  @TempDir Path dir;

  /** A finding as the JSON report writes it, with a field a later version might add. */
  static String finding(String rule, String status, String severity, String bucket) {
    String check = rule.substring(0, rule.indexOf('/'));
    return """
        {"ruleId": "%s", "checkId": "%s", "requirement": "x", "status": "%s",
         "severity": "%s", "account": "111111111111", "region": "us-east-1",
         "resourceArn": "arn:aws:s3:::%s", "message": "m", "addedLater": {"a": 1}}
        """
        .formatted(rule, check, status, severity, bucket);
  }

  Path report(String name, String... findings) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(
        p,
        """
        {"tool": "trailaudit", "version": "0.1.0", "futureField": true,
         "findings": [%s], "notices": []}
        """
            .formatted(String.join(",", findings)));
    return p;
  }

  static List<String> rules(JsonNode changes) {
    List<String> out = new ArrayList<>();
    changes.forEach(c -> out.add(c.get("ruleId").asText() + " " + c.get("resourceArn").asText()));
    return out;
  }

  @Test
  void newFixedAndUnchangedFailures() throws Exception {
    Path base =
        report(
            "base.json",
            finding("log-bucket/versioning", "FAIL", "HIGH", "a"),
            finding("log-bucket/mfa-delete", "FAIL", "MEDIUM", "a"),
            finding("log-bucket/tls-only", "FAIL", "HIGH", "gone"),
            finding("log-bucket/tls-only", "PASS", "HIGH", "a"));
    Path current =
        report(
            "current.json",
            finding("log-bucket/versioning", "FAIL", "HIGH", "a"),
            finding("log-bucket/mfa-delete", "MUTED", "MEDIUM", "a"),
            finding("log-bucket/tls-only", "FAIL", "HIGH", "a"),
            finding("log-bucket/versioning", "FAIL", "HIGH", "b"));
    CliTest.Result r = CliTest.run("diff", base.toString(), current.toString(), "--format", "json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(1);
    JsonNode diff = CliTest.json(r);
    assertThat(rules(diff.get("newFailures")))
        .containsExactly(
            "log-bucket/tls-only arn:aws:s3:::a", "log-bucket/versioning arn:aws:s3:::b");
    assertThat(rules(diff.get("fixed")))
        .containsExactly(
            "log-bucket/mfa-delete arn:aws:s3:::a", "log-bucket/tls-only arn:aws:s3:::gone");
    assertThat(rules(diff.get("unchanged")))
        .containsExactly("log-bucket/versioning arn:aws:s3:::a");
    JsonNode tls = diff.get("newFailures").get(0);
    assertThat(tls.get("before").asText()).isEqualTo("PASS");
    assertThat(tls.get("now").asText()).isEqualTo("FAIL");
    assertThat(diff.get("fixed").get(1).get("now").isNull()).isTrue();

    CliTest.Result text = CliTest.run("diff", base.toString(), current.toString());
    assertThat(text.out())
        .contains("New failures (2)")
        .contains("Fixed (2)")
        .contains("Unchanged failures (1)")
        .contains("high  log-bucket/versioning  111111111111  us-east-1  arn:aws:s3:::b")
        .contains("(FAIL -> MUTED)")
        .contains("(FAIL -> absent)")
        .contains("Diff: 2 new, 2 fixed, 1 unchanged failure(s)");
  }

  @Test
  void exitCodeDependsOnlyOnNewFailuresAtOrAboveTheThreshold() throws Exception {
    Path base = report("base.json", finding("log-bucket/versioning", "FAIL", "CRITICAL", "a"));
    Path current =
        report(
            "current.json",
            finding("log-bucket/versioning", "FAIL", "CRITICAL", "a"),
            finding("log-bucket/mfa-delete", "FAIL", "MEDIUM", "a"));
    assertThat(CliTest.run("diff", base.toString(), current.toString()).code()).isEqualTo(0);
    assertThat(
            CliTest.run("diff", base.toString(), current.toString(), "--fail-on", "medium").code())
        .isEqualTo(1);
    assertThat(CliTest.run("diff", current.toString(), base.toString(), "--fail-on", "low").code())
        .isEqualTo(0);
    assertThat(CliTest.run("diff", base.toString(), current.toString(), "--fail-on", "x").code())
        .isEqualTo(2);
  }

  @Test
  void theDemoReportAgainstItselfHasNoNewFailure() {
    String demo = "examples/reports/demo-org.json";
    CliTest.Result r = CliTest.run("diff", demo, demo, "--fail-on", "low");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("New failures (0)").contains("Fixed (0)");
  }

  @Test
  void malformedInputsAreExit2NamingTheFileAndPlace() throws Exception {
    Path good = report("good.json", finding("log-bucket/versioning", "FAIL", "HIGH", "a"));
    Path notJson = dir.resolve("broken.json");
    Files.writeString(notJson, "{\"tool\": \"trailaudit\",\n \"findings\": [}");
    Path otherTool = dir.resolve("other.json");
    Files.writeString(otherTool, "{\"tool\": \"prowler\", \"findings\": []}");
    Path badStatus = report("status.json", finding("log-bucket/versioning", "FAILED", "HIGH", "a"));
    Path missingField = dir.resolve("missing.json");
    Files.writeString(
        missingField, "{\"tool\": \"trailaudit\", \"findings\": [{\"ruleId\": \"a/b\"}]}");

    CliTest.Result r = CliTest.run("diff", notJson.toString(), good.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("trailaudit: " + notJson + ": line 2");
    assertThat(r.err().lines().toList()).hasSize(1);

    r = CliTest.run("diff", good.toString(), otherTool.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(otherTool + ": not a trailaudit JSON report").contains("$.tool");

    r = CliTest.run("diff", good.toString(), badStatus.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(badStatus + ": at $.findings[0].status: unknown status \"FAILED\"");

    r = CliTest.run("diff", good.toString(), missingField.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(missingField + ": at $.findings[0].account: missing");

    r = CliTest.run("diff", good.toString(), dir.resolve("nope.json").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.json: no such file");

    assertThat(CliTest.run("diff", good.toString()).code()).isEqualTo(2);
  }
}
