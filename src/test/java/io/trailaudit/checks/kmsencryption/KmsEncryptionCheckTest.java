package io.trailaudit.checks.kmsencryption;

import static io.trailaudit.testing.Fixtures.KEY_ARN;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java only for what the scenario data (src/test/resources/checks/kms-encryption/) cannot say: a
 * message checked by pattern (a JSON parser's column), and a key record built with reads missing.
 */
class KmsEncryptionCheckTest {
  private static final List<String> KEY_RULES =
      List.of(
          "kms-encryption/customer-managed-key",
          "kms-encryption/key-rotation",
          "kms-encryption/key-policy",
          "kms-encryption/grants");

  private static List<Finding> run(KmsKey key) {
    return new KmsEncryptionCheck()
        .evaluate(
            snapshot(List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(), List.of(key)),
            AuditConfig.defaults());
  }

  private static Finding keyFinding(List<Finding> fs, String ruleId) {
    List<Finding> found =
        fs.stream()
            .filter(f -> f.ruleId().equals(ruleId) && KEY_ARN.equals(f.resourceArn()))
            .toList();
    assertThat(found).as("%s in %s", ruleId, fs).hasSize(1);
    return found.get(0);
  }

  @Test
  void errorNotFailWhenThePolicyJsonIsMalformed() {
    String broken =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",,}\n  ]\n}";
    KmsKey key =
        new KmsKey(
            KEY_ARN,
            Observed.known(
                new KeyMetadata(
                    "1234abcd-12ab-34cd-56ef-1234567890ab",
                    KEY_ARN,
                    MEMBER,
                    "CUSTOMER",
                    "Enabled",
                    "SYMMETRIC_DEFAULT",
                    "ENCRYPT_DECRYPT",
                    "AWS_KMS",
                    false)),
            Observed.known(true),
            Observed.known(broken),
            Observed.known(List.of()));
    List<Finding> fs = run(key);
    Finding f = keyFinding(fs, "kms-encryption/key-policy");
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.message())
        .startsWith(
            "the policy of key "
                + KEY_ARN
                + " is not a valid policy document: invalid JSON at line 4, column ")
        .matches("(?s).*line 4, column \\d+: .+");
    // the other requirements of the key are still evaluated
    assertThat(keyFinding(fs, "kms-encryption/customer-managed-key").status())
        .isEqualTo(Status.PASS);
    assertThat(keyFinding(fs, "kms-encryption/key-rotation").status()).isEqualTo(Status.PASS);
  }

  @Test
  void aKeyLeftOutOfTheSnapshotFileIsErrorNotPass() {
    // KmsKey fills null reads with NotCollected
    List<Finding> fs = run(KmsKey.builder().arn(KEY_ARN).build());
    for (String rule : KEY_RULES) {
      Finding f = keyFinding(fs, rule);
      assertThat(f.status()).as(rule).isEqualTo(Status.ERROR);
      assertThat(f.message()).contains("NotCollected");
    }
  }
}
