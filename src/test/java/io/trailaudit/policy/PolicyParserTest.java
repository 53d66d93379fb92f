package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  private static PolicyParseException failure(String json) {
    try {
      PolicyDocument.parse(json);
    } catch (PolicyParseException e) {
      return e;
    }
    throw new AssertionError("expected a parse failure for " + json);
  }

  @Test
  void singleStatementObject() {
    PolicyDocument doc =
        PolicyDocument.parse(
            """
            {"Version": "2012-10-17", "Id": "p1",
             "Statement": {"Sid": "S", "Effect": "Allow", "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::b/*"}}
            """);
    assertThat(doc)
        .isEqualTo(
            new PolicyDocument(
                "2012-10-17",
                "p1",
                List.of(
                    new Statement(
                        "S",
                        Effect.ALLOW,
                        null,
                        null,
                        List.of("s3:GetObject"),
                        null,
                        List.of("arn:aws:s3:::b/*"),
                        null,
                        List.of()))));
  }

  @Test
  void statementArrayWithListsAndNegatedElements() {
    PolicyDocument doc =
        PolicyDocument.parse(
            """
            {"Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
              {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::a", "x"],
               "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:role/admin"}}
            ]}
            """);
    assertThat(doc.version()).isNull();
    assertThat(doc.statements()).hasSize(2);
    Statement first = doc.statements().get(0);
    assertThat(first.actions()).containsExactly("s3:GetObject", "s3:PutObject");
    assertThat(first.notActions()).isNull();
    assertThat(first.resources()).containsExactly("*");
    Statement second = doc.statements().get(1);
    assertThat(second.effect()).isEqualTo(Effect.DENY);
    assertThat(second.actions()).isNull();
    assertThat(second.notActions()).containsExactly("iam:*");
    assertThat(second.resources()).isNull();
    assertThat(second.notResources()).containsExactly("arn:aws:s3:::a", "x");
    assertThat(second.principal()).isNull();
    assertThat(second.notPrincipal())
        .isEqualTo(
            new Principals(false, Map.of("AWS", List.of("arn:aws:iam::111111111111:role/admin"))));
  }

  @Test
  void missingResourceIsAllowedAndNull() {
    Statement s = parseOne("{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}");
    assertThat(s.resources()).isNull();
    assertThat(s.notResources()).isNull();
  }

  @Test
  void principalStarAndAwsStarAreTheSame() {
    Principals star = parseOne(withPrincipal("\"*\"")).principal();
    Principals awsStar = parseOne(withPrincipal("{\"AWS\": \"*\"}")).principal();
    Principals awsStarList = parseOne(withPrincipal("{\"AWS\": [\"*\"]}")).principal();
    assertThat(star).isEqualTo(Principals.everyone());
    assertThat(awsStar).isEqualTo(star);
    assertThat(awsStarList).isEqualTo(star);
  }

  @Test
  void principalMapWithListsKeepsTypesAndOrder() {
    Principals p =
        parseOne(
                withPrincipal(
                    """
                    {"AWS": ["arn:aws:iam::111111111111:root", "222222222222"],
                     "Service": "cloudtrail.amazonaws.com",
                     "Federated": "cognito-identity.amazonaws.com",
                     "CanonicalUser": "79a59df900b949e55d96a1e698fbace"}
                    """))
            .principal();
    assertThat(p.wildcard()).isFalse();
    assertThat(p.byType().keySet()).containsExactly("AWS", "Service", "Federated", "CanonicalUser");
    assertThat(p.values("AWS")).containsExactly("arn:aws:iam::111111111111:root", "222222222222");
    assertThat(p.values("Service")).containsExactly("cloudtrail.amazonaws.com");
  }

  @Test
  void awsStarAmongOtherPrincipalsSetsWildcardAndKeepsTheRest() {
    Principals p =
        parseOne(withPrincipal("{\"AWS\": [\"*\", \"arn:aws:iam::1:root\"], \"Service\": \"s\"}"))
            .principal();
    assertThat(p.wildcard()).isTrue();
    assertThat(p.byType())
        .isEqualTo(Map.of("AWS", List.of("arn:aws:iam::1:root"), "Service", List.of("s")));
  }

  @Test
  void conditionValuesAreNormalisedToStrings() {
    Statement s =
        parseOne(
            """
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {
               "Bool": {"aws:SecureTransport": false},
               "NumericLessThan": {"s3:TlsVersion": 1.2, "s3:max-keys": 10},
               "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-a/r-b/*", "o-a/r-c/*"]},
               "StringEquals": {"aws:SourceAccount": 111111111111,
                                "aws:MultiFactorAuthPresent": [true, "x"]}
             }}
            """);
    assertThat(s.conditions())
        .containsExactly(
            new Condition("Bool", "aws:SecureTransport", List.of("false")),
            new Condition("NumericLessThan", "s3:TlsVersion", List.of("1.2")),
            new Condition("NumericLessThan", "s3:max-keys", List.of("10")),
            new Condition(
                "ForAnyValue:StringLike",
                "aws:PrincipalOrgPaths",
                List.of("o-a/r-b/*", "o-a/r-c/*")),
            new Condition("StringEquals", "aws:SourceAccount", List.of("111111111111")),
            new Condition("StringEquals", "aws:MultiFactorAuthPresent", List.of("true", "x")));
  }

  @Test
  void invalidJsonReportsLineAndColumn() {
    PolicyParseException e = failure("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}");
    assertThat(e.getMessage()).startsWith("invalid JSON at line 3, column 24: ");
    assertThat(e.path()).isNull();
  }

  @Test
  void trailingGarbageIsInvalidJson() {
    assertThat(failure("{\"Statement\": []} x").getMessage())
        .startsWith("invalid JSON at line 1, column 20: ");
  }

  @Test
  void duplicateKeyIsInvalidJson() {
    assertThat(
            failure(
                    "{\"Statement\": {\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Action\":"
                        + " \"*\"}}")
                .getMessage())
        .startsWith("invalid JSON at line 1, column 43: Duplicate field 'Effect'");
  }

  @Test
  void effectMustBeAllowOrDeny() {
    PolicyParseException e =
        failure(
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\"},"
                + " {\"Effect\": \"Permit\", \"Action\": \"*\"}]}");
    assertThat(e.getMessage())
        .isEqualTo("Statement[1].Effect: expected \"Allow\" or \"Deny\", got \"Permit\"");
    assertThat(e.path()).isEqualTo("Statement[1].Effect");
  }

  @Test
  void effectIsCaseSensitive() {
    assertThat(failure("{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\"}}").getMessage())
        .isEqualTo("Statement.Effect: expected \"Allow\" or \"Deny\", got \"allow\"");
  }

  @Test
  void missingEffect() {
    assertThat(failure("{\"Statement\": [{\"Action\": \"*\"}]}").getMessage())
        .isEqualTo("Statement[0].Effect: missing (expected \"Allow\" or \"Deny\")");
  }

  @Test
  void actionAndNotActionTogether() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\","
                        + " \"NotAction\": \"s3:*\"}]}")
                .getMessage())
        .isEqualTo("Statement[0]: has both Action and NotAction; use one");
  }

  @Test
  void neitherActionNorNotAction() {
    assertThat(
            failure("{\"Statement\": [{\"Effect\": \"Deny\", \"Resource\": \"*\"}]}").getMessage())
        .isEqualTo("Statement[0]: has neither Action nor NotAction");
  }

  @Test
  void resourceAndNotResourceTogether() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\":"
                        + " \"*\", \"NotResource\": \"x\"}]}")
                .getMessage())
        .isEqualTo("Statement[0]: has both Resource and NotResource; use one");
  }

  @Test
  void principalAndNotPrincipalTogether() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Principal\":"
                        + " \"*\", \"NotPrincipal\": {\"AWS\": \"1\"}}]}")
                .getMessage())
        .isEqualTo("Statement[0]: has both Principal and NotPrincipal; use one");
  }

  @Test
  void missingStatement() {
    PolicyParseException e = failure("{\"Version\": \"2012-10-17\"}");
    assertThat(e.getMessage())
        .isEqualTo("Statement: missing (a policy needs at least one statement)");
    assertThat(e.path()).isEqualTo("Statement");
  }

  @Test
  void principalNumber() {
    assertThat(failure(doc(withPrincipal("42"))).getMessage())
        .isEqualTo(
            "Statement[0].Principal: expected \"*\" or an object of principal type to values,"
                + " got a number (42)");
  }

  @Test
  void principalStringOtherThanStar() {
    assertThat(failure(doc(withPrincipal("\"arn:aws:iam::1:root\""))).getMessage())
        .isEqualTo(
            "Statement[0].Principal: expected \"*\" or an object of principal type to values,"
                + " got \"arn:aws:iam::1:root\"");
  }

  @Test
  void unknownPrincipalType() {
    assertThat(failure(doc(withPrincipal("{\"Aws\": \"*\"}"))).getMessage())
        .isEqualTo(
            "Statement[0].Principal.Aws: unknown principal type"
                + " (expected one of [AWS, Service, Federated, CanonicalUser])");
  }

  @Test
  void principalValueOfWrongType() {
    assertThat(failure(doc(withPrincipal("{\"AWS\": [\"1\", 2]}"))).getMessage())
        .isEqualTo("Statement[0].Principal.AWS[1]: expected a string, got a number (2)");
  }

  @Test
  void actionOfWrongType() {
    assertThat(failure("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": {}}]}").getMessage())
        .isEqualTo("Statement[0].Action: expected a string or an array of strings, got an object");
  }

  @Test
  void conditionValueOfWrongType() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
                        + " \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": [null]}}}]}")
                .getMessage())
        .isEqualTo(
            "Statement[0].Condition.StringEquals.aws:SourceAccount[0]: expected a string,"
                + " boolean or number (or a list of them), got null");
  }

  @Test
  void conditionOperatorMustMapToObject() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
                        + " \"Condition\": {\"Bool\": \"true\"}}]}")
                .getMessage())
        .isEqualTo(
            "Statement[0].Condition.Bool: expected an object of condition key to values,"
                + " got a string");
  }

  @Test
  void unknownStatementElementIsRejected() {
    assertThat(
            failure(
                    "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
                        + " \"Resources\": \"*\"}]}")
                .getMessage())
        .isEqualTo(
            "Statement[0].Resources: unknown element (expected one of [Sid, Effect, Principal,"
                + " NotPrincipal, Action, NotAction, Resource, NotResource, Condition])");
  }

  @Test
  void topLevelMustBeObject() {
    assertThat(failure("[]").getMessage())
        .isEqualTo("policy document must be a JSON object, got an array");
  }

  @Test
  void emptyDocument() {
    assertThat(failure("  ").getMessage()).isEqualTo("policy document is empty");
  }

  @Test
  void statementOfWrongType() {
    assertThat(failure("{\"Statement\": \"Allow\"}").getMessage())
        .isEqualTo("Statement: expected an object or an array of objects, got a string");
    assertThat(failure("{\"Statement\": [1]}").getMessage())
        .isEqualTo("Statement[0]: expected a statement object, got a number (1)");
  }

  @Test
  void versionMustBeString() {
    assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\": 2012, \"Statement\": []}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessage("Version: expected a string, got a number (2012)");
  }

  private static Statement parseOne(String statementJson) {
    return PolicyDocument.parse("{\"Statement\": [" + statementJson + "]}").statements().get(0);
  }

  private static String withPrincipal(String principalJson) {
    return "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Principal\": "
        + principalJson
        + "}";
  }

  private static String doc(String statementJson) {
    return "{\"Statement\": [" + statementJson + "]}";
  }
}
