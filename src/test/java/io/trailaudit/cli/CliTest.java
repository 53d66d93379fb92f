package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.AuditScope;
import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.testing.Catalogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in-process on the demo snapshot and on broken inputs. */
class CliTest {
  static final String DEMO = "examples/snapshots/demo-org.json";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

  record Result(int code, String out, String err) {}

  static Result run(Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), CLOCK, env, terminal);
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(Map.of(), false, args);
  }

  static JsonNode json(Result r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  static JsonNode finding(JsonNode report, String ruleId, String resourceArn) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("ruleId").asText().equals(ruleId)
          && f.get("resourceArn").asText().equals(resourceArn)) {
        return f;
      }
    }
    throw new AssertionError("no finding " + ruleId + " on " + resourceArn);
  }

  @Test
  void demoAuditPrintsFailuresAndErrorsAndExits1() {
    Result r = run("audit", "--snapshot", DEMO);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("1. organization-trail")
        .contains("4. log-bucket")
        .contains("  FAIL ")
        .contains("  ERROR")
        .contains("Summary: ")
        .doesNotContain("\u001b[");
  }

  @Test
  void demoReportHasAFindingForEveryRuleOfTheFirstFourChecks() throws Exception {
    JsonNode report = json(run("audit", "--snapshot", DEMO, "--format", "json"));
    Set<String> seen = new HashSet<>();
    report.get("findings").forEach(f -> seen.add(f.get("ruleId").asText()));
    List<String> expected = new ArrayList<>();
    for (CheckInfo c : Catalogs.builtIn().checks()) {
      // audit/scope reports only a problem: the demo audits every account of its organization.
      if (c.id().equals(AuditScope.CHECK_ID)) {
        continue;
      }
      for (RequirementInfo req : c.requirements()) {
        expected.add(c.id() + "/" + req.id());
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    Set<String> statuses = new HashSet<>();
    report.get("findings").forEach(f -> statuses.add(f.get("status").asText()));
    assertThat(statuses).contains("PASS", "FAIL", "ERROR", "NOT_APPLICABLE");
  }

  @Test
  void demoJsonReportHasTheDocumentedShape() throws Exception {
    JsonNode report = json(run("audit", "--snapshot", DEMO, "--format", "json"));
    List<String> top = new ArrayList<>();
    report.fieldNames().forEachRemaining(top::add);
    assertThat(top)
        .containsExactly(
            "tool", "version", "generatedAt", "scope", "summary", "findings", "notices");
    assertThat(report.get("generatedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(report.at("/scope/organizationId").asText()).isEqualTo("o-a1b2c3d4e5");
    assertThat(report.at("/scope/accounts")).hasSize(3);
    JsonNode first = report.get("findings").get(0);
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "ruleId",
            "checkId",
            "requirement",
            "status",
            "severity",
            "account",
            "region",
            "resourceArn",
            "message",
            "remediation",
            "controls",
            "suppression");
    int total = report.at("/summary/total").asInt();
    assertThat(total).isEqualTo(report.get("findings").size());
  }

  @Test
  void demoFindingsThatTheIssueNames() throws Exception {
    JsonNode report = json(run("audit", "--snapshot", DEMO, "--format", "json"));
    JsonNode mfa =
        finding(
            report, "log-bucket/mfa-delete", "arn:aws:s3:::workload-app-trail-logs-333333333333");
    assertThat(mfa.get("status").asText()).isEqualTo("FAIL");
    assertThat(mfa.get("remediation").asText())
        .contains("--bucket workload-app-trail-logs-333333333333")
        .contains("arn:aws:iam::333333333333:mfa/");
    JsonNode rotation =
        finding(
            report,
            "kms-encryption/key-rotation",
            "arn:aws:kms:us-east-1:222222222222:key/6f1c2a4e-8d3b-4c7e-9a51-2b0e7d9c4f13");
    assertThat(rotation.get("status").asText()).isEqualTo("ERROR");
    assertThat(rotation.get("message").asText())
        .contains("kms:GetKeyRotationStatus failed: AccessDeniedException");
    JsonNode sse =
        finding(
            report,
            "kms-encryption/sse-kms",
            "arn:aws:cloudtrail:eu-west-1:333333333333:trail/workload-app-trail");
    assertThat(sse.get("status").asText()).isEqualTo("FAIL");
    assertThat(sse.get("remediation").asText()).contains("--region eu-west-1");
    JsonNode memberOrgTrail =
        finding(report, "organization-trail/organization-trail", "arn:aws:iam::222222222222:root");
    assertThat(memberOrgTrail.get("status").asText()).isEqualTo("PASS");
    JsonNode controls =
        finding(
                report,
                "organization-trail/multi-region-management-events",
                "arn:aws:iam::111111111111:root")
            .get("controls");
    assertThat(controls.get(0).get("id").asText()).isEqualTo("CloudTrail.1");
    assertThat(controls.toString())
        .contains("{\"framework\":\"cis-aws-foundations\",\"version\":\"5.0.0\",\"id\":\"3.1\"}");
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() {
    assertThat(run(Map.of(), true, "audit", "--snapshot", DEMO).out()).contains("\u001b[");
    assertThat(run(Map.of("NO_COLOR", "1"), true, "audit", "--snapshot", DEMO).out())
        .doesNotContain("\u001b[");
    assertThat(run(Map.of(), true, "audit", "--snapshot", DEMO, "--no-color").out())
        .doesNotContain("\u001b[");
    assertThat(run(Map.of(), false, "audit", "--snapshot", DEMO).out()).doesNotContain("\u001b[");
  }

  @Test
  void failOnThresholds() {
    assertThat(run("audit", "--snapshot", DEMO, "--fail-on", "none").code()).isEqualTo(0);
    assertThat(run("audit", "--snapshot", DEMO, "--fail-on", "CRITICAL").code()).isEqualTo(1);
    assertThat(run("audit", "--snapshot", DEMO, "--fail-on", "none", "--fail-on-error").code())
        .isEqualTo(3);
    assertThat(run("audit", "--snapshot", DEMO, "--fail-on", "urgent").code()).isEqualTo(2);
  }

  @Test
  void checksOptionRunsOnlyThoseChecks() throws Exception {
    JsonNode report =
        json(
            run(
                "audit",
                "--snapshot",
                DEMO,
                "--format",
                "json",
                "--checks",
                "log-file-validation"));
    report
        .get("findings")
        .forEach(f -> assertThat(f.get("checkId").asText()).isEqualTo("log-file-validation"));
    assertThat(report.at("/scope/checks").toString()).isEqualTo("[\"log-file-validation\"]");
  }

  @Test
  void unknownCheckIsAUsageError() {
    Result r = run("audit", "--snapshot", DEMO, "--checks", "log-bukket");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown check \"log-bukket\"");
  }

  @Test
  void outputFileGetsTheReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report.json");
    Result r = run("audit", "--snapshot", DEMO, "--format", "json", "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(out.toFile()).get("tool").asText())
        .isEqualTo("trailaudit");
  }

  @Test
  void markdownAndHtmlGoToTheOutputFile(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("report.md");
    Path html = dir.resolve("report.html");
    Result a = run("audit", "--snapshot", DEMO, "--format", "markdown", "-o", md.toString());
    Result b = run("audit", "--snapshot", DEMO, "--format", "HTML", "-o", html.toString());
    assertThat(a.code()).isEqualTo(1);
    assertThat(b.code()).isEqualTo(1);
    assertThat(a.out() + b.out()).isEmpty();
    assertThat(Files.readString(md)).startsWith("## trailaudit ");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
  }

  @Test
  void malformedSnapshotIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"schemaVersion\": 1,\n \"collectedAt\": \"yesterday\"}");
    Result r = run("audit", "--snapshot", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err())
        .startsWith("trailaudit: " + bad + ": line 2")
        .contains("at $.collectedAt")
        .doesNotContain("\tat ");
  }

  @Test
  void debugShowsTheStackTrace(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "not json");
    Result r = run("audit", "--snapshot", bad.toString(), "--debug");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void badConfigIsExit2NamingTheKey(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(cfg, "deliveryMaxAgeHours: 6\nskipcheck: [log-bucket]\n");
    Result r = run("audit", "--snapshot", DEMO, "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("trailaudit.yml: line 2").contains("unknown field \"skipcheck\"");
  }

  @Test
  void configSkipsChecks(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(cfg, "skipChecks: [log-bucket, kms-encryption]\n");
    JsonNode report =
        json(run("audit", "--snapshot", DEMO, "--format", "json", "--config", cfg.toString()));
    report
        .get("findings")
        .forEach(
            f -> assertThat(f.get("checkId").asText()).isNotIn("log-bucket", "kms-encryption"));
  }

  @Test
  void unknownOptionAndCommandAreUsageErrors() {
    assertThat(run("audit", "--snapshott", DEMO).code()).isEqualTo(2);
    assertThat(run("audti").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);
  }

  @Test
  void checksCommandListsEveryRuleWithControls() {
    Result r = run("checks");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("1. organization-trail  [critical]")
        .contains("organization-trail/multi-region-management-events")
        .contains(
            "CloudTrail.1, CIS 1.2.0 2.1, CIS 1.4.0 3.1, CIS 3.0.0 3.1, CIS 5.0.0 3.1, CIS 6.0.0 4.1")
        .contains("log-bucket/dedicated");
  }

  @Test
  void explainPrintsARule() {
    Result r = run("explain", "log-bucket/mfa-delete");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Passes when: MFADelete=Enabled")
        .contains("AWS Security Hub S3.20")
        .contains("CIS AWS Foundations Benchmark v5.0.0 2.1.2")
        .contains("put-bucket-versioning");
    assertThat(run("explain", "log-bucket").out()).contains("log-bucket/tls-only");
    assertThat(run("explain", "log-bucket/nope").code()).isEqualTo(2);
    assertThat(run("explain", "nope").code()).isEqualTo(2);
  }

  @Test
  void explainAMonitoringTopicPrintsItsPatternAndSampleEvents() {
    Result r = run("explain", "cloudwatch-alerting/metric-filter/root-usage");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Topic:       Usage of the root user")
        .contains("$.userIdentity.type = \"Root\"")
        .contains("Events it must match (")
        .contains("Benign events it must not match (")
        .contains("\"eventName\":\"ConsoleLogin\"")
        .contains("AWS Security Hub CloudWatch.1")
        .contains("CIS AWS Foundations Benchmark v5.0.0 4.3")
        .contains("CIS AWS Foundations Benchmark v6.0.0 5.3")
        .contains("aws logs put-metric-filter");
  }

  @Test
  void demoShowsChecksFiveToEightPassingAndFailing() throws Exception {
    JsonNode report = json(run("audit", "--snapshot", DEMO, "--format", "json"));
    for (String check :
        List.of("cloudwatch-alerting", "data-events", "network-activity-events", "insights")) {
      Set<String> statuses = new HashSet<>();
      report
          .get("findings")
          .forEach(
              f -> {
                if (f.get("checkId").asText().equals(check)) {
                  statuses.add(f.get("status").asText());
                }
              });
      assertThat(statuses).as(check).contains("FAIL");
    }
    JsonNode sg =
        finding(
            report,
            "cloudwatch-alerting/metric-filter/security-group-changes",
            "arn:aws:logs:us-east-1:111111111111:log-group:aws-cloudtrail-logs-org");
    assertThat(sg.get("message").asText()).contains("does not match ModifySecurityGroupRules");
    JsonNode root =
        finding(
            report,
            "cloudwatch-alerting/metric-filter/root-usage",
            "arn:aws:logs:us-east-1:111111111111:log-group:aws-cloudtrail-logs-org");
    assertThat(root.get("status").asText()).isEqualTo("PASS");
  }

  @Test
  void demoShowsChecksNineToTwelveWithTheIssuesTheDemoNames() throws Exception {
    JsonNode report =
        json(
            run(
                "audit",
                "--snapshot",
                DEMO,
                "--format",
                "json",
                "--config",
                "examples/config/demo-org.yml"));
    String trail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";
    JsonNode tamper = finding(report, "scp-protection/trail-tamper-denied", trail);
    assertThat(tamper.get("status").asText()).isEqualTo("FAIL");
    assertThat(tamper.get("message").asText())
        .contains(
            "cloudtrail:PutEventSelectors in 333333333333 (Root / Workloads / workload-prod)");
    assertThat(tamper.get("remediation").asText())
        .contains("\"Resource\":\"" + trail + "\"")
        .contains("arn:aws:iam::222222222222:role/BreakGlassLogAdmin");
    JsonNode bucket =
        finding(
            report,
            "scp-protection/bucket-tamper-denied",
            "arn:aws:s3:::acme-org-cloudtrail-222222222222");
    assertThat(bucket.get("message").asText()).contains("arn:aws:iam::*:role/*Admin*");
    // The root denies disabling and deleting the key; re-permissioning it is exempted by a role
    // id the snapshot cannot match to a break-glass ARN.
    JsonNode key =
        finding(
            report,
            "scp-protection/key-tamper-denied",
            "arn:aws:kms:us-east-1:222222222222:key/6f1c2a4e-8d3b-4c7e-9a51-2b0e7d9c4f13");
    assertThat(key.get("status").asText()).isEqualTo("FAIL");
    assertThat(key.get("message").asText())
        .startsWith(
            "not denied to every principal outside the break-glass list: kms:PutKeyPolicy,"
                + " kms:CreateGrant in 222222222222")
        .contains("aws:userid AROAEXAMPLEBREAKGLASS1:* cannot match to a break-glass ARN");
    assertThat(
            finding(
                    report,
                    "cloudtrail-lake/retention",
                    "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/"
                        + "a1b2c3d4-0f1e-4d2c-9b8a-7e6f5d4c3b2a")
                .get("status")
                .asText())
        .isEqualTo("FAIL");
    assertThat(
            finding(
                    report,
                    "security-analytics/security-hub",
                    "arn:aws:securityhub:eu-central-1:333333333333:hub/default")
                .get("status")
                .asText())
        .isEqualTo("FAIL");
    for (String check :
        List.of("scp-protection", "cloudtrail-lake", "security-analytics", "config-rules")) {
      Set<String> statuses = new HashSet<>();
      report
          .get("findings")
          .forEach(
              f -> {
                if (f.get("checkId").asText().equals(check)) {
                  statuses.add(f.get("status").asText());
                }
              });
      assertThat(statuses).as(check).contains("FAIL", "PASS");
    }
  }

  @Test
  void helpListsEveryExitCode() {
    Result r = run("audit", "--help");
    assertThat(r.code()).isZero();
    for (ExitCode c : ExitCode.values()) {
      assertThat(r.out()).contains("  " + c.code() + "  " + c.meaning());
    }
  }

  @Test
  void readmeExitCodeTableMatchesTheEnum() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ExitCode c : ExitCode.values()) {
      String row =
          readme
              .lines()
              .filter(l -> l.startsWith("| " + c.code() + " | "))
              .findFirst()
              .orElseThrow(() -> new AssertionError("README has no row for exit code " + c.code()));
      assertThat(row.replace("`", "")).startsWith("| " + c.code() + " | " + c.meaning());
    }
  }

  @Test
  void versionIsPrinted() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("trailaudit ").doesNotContain("unknown");
  }

  @Test
  void auditDoesNotDependOnTheWallClock() throws Exception {
    Map<String, String> env = new HashMap<>();
    String a = run(env, false, "audit", "--snapshot", DEMO, "--format", "json").out();
    String b = run(env, false, "audit", "--snapshot", DEMO, "--format", "json").out();
    assertThat(a).isEqualTo(b);
  }
}
