package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An audit that covered nothing, or less than its organization, never exits 0 as a pass. */
class AuditScopeCliTest {
  @TempDir Path dir;

  /** The demo snapshot with its accounts replaced by {@code accounts}. */
  private Path demoWithAccounts(String accountsJson) throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode demo = (ObjectNode) m.readTree(Path.of(CliTest.DEMO).toFile());
    JsonNode all = demo.get("accounts");
    JsonNode keep = m.readTree(accountsJson);
    if (keep.isInt()) {
      var arr = m.createArrayNode();
      arr.add(all.get(keep.asInt()));
      demo.set("accounts", arr);
    } else {
      demo.set("accounts", keep);
    }
    Path p = dir.resolve("snap.json");
    Files.writeString(p, m.writeValueAsString(demo));
    return p;
  }

  @Test
  void anEmptySnapshotFailsFailOnErrorInsteadOfPassing() throws Exception {
    Path snap = demoWithAccounts("[]");

    CliTest.Result r =
        CliTest.run("audit", "--snapshot", snap.toString(), "--fail-on", "low", "--fail-on-error");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out())
        .contains("0. audit — The audit itself covers the estate")
        .contains("the snapshot holds no account, so nothing was audited (organization");
    assertThat(r.out()).doesNotContain("0 findings");
  }

  @Test
  void aSnapshotMissingOrganizationAccountsReportsEachAsError() throws Exception {
    Path snap = demoWithAccounts("0");

    CliTest.Result r =
        CliTest.run(
            "audit", "--snapshot", snap.toString(), "--format", "json", "--fail-on", "none");
    JsonNode report = new ObjectMapper().readTree(r.out());

    assertThat(r.code()).isEqualTo(0);
    assertThat(report.get("findings"))
        .filteredOn(f -> f.get("ruleId").asText().equals("audit/scope"))
        .extracting(f -> f.get("account").asText() + " " + f.get("status").asText())
        .containsExactly("222222222222 ERROR", "333333333333 ERROR");
    assertThat(
            CliTest.run(
                    "audit", "--snapshot", snap.toString(), "--fail-on", "none", "--fail-on-error")
                .code())
        .isEqualTo(3);
  }

  @Test
  void accountsTheSnapshotSaysWereExcludedAreNotErrors() throws Exception {
    Path snap = demoWithAccounts("0");
    ObjectMapper m = new ObjectMapper();
    ObjectNode doc = (ObjectNode) m.readTree(snap.toFile());
    ((ObjectNode) doc.get("collection"))
        .set(
            "excludedAccounts",
            m.readTree(
                "[{\"accountId\": \"222222222222\", \"reason\": \"EXCLUDED\"},"
                    + " {\"accountId\": \"333333333333\", \"reason\": \"NOT_SELECTED\"}]"));
    Files.writeString(snap, m.writeValueAsString(doc));

    CliTest.Result r =
        CliTest.run(
            "audit", "--snapshot", snap.toString(), "--format", "json", "--fail-on", "none");

    assertThat(r.err()).isEmpty();
    assertThat(new ObjectMapper().readTree(r.out()).get("findings"))
        .noneMatch(f -> f.get("ruleId").asText().equals("audit/scope"));
  }

  @Test
  void explainDescribesTheRule() {
    CliTest.Result r = CliTest.run("explain", "audit/scope");

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .contains("audit/scope — Every account of the organization is audited or its absence")
        .contains("none mapped")
        .contains("--exclude-accounts");
  }
}
