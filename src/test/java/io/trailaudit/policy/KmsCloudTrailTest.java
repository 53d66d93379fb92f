package io.trailaudit.policy;

import static io.trailaudit.policy.Policies.cloudTrailKeyPolicy;
import static io.trailaudit.policy.Policies.document;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KmsCloudTrailTest {

  private static KmsCloudTrailResult check(PolicyDocument doc) {
    return PolicyQuestions.kmsKeyCloudTrailAccess(doc);
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
    assertThat(r.unconditionedCloudTrailStatements()).isEmpty();
    assertThat(r.publicDecryptStatements()).isEmpty();
    assertThat(r.satisfied()).isTrue();
    assertThat(r.explanation())
        .isEqualTo(
            "CloudTrail may encrypt with the key only for scoped sources (Statement[1] (Sid Allow"
                + " CloudTrail to encrypt logs)) and no one outside may decrypt");
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
    assertThat(r.unconditionedCloudTrailStatements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[5] (Sid CT)");
    assertThat(r.cloudTrailScoped()).isFalse();
    assertThat(r.satisfied()).isFalse();
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[5] (Sid CT) let CloudTrail use the key without a condition on"
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
    assertThat(r.unconditionedCloudTrailStatements()).hasSize(1);
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
            "Statement[5] (Sid OpenDecrypt) allow kms:Decrypt to every principal without a"
                + " restricting condition");
  }

  @Test
  void publicStarStatementIsBothUnscopedCloudTrailAndPublicDecrypt() {
    KmsCloudTrailResult r =
        check(
            document(
                "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\","
                    + " \"Resource\": \"*\"}"));
    assertThat(r.cloudTrailStatements()).extracting(StatementRef::index).containsExactly(0);
    assertThat(r.unconditionedCloudTrailStatements())
        .extracting(StatementRef::index)
        .containsExactly(0);
    assertThat(r.publicDecryptStatements()).extracting(StatementRef::index).containsExactly(0);
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[0] let CloudTrail use the key without a condition on aws:SourceArn,"
                + " aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn; Statement[0]"
                + " allow kms:Decrypt to every principal without a restricting condition");
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
}
