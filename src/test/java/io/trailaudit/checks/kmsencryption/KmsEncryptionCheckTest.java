package io.trailaudit.checks.kmsencryption;

import static io.trailaudit.testing.Fixtures.KEY_ARN;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KmsEncryptionCheckTest {
  private static final String SSE = "kms-encryption/sse-kms";
  private static final String CMK = "kms-encryption/customer-managed-key";
  private static final String ROTATION = "kms-encryption/key-rotation";
  private static final String POLICY = "kms-encryption/key-policy";
  private static final String GRANTS = "kms-encryption/grants";
  private static final List<String> KEY_RULES = List.of(CMK, ROTATION, POLICY, GRANTS);

  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  /** A second key, in another region of the key account, to tell key region from trail region. */
  private static final String EU_KEY_ARN =
      "arn:aws:kms:eu-west-1:" + MEMBER + ":key/9876fedc-98fe-76dc-54ba-0987654321fe";

  private static final String EU_TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:" + MGMT + ":trail/eu";
  private static final String INCLUDE_HINT =
      "--log-archive-role arn:aws:iam::" + MEMBER + ":role/<read-only role>";

  // ---------------------------------------------------------------- key policies

  private static final String ENABLE_IAM =
      """
      {
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::%1$s:root"},
        "Action": "kms:*",
        "Resource": "*"
      }"""
          .formatted(MEMBER);

  /** The statement the CloudTrail console writes, scoped to the trail. */
  private static final String CLOUDTRAIL_ENCRYPT =
      """
      {
        "Sid": "Allow CloudTrail to encrypt logs",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:GenerateDataKey*",
        "Resource": "*",
        "Condition": {
          "StringEquals": {"aws:SourceArn": "%1$s"},
          "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:%2$s:trail/*"}
        }
      }"""
          .formatted(TRAIL_ARN, MGMT);

  private static final String CLOUDTRAIL_ENCRYPT_UNCONDITIONED =
      """
      {
        "Sid": "Allow CloudTrail to encrypt logs",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:GenerateDataKey*",
        "Resource": "*"
      }""";

  private static final String CLOUDTRAIL_DESCRIBE =
      """
      {
        "Sid": "Allow CloudTrail to describe key",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:DescribeKey",
        "Resource": "*"
      }""";

  private static final String ACCOUNT_DECRYPT =
      """
      {
        "Sid": "Allow principals in the account to decrypt log files",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
        "Resource": "*",
        "Condition": {
          "StringEquals": {"kms:CallerAccount": "%1$s"},
          "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:%2$s:trail/*"}
        }
      }"""
          .formatted(MEMBER, MGMT);

  private static final String ALIAS_CREATION =
      """
      {
        "Sid": "Allow alias creation during setup",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": "kms:CreateAlias",
        "Resource": "*",
        "Condition": {
          "StringEquals": {"kms:ViaService": "ec2.us-east-1.amazonaws.com", "kms:CallerAccount": "%1$s"}
        }
      }"""
          .formatted(MEMBER);

  private static final String PUBLIC_DECRYPT =
      """
      {
        "Sid": "Anyone may decrypt",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": "kms:Decrypt",
        "Resource": "*"
      }""";

  private static String policy(String... statements) {
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"Key policy created by CloudTrail\",\n"
        + "  \"Statement\": [\n"
        + String.join(",\n", statements)
        + "\n  ]\n}";
  }

  /** The key policy AWS CloudTrail creates for a trail's key (CloudTrail User Guide). */
  private static final String AWS_CLOUDTRAIL_POLICY =
      policy(ENABLE_IAM, CLOUDTRAIL_ENCRYPT, CLOUDTRAIL_DESCRIBE, ACCOUNT_DECRYPT, ALIAS_CREATION);

  // ---------------------------------------------------------------- helpers

  private static KeyMetadata metadata(String arn, String keyManager, String keyState) {
    return new KeyMetadata(
        arn.substring(arn.indexOf("key/") + 4),
        arn,
        MEMBER,
        keyManager,
        keyState,
        "SYMMETRIC_DEFAULT",
        "ENCRYPT_DECRYPT",
        "AWS_KMS",
        false);
  }

  private static KmsKey key(
      String arn,
      Observed<KeyMetadata> metadata,
      Observed<Boolean> rotation,
      Observed<String> policy) {
    return new KmsKey(arn, metadata, rotation, policy, Observed.known(List.of()));
  }

  /** An enabled, rotating customer-managed key with the CloudTrail key policy. */
  private static KmsKey goodKey(String arn) {
    return key(
        arn,
        Observed.known(metadata(arn, "CUSTOMER", "Enabled")),
        Observed.known(true),
        Observed.known(AWS_CLOUDTRAIL_POLICY));
  }

  private static KmsKey goodKey() {
    return goodKey(KEY_ARN);
  }

  private static KmsKey withMetadata(KmsKey k, Observed<KeyMetadata> m) {
    return key(k.arn(), m, k.rotationEnabled(), k.policy());
  }

  private static KmsKey withRotation(KmsKey k, Observed<Boolean> r) {
    return key(k.arn(), k.metadata(), r, k.policy());
  }

  private static KmsKey withPolicy(KmsKey k, Observed<String> p) {
    return key(k.arn(), k.metadata(), k.rotationEnabled(), p);
  }

  private static KmsKey withState(String keyManager, String keyState) {
    return withMetadata(goodKey(), Observed.known(metadata(KEY_ARN, keyManager, keyState)));
  }

  private static KmsKey withPolicyText(String json) {
    return withPolicy(goodKey(), Observed.known(json));
  }

  private static List<Finding> run(Snapshot s) {
    return new KmsEncryptionCheck().evaluate(s, AuditConfig.defaults());
  }

  /** The org trail in the management account; the key account (MEMBER) audited too. */
  private static List<Finding> run(KmsKey... keys) {
    return run(
        snapshot(List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(), List.of(keys)));
  }

  /** Only the management account audited: the key's account (MEMBER) is not. */
  private static List<Finding> runWithoutKeyAccount(KmsKey... keys) {
    return run(snapshot(List.of(account(MGMT, orgTrail())), List.of(), List.of(keys)));
  }

  private static List<Finding> matching(List<Finding> fs, String ruleId, String resourceArn) {
    return fs.stream()
        .filter(f -> f.ruleId().equals(ruleId) && resourceArn.equals(f.resourceArn()))
        .toList();
  }

  /** The one finding of {@code ruleId} about {@code resourceArn}, with its status and place. */
  private static Finding finding(
      List<Finding> fs,
      String ruleId,
      String resourceArn,
      String account,
      String region,
      Status status) {
    List<Finding> found = matching(fs, ruleId, resourceArn);
    assertThat(found).as("%s findings for %s in %s", ruleId, resourceArn, fs).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("kms-encryption");
    assertThat(f.account()).isEqualTo(account);
    assertThat(f.region()).isEqualTo(region);
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  /** A finding of a key requirement about {@code KEY_ARN} (account MEMBER, us-east-1). */
  private static Finding keyFinding(List<Finding> fs, String ruleId, Status status) {
    return finding(fs, ruleId, KEY_ARN, MEMBER, US, status);
  }

  private static Finding trailFinding(List<Finding> fs, String ruleId, Status status) {
    return finding(fs, ruleId, TRAIL_ARN, MGMT, US, status);
  }

  // ---------------------------------------------------------------- sse-kms

  @Nested
  class SseKms {

    @Test
    void failsWithoutAKeyWithTheRealTrailInTheRemediation() {
      List<Finding> fs = run(snapshot(account(MGMT, regionalTrail(MGMT, EU, "eu"))));
      Finding f = finding(fs, SSE, EU_TRAIL_ARN, MGMT, EU, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "trail eu ("
                  + EU_TRAIL_ARN
                  + ") is not encrypted with SSE-KMS"
                  + " (log files use SSE-S3 only)");
      assertThat(f.remediation())
          .contains("aws kms create-key --description 'CloudTrail logs for eu' --region eu-west-1")
          .contains("aws:SourceArn condition on " + EU_TRAIL_ARN)
          .contains(
              "aws cloudtrail update-trail --name "
                  + EU_TRAIL_ARN
                  + " --kms-key-id <key-arn>"
                  + " --region eu-west-1")
          .doesNotContain("us-east-1")
          .doesNotContain("{");
    }
  }

  // ---------------------------------------------------------------- customer-managed-key

  @Nested
  class CustomerManagedKey {

    @Test
    void errorWhenDescribeKeyHasNoKeyState() {
      Finding f = keyFinding(run(withState("CUSTOMER", null)), CMK, Status.ERROR);
      assertThat(f.message()).contains("has no KeyState");
    }

    @Test
    void failsForADisabledKey() {
      Finding f = keyFinding(run(withState("CUSTOMER", "Disabled")), CMK, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "key " + KEY_ARN + " is Disabled: CloudTrail cannot encrypt log files" + " with it");
      assertThat(f.remediation())
          .isEqualTo("aws kms enable-key --key-id " + KEY_ARN + " --region us-east-1");
    }

    @Test
    void failsForAKeyPendingDeletionWithTheCancelRemediation() {
      Finding f = keyFinding(run(withState("CUSTOMER", "PendingDeletion")), CMK, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "key " + KEY_ARN + " is PendingDeletion: log delivery stops when it is" + " deleted");
      assertThat(f.remediation())
          .isEqualTo(
              "aws kms cancel-key-deletion --key-id "
                  + KEY_ARN
                  + " --region us-east-1\n"
                  + "aws kms enable-key --key-id "
                  + KEY_ARN
                  + " --region us-east-1");
    }

    @Test
    void failsForAKeyKnownNotToExist() {
      KmsKey gone =
          key(
              KEY_ARN,
              Observed.known(null),
              Observed.unavailable(
                  "kms", "GetKeyRotationStatus", "NotFoundException", "key does not exist"),
              Observed.unavailable(
                  "kms", "GetKeyPolicy", "NotFoundException", "key does not exist"));
      List<Finding> fs = run(gone);
      Finding f = keyFinding(fs, CMK, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "key "
                  + KEY_ARN
                  + " used by org-trail does not exist: CloudTrail"
                  + " cannot deliver logs");
      // a key that does not exist cannot be enabled: the fix is a new key for the trail
      assertThat(f.remediation())
          .contains(
              "aws kms create-key --description 'CloudTrail logs for org-trail' --region us-east-1")
          .contains("aws cloudtrail update-trail --name " + TRAIL_ARN)
          .doesNotContain("enable-key");
      assertThat(keyFinding(fs, ROTATION, Status.ERROR).message()).contains("NotFoundException");
      assertThat(keyFinding(fs, POLICY, Status.ERROR).message()).contains("NotFoundException");
    }

    @Test
    void errorNamingTheKeysAccountWhenTheMetadataIsUnavailable() {
      Finding f =
          keyFinding(run(withMetadata(goodKey(), denied("kms", "DescribeKey"))), CMK, Status.ERROR);
      assertThat(f.message())
          .isEqualTo(
              "key "
                  + KEY_ARN
                  + " (account "
                  + MEMBER
                  + ") could not be read:"
                  + " kms:DescribeKey failed: AccessDeniedException (not authorized)");
    }

    @Test
    void aKeyMissingFromTheSnapshotInAnUnauditedAccountSaysHowToIncludeIt() {
      List<Finding> fs = runWithoutKeyAccount();
      for (String rule : KEY_RULES) {
        Finding f = keyFinding(fs, rule, Status.ERROR);
        assertThat(f.message())
            .contains("is not in the snapshot")
            .contains("It belongs to account " + MEMBER + ", which this audit did not read")
            .contains("include it with " + INCLUDE_HINT);
      }
    }

    @Test
    void anUnreadableKeyInAnUnauditedAccountSaysHowToIncludeIt() {
      Finding f =
          keyFinding(
              runWithoutKeyAccount(withMetadata(goodKey(), denied("kms", "DescribeKey"))),
              CMK,
              Status.ERROR);
      assertThat(f.message())
          .contains("(account " + MEMBER + ") could not be read")
          .contains("kms:DescribeKey failed: AccessDeniedException")
          .contains(INCLUDE_HINT);
    }

    @Test
    void anUnreadableKeyInAnAuditedAccountDoesNotAskToIncludeIt() {
      Finding f =
          keyFinding(run(withMetadata(goodKey(), denied("kms", "DescribeKey"))), CMK, Status.ERROR);
      assertThat(f.message()).doesNotContain("--log-archive-role");
    }
  }

  // ---------------------------------------------------------------- key-rotation

  @Nested
  class KeyRotation {

    @Test
    void theRemediationUsesTheKeysRegionNotTheTrails() {
      Trail trail = withKey(orgTrail(), EU_KEY_ARN);
      KmsKey key = withRotation(goodKey(EU_KEY_ARN), Observed.known(false));
      List<Finding> fs =
          run(snapshot(List.of(account(MGMT, trail), account(MEMBER)), List.of(), List.of(key)));
      Finding f = finding(fs, ROTATION, EU_KEY_ARN, MEMBER, EU, Status.FAIL);
      assertThat(f.remediation())
          .isEqualTo("aws kms enable-key-rotation --key-id " + EU_KEY_ARN + " --region eu-west-1");
    }
  }

  // ---------------------------------------------------------------- key-policy

  @Nested
  class KeyPolicyRequirement {

    private static String cloudTrailScopedBy(String condition) {
      return CLOUDTRAIL_ENCRYPT_UNCONDITIONED.replace(
          "\"Resource\": \"*\"", "\"Resource\": \"*\", \"Condition\": {" + condition + "}");
    }

    private static Snapshot run0(KmsKey k) {
      return snapshot(List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(), List.of(k));
    }

    private static Snapshot withTree(KmsKey k, String... accountIds) {
      List<OrganizationTree.Account> accounts =
          java.util.Arrays.stream(accountIds)
              .map(id -> new OrganizationTree.Account(id, null, id, "ACTIVE", "r-1"))
              .toList();
      Snapshot base = run0(k);
      return new Snapshot(
          base.schemaVersion(),
          base.collectedAt(),
          base.collection(),
          Observed.known(
              new OrganizationTree(
                  io.trailaudit.testing.Fixtures.membership(),
                  List.of(),
                  List.of(),
                  accounts,
                  List.of())),
          List.of(account(MGMT, orgTrail()), account(MEMBER)),
          List.of(),
          List.of(k),
          List.of(),
          null);
    }

    @Test
    void failsWhenTheEncryptionContextLeavesTheAccountOpen() {
      String ct =
          cloudTrailScopedBy(
              "\"StringLike\": {\"kms:EncryptionContext:aws:cloudtrail:arn\":"
                  + " \"arn:aws:cloudtrail:*:*:trail/*\"}");
      Finding f =
          keyFinding(
              run(withPolicyText(policy(ENABLE_IAM, ct, ACCOUNT_DECRYPT))), POLICY, Status.FAIL);
      assertThat(f.message())
          .contains("leaves the account open in [arn:aws:cloudtrail:*:*:trail/*]")
          .contains("(confused deputy)");
    }

    @Test
    void failsWhenTheSourceArnLeavesTheAccountOpen() {
      String ct =
          cloudTrailScopedBy(
              "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*:*:trail/*\"}");
      keyFinding(run(withPolicyText(policy(ENABLE_IAM, ct))), POLICY, Status.FAIL);
    }

    @Test
    void passesWhenTheScopeNamesAnAccountOfTheOrganization() {
      String ct = cloudTrailScopedBy("\"StringEquals\": {\"aws:SourceAccount\": \"333333333333\"}");
      KmsKey k = withPolicyText(policy(ENABLE_IAM, ct, ACCOUNT_DECRYPT));
      finding(
          run(withTree(k, MGMT, MEMBER, "333333333333")), POLICY, KEY_ARN, MEMBER, US, Status.PASS);
    }

    @Test
    void failsWhenTheScopeNamesAnAccountOutsideTheOrganization() {
      String ct = cloudTrailScopedBy("\"StringEquals\": {\"aws:SourceAccount\": \"999999999999\"}");
      KmsKey k = withPolicyText(policy(ENABLE_IAM, ct, ACCOUNT_DECRYPT));
      Finding f = finding(run(withTree(k, MGMT, MEMBER)), POLICY, KEY_ARN, MEMBER, US, Status.FAIL);
      assertThat(f.message())
          .contains(
              "names account 999999999999, neither the key owner nor an account of the"
                  + " organization");
    }

    @Test
    void errorWhenTheOrganizationAloneDecidesAndItsTreeIsNotInTheSnapshot() {
      String ct = cloudTrailScopedBy("\"StringEquals\": {\"aws:SourceAccount\": \"999999999999\"}");
      Finding f =
          keyFinding(
              run(withPolicyText(policy(ENABLE_IAM, ct, ACCOUNT_DECRYPT))), POLICY, Status.ERROR);
      assertThat(f.message())
          .contains("Whether 999999999999 belong to the organization cannot be told")
          .contains("the snapshot holds no organization tree");
    }

    @Test
    void failsWhenDecryptToEveryoneIsPinnedOnlyByWildcards() {
      String anyOrg =
          PUBLIC_DECRYPT.replace(
              "\"Resource\": \"*\"",
              "\"Resource\": \"*\", \"Condition\": {\"StringLike\": {\"aws:PrincipalOrgID\":"
                  + " \"o-*\"}}");
      Finding f =
          keyFinding(
              run(withPolicyText(policy(ENABLE_IAM, CLOUDTRAIL_ENCRYPT, anyOrg))),
              POLICY,
              Status.FAIL);
      assertThat(f.message()).contains("\"o-*\" is not a fixed value");
    }

    @Test
    void errorWhenThePolicyIsKnownButEmpty() {
      Finding f =
          keyFinding(run(withPolicy(goodKey(), Observed.known(null))), POLICY, Status.ERROR);
      assertThat(f.message())
          .isEqualTo("the policy of key " + KEY_ARN + " is empty in the snapshot");
    }

    @Test
    void errorNotFailWhenThePolicyJsonIsMalformed() {
      String broken =
          "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",,}\n  ]\n}";
      List<Finding> fs = run(withPolicyText(broken));
      Finding f = keyFinding(fs, POLICY, Status.ERROR);
      assertThat(f.message())
          .startsWith(
              "the policy of key "
                  + KEY_ARN
                  + " is not a valid policy document:"
                  + " invalid JSON at line 4, column ")
          .matches("(?s).*line 4, column \\d+: .+");
      // the other requirements of the key are still evaluated
      keyFinding(fs, CMK, Status.PASS);
      keyFinding(fs, ROTATION, Status.PASS);
    }

    @Test
    void errorNotFailWhenThePolicyBreaksTheIamGrammar() {
      String typo = AWS_CLOUDTRAIL_POLICY.replaceFirst("\"Resource\"", "\"Resources\"");
      Finding f = keyFinding(run(withPolicyText(typo)), POLICY, Status.ERROR);
      assertThat(f.message())
          .startsWith("the policy of key " + KEY_ARN + " is not a valid policy document: ")
          .contains("Statement[0]")
          .contains("Resources");
    }

    private void assertPolicyRemediation(Finding f, String problem) {
      assertThat(f.remediation())
          .startsWith(
              "aws kms get-key-policy --key-id "
                  + KEY_ARN
                  + " --policy-name default --region us-east-1"
                  + " --output text > key-policy.json\n# "
                  + problem
                  + "\n")
          .contains(
              "\"kms:EncryptionContext:aws:cloudtrail:arn\": \"arn:aws:cloudtrail:*:"
                  + MGMT
                  + ":trail/*\"")
          .contains("\"aws:SourceArn\": \"" + TRAIL_ARN + "\"")
          .endsWith(
              "aws kms put-key-policy --key-id "
                  + KEY_ARN
                  + " --policy-name default"
                  + " --policy file://key-policy.json --region us-east-1");
    }
  }

  // ---------------------------------------------------------------- one evaluation per key

  @Nested
  class Grants {
    private KmsKey withGrants(KmsKey.Grant... grants) {
      KmsKey k = goodKey();
      return new KmsKey(
          k.arn(), k.metadata(), k.rotationEnabled(), k.policy(), Observed.known(List.of(grants)));
    }

    private KmsKey.Grant grant(String name, String grantee, String... ops) {
      return new KmsKey.Grant(
          "g-" + name,
          name,
          grantee,
          null,
          "arn:aws:iam::" + MEMBER + ":root",
          List.of(ops),
          false);
    }

    private List<Finding> runWith(AuditConfig config, KmsKey key) {
      return new KmsEncryptionCheck()
          .evaluate(
              snapshot(
                  List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(), List.of(key)),
              config);
    }

    @Test
    void failsForReEncryptFromOrCreateGrantToAnotherAccountEvenUnderAConstraint() {
      KmsKey.Grant constrained =
          new KmsKey.Grant(
              "g-c",
              null,
              "arn:aws:iam::999999999999:root",
              null,
              null,
              List.of("CreateGrant", "ReEncryptFrom"),
              true);
      Finding f = keyFinding(run(withGrants(constrained)), GRANTS, Status.FAIL);
      assertThat(f.message())
          .contains("grant g-c to arn:aws:iam::999999999999:root allows CreateGrant, ReEncryptFrom")
          .contains("under an encryption context constraint");
    }

    @Test
    void passesForGrantsInTheKeyAccountEncryptOnlyGrantsAndServicePrincipals() {
      Finding f =
          keyFinding(
              run(
                  withGrants(
                      grant(
                          "analytics", "arn:aws:iam::" + MEMBER + ":role/LogAnalytics", "Decrypt"),
                      grant(
                          "writer",
                          "arn:aws:iam::999999999999:role/Writer",
                          "Encrypt",
                          "GenerateDataKey"),
                      grant("service", "cloudtrail.amazonaws.com", "Decrypt"))),
              GRANTS,
              Status.PASS);
      assertThat(f.message())
          .contains("grant analytics to arn:aws:iam::" + MEMBER + ":role/LogAnalytics")
          .contains("grant service to cloudtrail.amazonaws.com (an AWS service principal)")
          .doesNotContain("Writer");
    }

    @Test
    void aBreakGlassGranteePasses() {
      String glass = "arn:aws:iam::999999999999:role/BreakGlass";
      KmsKey key = withGrants(grant("glass", glass, "Decrypt"));
      keyFinding(runWith(AuditConfig.defaults(), key), GRANTS, Status.FAIL);
      Finding f =
          keyFinding(
              runWith(AuditConfig.builder().breakGlassPrincipals(List.of(glass)).build(), key),
              GRANTS,
              Status.PASS);
      assertThat(f.message()).contains("(break-glass)");
    }
  }

  @Nested
  class OncePerKey {
    private final Trail euTrail = withKey(regionalTrail(MGMT, EU, "eu"), KEY_ARN);

    @Test
    void twoTrailsSharingAKeyGiveOneFindingPerKeyRequirement() {
      KmsKey k = withRotation(goodKey(), Observed.known(false));
      List<Finding> fs =
          run(
              snapshot(
                  List.of(account(MGMT, orgTrail(), euTrail), account(MEMBER)),
                  List.of(),
                  List.of(k)));
      assertThat(fs).filteredOn(f -> f.ruleId().equals(SSE)).hasSize(2);
      finding(fs, SSE, TRAIL_ARN, MGMT, US, Status.PASS);
      finding(fs, SSE, EU_TRAIL_ARN, MGMT, EU, Status.PASS);
      for (String rule : KEY_RULES) {
        assertThat(fs).filteredOn(f -> f.ruleId().equals(rule)).hasSize(1);
      }
      assertThat(fs).hasSize(6);
      assertThat(keyFinding(fs, CMK, Status.PASS).message()).endsWith("used by org-trail, eu");
      keyFinding(fs, ROTATION, Status.FAIL);
      keyFinding(fs, POLICY, Status.PASS);
    }

    @Test
    void aKeyMissingFromTheSnapshotIsReportedOnceForAllItsTrails() {
      List<Finding> fs = run(snapshot(account(MGMT, orgTrail(), euTrail), account(MEMBER)));
      for (String rule : KEY_RULES) {
        Finding f = keyFinding(fs, rule, Status.ERROR);
        assertThat(f.message()).contains("of trail(s) org-trail, eu");
      }
      assertThat(fs).hasSize(6);
    }

    @Test
    void aTrailNamingTheKeyByIdSharesTheFindingsOfTheKeyArn() {
      Trail byId = withKey(regionalTrail(MGMT, EU, "eu"), KEY_ID);
      List<Finding> fs =
          run(
              snapshot(
                  List.of(account(MGMT, orgTrail(), byId), account(MEMBER)),
                  List.of(),
                  List.of(goodKey())));
      for (String rule : KEY_RULES) {
        assertThat(fs).filteredOn(f -> f.ruleId().equals(rule)).hasSize(1);
        keyFinding(fs, rule, Status.PASS);
      }
    }

    @Test
    void aKeyNamedByIdIsReportedInTheKeysOwnAccount() {
      // the trail's KmsKeyId is a bare key id; the key lives in MEMBER, the trail in MGMT
      List<Finding> fs =
          run(
              snapshot(
                  List.of(account(MGMT, withKey(orgTrail(), KEY_ID)), account(MEMBER)),
                  List.of(),
                  List.of(withRotation(goodKey(), Observed.known(false)))));
      for (String rule : KEY_RULES) {
        assertThat(fs).filteredOn(f -> f.ruleId().equals(rule)).hasSize(1);
      }
      keyFinding(fs, CMK, Status.PASS);
      keyFinding(fs, POLICY, Status.PASS);
      assertThat(keyFinding(fs, ROTATION, Status.FAIL).remediation())
          .isEqualTo("aws kms enable-key-rotation --key-id " + KEY_ARN + " --region us-east-1");
    }

    @Test
    void twoKeysGiveTwoSetsOfFindingsEachInItsKeysRegion() {
      Trail eu = withKey(regionalTrail(MGMT, EU, "eu"), EU_KEY_ARN);
      List<Finding> fs =
          run(
              snapshot(
                  List.of(account(MGMT, orgTrail(), eu), account(MEMBER)),
                  List.of(),
                  List.of(goodKey(), goodKey(EU_KEY_ARN))));
      for (String rule : KEY_RULES) {
        assertThat(fs).filteredOn(f -> f.ruleId().equals(rule)).hasSize(2);
        finding(fs, rule, KEY_ARN, MEMBER, US, Status.PASS);
        finding(fs, rule, EU_KEY_ARN, MEMBER, EU, Status.PASS);
      }
    }

    @Test
    void anOrganizationTrailSeenFromManyAccountsIsEvaluatedOnce() {
      List<Finding> fs =
          run(
              snapshot(
                  List.of(account(MGMT, orgTrail()), account(MEMBER, orgTrail())),
                  List.of(),
                  List.of(goodKey())));
      assertThat(fs).hasSize(5);
      trailFinding(fs, SSE, Status.PASS);
      for (String rule : KEY_RULES) {
        keyFinding(fs, rule, Status.PASS);
      }
    }
  }

  // ---------------------------------------------------------------- never fail open

  @Test
  void nothingPassesForAKeyWhoseReadsAllFailed() {
    KmsKey unreadable =
        new KmsKey(
            KEY_ARN,
            denied("kms", "DescribeKey"),
            denied("kms", "GetKeyRotationStatus"),
            denied("kms", "GetKeyPolicy"),
            denied("kms", "ListGrants"));
    List<Finding> fs = run(unreadable);
    for (String rule : KEY_RULES) {
      keyFinding(fs, rule, Status.ERROR);
    }
  }

  @Test
  void aKeyLeftOutOfTheSnapshotFileIsErrorNotPass() {
    // KmsKey fills null reads with NotCollected
    List<Finding> fs = run(KmsKey.builder().arn(KEY_ARN).build());
    for (String rule : KEY_RULES) {
      assertThat(keyFinding(fs, rule, Status.ERROR).message()).contains("NotCollected");
    }
  }
}
