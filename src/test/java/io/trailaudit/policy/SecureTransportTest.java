package io.trailaudit.policy;

import static io.trailaudit.policy.Policies.BUCKET;
import static io.trailaudit.policy.Policies.cloudTrailBucketPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecureTransportTest {
  private static final String BUCKET_ARN = "\"arn:aws:s3:::trail-logs\"";
  private static final String OBJECTS_ARN = "\"arn:aws:s3:::trail-logs/*\"";
  private static final String INSECURE = "\"Bool\": {\"aws:SecureTransport\": \"false\"}";

  private static String deny(String principal, String action, String resource, String condition) {
    return "{\"Effect\": \"Deny\", "
        + principal
        + ", "
        + action
        + ", \"Resource\": "
        + resource
        + ", \"Condition\": {"
        + condition
        + "}}";
  }

  private static String tlsDeny(String resource) {
    return deny("\"Principal\": \"*\"", "\"Action\": \"s3:*\"", resource, INSECURE);
  }

  private static SecureTransportResult check(String... extra) {
    return PolicyQuestions.deniesInsecureTransport(cloudTrailBucketPolicy(extra), BUCKET);
  }

  @Test
  void standardStatementSatisfies() {
    SecureTransportResult r = check(Policies.TLS_ONLY);
    assertThat(r.satisfied()).isTrue();
    assertThat(r.coversBucket()).isTrue();
    assertThat(r.coversObjects()).isTrue();
    assertThat(r.statements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[2] (Sid AllowSSLRequestsOnly)");
    assertThat(r.nearMisses()).isEmpty();
    assertThat(r.explanation())
        .isEqualTo(
            "Statement[2] (Sid AllowSSLRequestsOnly) deny requests without TLS to"
                + " arn:aws:s3:::trail-logs and its objects");
  }

  @Test
  void noSuchStatement() {
    SecureTransportResult r = check();
    assertThat(r.satisfied()).isFalse();
    assertThat(r.statements()).isEmpty();
    assertThat(r.nearMisses()).isEmpty();
    assertThat(r.explanation())
        .isEqualTo(
            "no Deny statement for every principal and every S3 action on the bucket with"
                + " condition Bool aws:SecureTransport = false");
  }

  @Test
  void coversOnlyObjects() {
    SecureTransportResult r = check(tlsDeny(OBJECTS_ARN));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.coversObjects()).isTrue();
    assertThat(r.coversBucket()).isFalse();
    assertThat(r.explanation())
        .isEqualTo(
            "the insecure-transport Deny (Statement[2]) covers only the objects"
                + " (arn:aws:s3:::trail-logs/*), not the bucket arn:aws:s3:::trail-logs");
  }

  @Test
  void coversOnlyBucket() {
    SecureTransportResult r = check(tlsDeny(BUCKET_ARN));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.coversBucket()).isTrue();
    assertThat(r.coversObjects()).isFalse();
    assertThat(r.explanation())
        .isEqualTo(
            "the insecure-transport Deny (Statement[2]) covers only the bucket"
                + " arn:aws:s3:::trail-logs, not its objects (arn:aws:s3:::trail-logs/*)");
  }

  @Test
  void twoStatementsTogetherCoverBoth() {
    SecureTransportResult r = check(tlsDeny(BUCKET_ARN), tlsDeny(OBJECTS_ARN));
    assertThat(r.satisfied()).isTrue();
    assertThat(r.statements()).extracting(StatementRef::index).containsExactly(2, 3);
  }

  @Test
  void wildcardResourcesCoverBoth() {
    assertThat(check(tlsDeny("\"arn:aws:s3:::trail-logs*\"")).satisfied()).isTrue();
    assertThat(check(tlsDeny("\"*\"")).satisfied()).isTrue();
  }

  @Test
  void coversOnlySomeActions() {
    SecureTransportResult r =
        check(
            deny(
                "\"Principal\": \"*\"",
                "\"Action\": [\"s3:GetObject\", \"s3:PutObject\"]",
                "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]",
                INSECURE));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.statements()).isEmpty();
    assertThat(r.nearMisses())
        .extracting(NearMiss::describe)
        .containsExactly(
            "Statement[2]: covers only some S3 actions (Action [s3:GetObject, s3:PutObject])");
    assertThat(r.explanation())
        .endsWith(
            "; not counted: Statement[2]: covers only some S3 actions"
                + " (Action [s3:GetObject, s3:PutObject])");
  }

  @Test
  void starActionAndNotActionWithoutS3Count() {
    String both = "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]";
    assertThat(check(deny("\"Principal\": \"*\"", "\"Action\": \"*\"", both, INSECURE)).satisfied())
        .isTrue();
    assertThat(
            check(deny("\"Principal\": \"*\"", "\"NotAction\": \"iam:*\"", both, INSECURE))
                .satisfied())
        .isTrue();
    assertThat(
            check(deny("\"Principal\": \"*\"", "\"NotAction\": \"s3:GetObject\"", both, INSECURE))
                .satisfied())
        .isFalse();
  }

  @Test
  void awsStarPrincipalCountsButNotPrincipalDoesNot() {
    String both = "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]";
    assertThat(
            check(deny("\"Principal\": {\"AWS\": \"*\"}", "\"Action\": \"s3:*\"", both, INSECURE))
                .satisfied())
        .isTrue();
    SecureTransportResult r =
        check(
            deny(
                "\"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111111111111:role/legacy\"}",
                "\"Action\": \"s3:*\"",
                both,
                INSECURE));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly("exempts NotPrincipal [AWS arn:aws:iam::111111111111:role/legacy]");
  }

  @Test
  void boolIfExistsAndJsonBooleanCount() {
    String both = "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]";
    String ifExists = "\"BoolIfExists\": {\"aws:SecureTransport\": \"false\"}";
    String jsonBool = "\"Bool\": {\"aws:securetransport\": false}";
    assertThat(
            check(deny("\"Principal\": \"*\"", "\"Action\": \"s3:*\"", both, ifExists)).satisfied())
        .isTrue();
    assertThat(
            check(deny("\"Principal\": \"*\"", "\"Action\": \"s3:*\"", both, jsonBool)).satisfied())
        .isTrue();
  }

  @Test
  void tlsVersionIsNotEnough() {
    SecureTransportResult r =
        check(
            deny(
                "\"Principal\": \"*\"",
                "\"Action\": \"s3:*\"",
                "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]",
                "\"NumericLessThan\": {\"s3:TlsVersion\": 1.2}"));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.statements()).isEmpty();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly(
            "its condition NumericLessThan s3:TlsVersion [1.2] limits the TLS version; it does"
                + " not deny requests without TLS (that needs Bool aws:SecureTransport = false)");
  }

  @Test
  void secureTransportTrueIsANearMiss() {
    SecureTransportResult r =
        check(
            deny(
                "\"Principal\": \"*\"",
                "\"Action\": \"s3:*\"",
                "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]",
                "\"Bool\": {\"aws:SecureTransport\": \"true\"}"));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly(
            "its condition Bool aws:SecureTransport [true] is not Bool aws:SecureTransport"
                + " = false");
  }

  @Test
  void extraConditionMakesItPartial() {
    SecureTransportResult r =
        check(
            deny(
                "\"Principal\": \"*\"",
                "\"Action\": \"s3:*\"",
                "[" + BUCKET_ARN + ", " + OBJECTS_ARN + "]",
                INSECURE + ", \"StringEquals\": {\"aws:SourceVpce\": \"vpce-1\"}"));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly(
            "also requires StringEquals aws:SourceVpce [vpce-1], so it denies only some"
                + " insecure requests");
  }

  @Test
  void denyForAnotherBucketIsIgnored() {
    SecureTransportResult r = check(tlsDeny("[\"arn:aws:s3:::other\", \"arn:aws:s3:::other/*\"]"));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.statements()).isEmpty();
    assertThat(r.nearMisses()).isEmpty();
  }

  @Test
  void prefixOnlyResourceDoesNotCoverObjects() {
    SecureTransportResult r =
        check(tlsDeny("[" + BUCKET_ARN + ", \"arn:aws:s3:::trail-logs/AWSLogs/*\"]"));
    assertThat(r.coversBucket()).isTrue();
    assertThat(r.coversObjects()).isFalse();
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses()).isEqualTo(List.of());
  }
}
