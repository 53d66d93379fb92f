package io.trailaudit.policy;

import static io.trailaudit.policy.Policies.BUCKET;
import static io.trailaudit.policy.Policies.cloudTrailBucketPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDeletionTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/";
  private static final List<String> BREAK_GLASS = List.of(ROLE + "BreakGlass-*");
  private static final String DELETES =
      "\"Action\": [\"s3:DeleteObject\", \"s3:DeleteObjectVersion\"]";
  private static final String OBJECTS = "\"Resource\": \"arn:aws:s3:::trail-logs/*\"";

  private static String deny(String principal, String action, String resource, String condition) {
    String cond = condition.isEmpty() ? "" : ", \"Condition\": {" + condition + "}";
    return "{\"Sid\": \"NoDelete\", \"Effect\": \"Deny\", "
        + principal
        + ", "
        + action
        + ", "
        + resource
        + cond
        + "}";
  }

  private static String exempting(String operator, String... patterns) {
    return "\""
        + operator
        + "\": {\"aws:PrincipalArn\": [\""
        + String.join("\", \"", patterns)
        + "\"]}";
  }

  private static ObjectDeletionResult check(List<String> breakGlass, String... extra) {
    return PolicyQuestions.deniesObjectDeletion(cloudTrailBucketPolicy(extra), BUCKET, breakGlass);
  }

  @Test
  void unconditionalDenySatisfiesWithoutBreakGlass() {
    ObjectDeletionResult r = check(List.of(), deny("\"Principal\": \"*\"", DELETES, OBJECTS, ""));
    assertThat(r.satisfied()).isTrue();
    assertThat(r.deniedActions()).containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
    assertThat(r.notDeniedActions()).isEmpty();
    assertThat(r.statements())
        .extracting(StatementRef::label)
        .containsExactly("Statement[2] (Sid NoDelete)");
    assertThat(r.explanation())
        .isEqualTo(
            "s3:DeleteObject and s3:DeleteObjectVersion on arn:aws:s3:::trail-logs/* denied to"
                + " every principal outside the break-glass list by Statement[2] (Sid NoDelete)");
  }

  @Test
  void cloudTrailPolicyAloneDeniesNothing() {
    ObjectDeletionResult r = check(BREAK_GLASS);
    assertThat(r.satisfied()).isFalse();
    assertThat(r.deniedActions()).isEmpty();
    assertThat(r.notDeniedActions()).containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
    assertThat(r.explanation())
        .isEqualTo(
            "no unconditional Deny of s3:DeleteObject and s3:DeleteObjectVersion on"
                + " arn:aws:s3:::trail-logs/* for every principal outside the break-glass list");
  }

  @Test
  void exemptionEqualToBreakGlassEntry() {
    ObjectDeletionResult r =
        check(
            List.of(ROLE + "BreakGlass"),
            deny(
                "\"Principal\": {\"AWS\": \"*\"}",
                DELETES,
                OBJECTS,
                exempting("ArnNotLike", ROLE + "BreakGlass")));
    assertThat(r.satisfied()).isTrue();
    assertThat(r.widerExemptions()).isEmpty();
  }

  @Test
  void exemptionWithinWildcardBreakGlass() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny(
                "\"Principal\": \"*\"",
                DELETES,
                OBJECTS,
                exempting("ArnNotLikeIfExists", ROLE + "BreakGlass-1", ROLE + "BreakGlass-?*")));
    assertThat(r.satisfied()).isTrue();
  }

  @Test
  void widerExemptionIsNamed() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny(
                "\"Principal\": \"*\"",
                DELETES,
                OBJECTS,
                exempting("ArnNotLike", ROLE + "BreakGlass-1", ROLE + "*")));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.notDeniedActions()).containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
    assertThat(r.widerExemptions())
        .extracting(WideExemption::describe)
        .containsExactly(
            "Statement[2] (Sid NoDelete) Condition ArnNotLike aws:PrincipalArn exempts "
                + ROLE
                + "*");
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly("exempts principals beyond the break-glass list: [" + ROLE + "*]");
  }

  @Test
  void stringNotEqualsValueIsLiteral() {
    String literalStar = exempting("StringNotEquals", ROLE + "BreakGlass-*");
    assertThat(
            check(BREAK_GLASS, deny("\"Principal\": \"*\"", DELETES, OBJECTS, literalStar))
                .satisfied())
        .isTrue();
    String exact = exempting("StringNotEqualsIfExists", ROLE + "BreakGlass-1");
    assertThat(
            check(
                    List.of(ROLE + "BreakGlass-1"),
                    deny("\"Principal\": \"*\"", DELETES, OBJECTS, exact))
                .satisfied())
        .isTrue();
  }

  @Test
  void likeExemptionWiderThanExactBreakGlass() {
    String like = exempting("StringNotLike", ROLE + "BreakGlass-*");
    ObjectDeletionResult r =
        check(List.of(ROLE + "BreakGlass-1"), deny("\"Principal\": \"*\"", DELETES, OBJECTS, like));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.widerExemptions())
        .extracting(WideExemption::pattern)
        .containsExactly(ROLE + "BreakGlass-*");
  }

  @Test
  void otherConditionKeyDeniesOnlySometimes() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny(
                "\"Principal\": \"*\"",
                DELETES,
                OBJECTS,
                "\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}"));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.statements()).isEmpty();
    assertThat(r.nearMisses())
        .extracting(NearMiss::describe)
        .containsExactly(
            "Statement[2] (Sid NoDelete): denies only when Bool aws:MultiFactorAuthPresent"
                + " [false] holds");
    assertThat(r.explanation())
        .endsWith(
            "; not counted: Statement[2] (Sid NoDelete): denies only when Bool"
                + " aws:MultiFactorAuthPresent [false] holds");
  }

  @Test
  void positiveOperatorOnPrincipalArnIsNotAnExemption() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny("\"Principal\": \"*\"", DELETES, OBJECTS, exempting("ArnLike", ROLE + "x")));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly("denies only when ArnLike aws:PrincipalArn [" + ROLE + "x] holds");
  }

  @Test
  void onlyOneActionDenied() {
    ObjectDeletionResult r =
        check(
            List.of(),
            deny("\"Principal\": \"*\"", "\"Action\": \"s3:DeleteObject\"", OBJECTS, ""));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.deniedActions()).containsExactly("s3:DeleteObject");
    assertThat(r.notDeniedActions()).containsExactly("s3:DeleteObjectVersion");
    assertThat(r.explanation())
        .isEqualTo(
            "no unconditional Deny of s3:DeleteObjectVersion on arn:aws:s3:::trail-logs/* for"
                + " every principal outside the break-glass list");
  }

  @Test
  void wildcardActionCoversBoth() {
    assertThat(
            check(
                    List.of(),
                    deny("\"Principal\": \"*\"", "\"Action\": \"s3:Delete*\"", OBJECTS, ""))
                .deniedActions())
        .containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
  }

  @Test
  void notPrincipalWithinBreakGlassCounts() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny(
                "\"NotPrincipal\": {\"AWS\": \"" + ROLE + "BreakGlass-1\"}", DELETES, OBJECTS, ""));
    assertThat(r.satisfied()).isTrue();
  }

  @Test
  void notPrincipalOutsideBreakGlassIsWide() {
    ObjectDeletionResult r =
        check(
            BREAK_GLASS,
            deny(
                "\"NotPrincipal\": {\"AWS\": [\"" + ROLE + "BreakGlass-1\", \"111111111111\"]}",
                DELETES,
                OBJECTS,
                ""));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.widerExemptions())
        .containsExactly(
            new WideExemption(
                r.nearMisses().get(0).statement(), "NotPrincipal AWS", "111111111111"));
  }

  @Test
  void partialResourceIsANearMiss() {
    ObjectDeletionResult r =
        check(
            List.of(),
            deny(
                "\"Principal\": \"*\"",
                DELETES,
                "\"Resource\": \"arn:aws:s3:::trail-logs/AWSLogs/*\"",
                ""));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly(
            "covers only some objects of the bucket (Resource"
                + " [arn:aws:s3:::trail-logs/AWSLogs/*])");
  }

  @Test
  void listedPrincipalIsANearMiss() {
    ObjectDeletionResult r =
        check(List.of(), deny("\"Principal\": {\"AWS\": \"222222222222\"}", DELETES, OBJECTS, ""));
    assertThat(r.nearMisses())
        .extracting(NearMiss::reason)
        .containsExactly("applies only to [AWS 222222222222]");
  }

  @Test
  void denyOnAnotherBucketIsIgnored() {
    ObjectDeletionResult r =
        check(
            List.of(),
            deny("\"Principal\": \"*\"", DELETES, "\"Resource\": \"arn:aws:s3:::other/*\"", ""));
    assertThat(r.satisfied()).isFalse();
    assertThat(r.nearMisses()).isEmpty();
  }

  @Test
  void ignoreCaseExemptionOfTheBreakGlassRoleCounts() {
    ObjectDeletionResult r =
        check(
            List.of(ROLE + "BreakGlass"),
            deny(
                "\"Principal\": \"*\"",
                DELETES,
                OBJECTS,
                exempting("StringNotEqualsIgnoreCase", ROLE + "breakglass")));
    assertThat(r.satisfied()).isTrue();
  }

  @Test
  void roleIdExemptionCountsOnlyWhenTheIdIsKnown() {
    String byId =
        deny(
            "\"Principal\": \"*\"",
            DELETES,
            OBJECTS,
            "\"StringNotLike\": {\"aws:userid\": \"AROAEXAMPLEID:*\"}");
    ObjectDeletionResult unknown = check(BREAK_GLASS, byId);
    assertThat(unknown.satisfied()).isFalse();
    assertThat(unknown.explanation())
        .contains("cannot match to a break-glass ARN: the principal with unique id AROAEXAMPLEID");
    ObjectDeletionResult known =
        PolicyQuestions.deniesObjectDeletion(
            cloudTrailBucketPolicy(byId),
            BUCKET,
            BREAK_GLASS,
            java.util.Map.of("AROAEXAMPLEID", ROLE + "BreakGlass-Logs"));
    assertThat(known.satisfied()).isTrue();
  }
}
