package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions from a configuration file, on the demo snapshot, through the CLI. */
class SuppressionsCliTest {
  /**
   * The rules of the demo's 13 critical and 19 high FAIL findings, from what the demo snapshot
   * holds: the organization trail logs no read management events and member accounts 222222222222
   * and 333333333333 have no full trail of their own, so they miss multi-region management and
   * global service events and CloudWatch delivery of them; bucket
   * workload-app-trail-logs-333333333333 is public, has Block Public Access off, no TLS-only deny
   * and a 90-day expiry; neither log bucket denies deletion; no SCP denies tampering with the
   * trail, its bucket or key; trail legacy-audit is stopped; the trail key's policy and grants
   * reach outside its account; legacy-audit and workload-app-trail lack log file validation and a
   * digest of org-trail is missing; org-trail logs no Lambda or DynamoDB data events (3 accounts
   * each); in 333333333333 the Config recorder excludes trails in eu-central-1 and fails in
   * eu-west-1, and eu-central-1 lacks the CloudTrail managed rules; event history shows org-trail
   * stopped for 35 min by DevOpsAdmin and the organization bucket's policy changed by principals
   * outside the break-glass list (none is configured here).
   */
  static final Set<String> CRITICAL_AND_HIGH_FAILURES =
      Set.of(
          "organization-trail/multi-region-management-events",
          "organization-trail/global-service-events",
          "organization-trail/delivery-healthy",
          "cloudwatch-alerting/log-group",
          "log-bucket/not-public",
          "log-bucket/block-public-access",
          "log-bucket/tls-only",
          "log-bucket/deny-delete",
          "log-bucket/lifecycle-retention",
          "scp-protection/trail-tamper-denied",
          "scp-protection/bucket-tamper-denied",
          "scp-protection/key-tamper-denied",
          "kms-encryption/key-policy",
          "kms-encryption/grants",
          "log-file-validation/enabled",
          "log-file-validation/digests-verified",
          "data-events/lambda",
          "data-events/dynamodb",
          "config-rules/recorder",
          "config-rules/cloudtrail-rules",
          "tamper-evidence/trail-changes",
          "tamper-evidence/bucket-changes");

  /**
   * The findings of those 22 rules: 32, as the two member-account rules, log-group, deny-delete,
   * enabled and recorder fail twice and the data-event rules three times.
   */
  static final int CRITICAL_AND_HIGH_FAIL_COUNT = 32;

  static Path config(Path dir, Set<String> rules, String extra) throws Exception {
    StringBuilder yaml = new StringBuilder("suppressions:\n");
    for (String rule : rules) {
      yaml.append("  - rule: ").append(rule).append('\n');
      yaml.append("    reason: accepted for the demo (TICKET-1)\n");
      yaml.append("    expires: 2026-11-20\n");
    }
    yaml.append(extra);
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(cfg, yaml);
    return cfg;
  }

  @Test
  void mutingEveryCriticalAndHighFailPassesTheGate(@TempDir Path dir) throws Exception {
    Set<String> rules = CRITICAL_AND_HIGH_FAILURES;
    String extra =
        """
          - rule: no-such-check/*
            reason: left over
          - rule: insights/*
            reason: was accepted last year
            expires: 2025-12-31
        """;
    Path cfg = config(dir, rules, extra);
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--config",
            cfg.toString(),
            "--fail-on",
            "high",
            "--format",
            "json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    JsonNode report = CliTest.json(r);
    int muted = 0;
    for (JsonNode f : report.get("findings")) {
      String status = f.get("status").asText();
      if (status.equals("MUTED")) {
        muted++;
        assertThat(f.get("ruleId").asText()).isIn(rules);
        assertThat(f.get("suppression").asText()).isEqualTo("accepted for the demo (TICKET-1)");
      } else if (status.equals("FAIL")) {
        assertThat(f.get("severity").asText()).isIn("MEDIUM", "LOW");
      }
    }
    assertThat(muted).isEqualTo(CRITICAL_AND_HIGH_FAIL_COUNT);
    assertThat(report.at("/summary/byStatus/MUTED").asInt()).isEqualTo(32);
    assertThat(report.at("/summary/byStatus/FAIL").asInt()).isEqualTo(97 - 32);
    String notices = report.get("notices").toString();
    assertThat(notices)
        .contains("suppression-unused")
        .contains("(rule no-such-check/*) matched no FAIL finding")
        .contains("suppression-expired")
        .contains("(rule insights/*) expired on 2025-12-31");

    // Without the configuration the same audit fails the gate.
    assertThat(CliTest.run("audit", "--snapshot", CliTest.DEMO, "--fail-on", "high").code())
        .isEqualTo(1);
  }

  @Test
  void theDayAfterExpiryTheGateFailsAgain(@TempDir Path dir) throws Exception {
    Path cfg = config(dir, CRITICAL_AND_HIGH_FAILURES, "");
    Files.writeString(cfg, Files.readString(cfg).replace("2026-11-20", "2026-11-19"));
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("notice: suppressions[0]").contains("expired on 2026-11-19");
  }

  @Test
  void noticesAreSarifConfigurationNotificationsAndTheLogStaysValid(@TempDir Path dir)
      throws Exception {
    Path cfg = config(dir, Set.of("log-bucket/mfa-delete"), "  - {rule: x/*, reason: r}\n");
    CliTest.Result r =
        CliTest.run(
            "audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString(), "--format", "sarif");
    JsonNode sarif = CliTest.json(r);
    assertThat(SarifReportTest.schema().validate(sarif)).isEmpty();
    JsonNode notes = sarif.at("/runs/0/invocations/0/toolConfigurationNotifications");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).get("level").asText()).isEqualTo("warning");
    assertThat(notes.get(0).at("/descriptor/id").asText()).isEqualTo("suppression-unused");
    assertThat(notes.get(0).at("/message/text").asText()).contains("(rule x/*) matched no FAIL");
    assertThat(sarif.at("/runs/0/results").toString())
        .contains("\"justification\":\"accepted for the demo (TICKET-1)\"");
  }

  @Test
  void suppressionWithoutReasonIsExit2NamingThePlace(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(cfg, "suppressions:\n  - {rule: a/b, reason: r}\n  - {rule: log-bucket/*}\n");
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("at $.suppressions[1].reason: required");
  }

  @Test
  void aSuppressionOfACheckLeftOutByChecksIsNotCalledUnused(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(
        cfg,
        """
        suppressions:
          - rule: insights/*
            reason: no budget
          - rule: log-file-validation/digests-verified
            account: "999999999999"
            reason: not ours
        """);
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--config",
            cfg.toString(),
            "--checks",
            "log-file-validation",
            "--format",
            "json");
    JsonNode notices = CliTest.json(r).get("notices");
    assertThat(notices).hasSize(2);
    assertThat(notices.get(0).get("kind").asText()).isEqualTo("suppression-check-not-run");
    assertThat(notices.get(1).get("kind").asText()).isEqualTo("suppression-unused");
  }
}
