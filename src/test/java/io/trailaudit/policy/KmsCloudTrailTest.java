package io.trailaudit.policy;

import static io.trailaudit.policy.Policies.cloudTrailKeyPolicy;
import static io.trailaudit.policy.Policies.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KmsCloudTrailTest {
  /** The key owner and the organization's other account. */
  private static final Set<String> TRUSTED = Set.of("111111111111", "222222222222");

  private static KmsCloudTrailResult check(PolicyDocument doc) {
    return PolicyQuestions.kmsKeyCloudTrailAccess(doc, TRUSTED);
  }

  private static String cloudTrailAllow(String action, String condition) {
    String cond = condition.isEmpty() ? "" : ", \"Condition\": {" + condition + "}";
    return "{\"Sid\": \"CT\", \"Effect\": \"Allow\","
        + " \"Principal\": {\"Service\": \"cloudtrail.amazonaws.com\"},"
        + " \"Action\": \""
        + action
        + "\", \"Resource\": \"*\""
        + cond
        + "}";
  }

  private static boolean scoped(String condition) {
    return check(document(cloudTrailAllow("kms:GenerateDataKey*", condition))).cloudTrailScoped();
  }

  @Test
  void defaultKeyPolicySatisfies() {
    KmsCloudTrailResult r = check(cloudTrailKeyPolicy());
    assertThat(r.cloudTrailStatements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[1] (Sid Allow CloudTrail to encrypt logs)");
    assertThat(r.unscopedCloudTrailStatements()).isEmpty();
    assertThat(r.publicDecryptStatements()).isEmpty();
    assertThat(r.satisfied()).isTrue();
    assertThat(r.explanation())
        .isEqualTo(
            "CloudTrail may encrypt with the key only for the trails of trusted accounts"
                + " (Statement[1] (Sid Allow CloudTrail to encrypt logs)) and no one outside may"
                + " decrypt");
  }

  @Test
  void encryptionContextAloneIsASourceCondition() {
    assertThat(
            scoped(
                "\"StringLike\": {\"kms:EncryptionContext:aws:cloudtrail:arn\":"
                    + " \"arn:aws:cloudtrail:*:111111111111:trail/*\"}"))
        .isTrue();
    assertThat(
            scoped(
                "\"ForAnyValue:StringLikeIfExists\": {\"kms:encryptioncontext:aws:cloudtrail:arn\":"
                    + " \"arn:aws:cloudtrail:*:111111111111:trail/*\"}"))
        .isTrue();
  }

  @Test
  void sourceArnAndAccountAreSourceConditions() {
    assertThat(
            scoped(
                "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*:111111111111:trail/*\"}"))
        .isTrue();
    assertThat(scoped("\"StringEquals\": {\"aws:SourceAccount\": \"111111111111\"}")).isTrue();
  }

  @Test
  void weakConditionsDoNotScope() {
    assertThat(scoped("")).isFalse();
    assertThat(scoped("\"StringLike\": {\"aws:SourceArn\": \"*\"}")).isFalse();
    assertThat(scoped("\"StringNotEquals\": {\"aws:SourceAccount\": \"222222222222\"}")).isFalse();
    assertThat(scoped("\"StringEqualsIfExists\": {\"aws:SourceAccount\": \"111111111111\"}"))
        .isFalse();
    assertThat(scoped("\"StringEquals\": {\"kms:CallerAccount\": \"111111111111\"}")).isFalse();
  }

  @Test
  void unconditionedStatementIsListed() {
    KmsCloudTrailResult r = check(cloudTrailKeyPolicy(cloudTrailAllow("kms:*", "")));
    assertThat(r.cloudTrailStatements()).extracting(StatementRef::index).containsExactly(1, 5);
    assertThat(r.unscopedCloudTrailStatements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[5] (Sid CT)");
    assertThat(r.cloudTrailScoped()).isFalse();
    assertThat(r.satisfied()).isFalse();
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[5] (Sid CT) lets CloudTrail use the key without a condition on"
                + " aws:SourceArn, aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn");
  }

  @Test
  void describeOnlyDoesNotLetCloudTrailEncrypt() {
    KmsCloudTrailResult r = check(document(Policies.KEY_ADMIN, Policies.KEY_CLOUDTRAIL_DESCRIBE));
    assertThat(r.cloudTrailCanEncrypt()).isFalse();
    assertThat(r.cloudTrailStatements()).isEmpty();
    assertThat(r.explanation())
        .isEqualTo("no Allow statement lets cloudtrail.amazonaws.com call kms:GenerateDataKey");
  }

  @Test
  void exactGenerateDataKeyActionCounts() {
    KmsCloudTrailResult r = check(document(cloudTrailAllow("kms:GenerateDataKey", "")));
    assertThat(r.cloudTrailStatements()).hasSize(1);
    assertThat(r.unscopedCloudTrailStatements()).hasSize(1);
  }

  @Test
  void publicDecryptIsListed() {
    KmsCloudTrailResult r = check(cloudTrailKeyPolicy(Policies.PUBLIC_DECRYPT));
    assertThat(r.cloudTrailScoped()).isTrue();
    assertThat(r.publicDecryptStatements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[5] (Sid OpenDecrypt)");
    assertThat(r.satisfied()).isFalse();
    assertThat(r.explanation())
        .isEqualTo(
            "kms:Decrypt is public: Statement[5] (Sid OpenDecrypt): allows Action [kms:Decrypt,"
                + " kms:DescribeKey] to every principal (\"*\") with no condition");
  }

  @Test
  void publicStarStatementIsBothUnscopedCloudTrailAndPublicDecrypt() {
    KmsCloudTrailResult r =
        check(
            document(
                "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\","
                    + " \"Resource\": \"*\"}"));
    assertThat(r.cloudTrailStatements()).extracting(StatementRef::index).containsExactly(0);
    assertThat(r.unscopedCloudTrailStatements()).extracting(StatementRef::index).containsExactly(0);
    assertThat(r.publicDecryptStatements()).extracting(StatementRef::index).containsExactly(0);
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[0] lets CloudTrail use the key without a condition on aws:SourceArn,"
                + " aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn; kms:Decrypt is"
                + " public: Statement[0]: allows Action [kms:*] to every principal (\"*\") with no"
                + " condition");
  }

  @Test
  void notActionDecides() {
    String excludesDecrypt =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"NotAction\": \"kms:Decrypt\"}";
    String excludesOther =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"NotAction\": \"kms:Encrypt\"}";
    assertThat(check(document(excludesDecrypt)).publicDecryptStatements()).isEmpty();
    assertThat(check(document(excludesOther)).publicDecryptStatements()).hasSize(1);
  }

  @Test
  void restrictedDecryptIsNotPublic() {
    KmsCloudTrailResult r =
        check(
            document(
                "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\":"
                    + " \"kms:Decrypt\", \"Condition\": {\"StringEquals\":"
                    + " {\"aws:PrincipalOrgID\": \"o-abc\"}}}"));
    assertThat(r.publicDecryptStatements()).isEmpty();
  }

  @Test
  void wildcardAccountInTheScopeIsAConfusedDeputy() {
    assertThat(
            scoped(
                "\"StringLike\": {\"kms:EncryptionContext:aws:cloudtrail:arn\":"
                    + " \"arn:aws:cloudtrail:*:*:trail/*\"}"))
        .isFalse();
    assertThat(scoped("\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*:*:trail/*\"}"))
        .isFalse();
    assertThat(
            scoped(
                "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*:1111111111?1:trail/*\"}"))
        .isFalse();
    assertThat(scoped("\"StringLike\": {\"aws:SourceAccount\": \"????????????\"}")).isFalse();
    assertThat(scoped("\"StringLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*\"}")).isFalse();
  }

  @Test
  void wildcardAccountIsExplained() {
    KmsCloudTrailResult r =
        check(
            document(
                cloudTrailAllow(
                    "kms:GenerateDataKey*",
                    "\"StringLike\": {\"kms:EncryptionContext:aws:cloudtrail:arn\":"
                        + " \"arn:aws:cloudtrail:*:*:trail/*\"}")));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.undecidedAccounts()).isEmpty();
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[0] (Sid CT) lets CloudTrail use the key for trails outside the key owner's"
                + " organization: StringLike kms:EncryptionContext:aws:cloudtrail:arn"
                + " [arn:aws:cloudtrail:*:*:trail/*] leaves the account open in"
                + " [arn:aws:cloudtrail:*:*:trail/*], so any account's trail may use the key"
                + " (confused deputy)");
  }

  @Test
  void foreignAccountDoesNotScopeAndIsNamed() {
    KmsCloudTrailResult r =
        check(
            document(
                cloudTrailAllow(
                    "kms:GenerateDataKey*",
                    "\"StringEquals\": {\"aws:SourceAccount\": [\"111111111111\","
                        + " \"999999999999\"]}")));
    assertThat(r.cloudTrailScoped()).isFalse();
    assertThat(r.undecidedAccounts()).containsExactly("999999999999");
    assertThat(r.explanation())
        .contains("names account 999999999999, neither the key owner nor an account of the");
  }

  @Test
  void oneTrustedScopeSufficesBesideAWildOne() {
    assertThat(
            scoped(
                "\"StringLike\": {\"kms:EncryptionContext:aws:cloudtrail:arn\":"
                    + " \"arn:aws:cloudtrail:*:*:trail/*\"}, \"StringEquals\":"
                    + " {\"aws:SourceAccount\": \"222222222222\"}"))
        .isTrue();
  }

  @Test
  void organizationAccountsScope() {
    assertThat(
            scoped(
                "\"ArnEquals\": {\"aws:SourceArn\":"
                    + " \"arn:aws:cloudtrail:eu-west-1:222222222222:trail/main\"}"))
        .isTrue();
  }

  @Test
  void decryptPinnedOnlyByWildcardValuesIsPublic() {
    KmsCloudTrailResult r =
        check(
            cloudTrailKeyPolicy(
                "{\"Sid\": \"AnyOrg\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
                    + " \"Action\": \"kms:Decrypt\", \"Resource\": \"*\", \"Condition\":"
                    + " {\"StringLike\": {\"aws:PrincipalOrgID\": \"o-*\"}}}"));
    assertThat(r.publicDecryptStatements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[5] (Sid AnyOrg)");
  }
}
