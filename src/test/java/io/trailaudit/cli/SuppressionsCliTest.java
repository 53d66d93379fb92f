package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions from a configuration file, on the demo snapshot, through the CLI. */
class SuppressionsCliTest {
  /** The rule ids of the demo's critical and high FAIL findings. */
  static Set<String> criticalAndHighFailures() throws Exception {
    JsonNode report =
        CliTest.json(CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "json"));
    Set<String> rules = new TreeSet<>();
    for (JsonNode f : report.get("findings")) {
      String severity = f.get("severity").asText();
      if (f.get("status").asText().equals("FAIL")
          && (severity.equals("CRITICAL") || severity.equals("HIGH"))) {
        rules.add(f.get("ruleId").asText());
      }
    }
    return rules;
  }

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
    Set<String> rules = criticalAndHighFailures();
    assertThat(rules).isNotEmpty();
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
      if (rules.contains(f.get("ruleId").asText()) && !f.get("status").asText().equals("PASS")) {
        assertThat(f.get("status").asText()).isIn("MUTED", "ERROR", "NOT_APPLICABLE");
      }
      if (f.get("status").asText().equals("MUTED")) {
        muted++;
        assertThat(f.get("suppression").asText()).isEqualTo("accepted for the demo (TICKET-1)");
      }
    }
    assertThat(muted).isPositive();
    assertThat(report.at("/summary").toString()).contains("MUTED");
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
    Path cfg = config(dir, criticalAndHighFailures(), "");
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
