package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementTest {

  private static Statement statement(String json) {
    return PolicyDocument.parse("{\"Statement\": [" + json + "]}").statements().get(0);
  }

  @Test
  void appliesToActionCaseInsensitively() {
    Statement s = statement("{\"Effect\": \"Allow\", \"Action\": [\"S3:get*\", \"kms:Decrypt\"]}");
    assertThat(s.appliesToAction("s3:GetObject")).isTrue();
    assertThat(s.appliesToAction("KMS:decrypt")).isTrue();
    assertThat(s.appliesToAction("s3:PutObject")).isFalse();
  }

  @Test
  void notActionAppliesToEverythingElse() {
    Statement s = statement("{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"s3:Get*\"]}");
    assertThat(s.appliesToAction("s3:DeleteObject")).isTrue();
    assertThat(s.appliesToAction("s3:GetObject")).isFalse();
    assertThat(s.appliesToAction("IAM:CreateUser")).isFalse();
  }

  @Test
  void appliesToAllActionsMatching() {
    assertThat(
            statement("{\"Effect\": \"Deny\", \"Action\": \"*\"}")
                .appliesToAllActionsMatching("s3:*"))
        .isTrue();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"Action\": \"S3:*\"}")
                .appliesToAllActionsMatching("s3:*"))
        .isTrue();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"Action\": [\"s3:Get*\", \"s3:Put*\"]}")
                .appliesToAllActionsMatching("s3:*"))
        .isFalse();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"kms:*\"]}")
                .appliesToAllActionsMatching("s3:*"))
        .isTrue();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"NotAction\": \"s3:GetObject\"}")
                .appliesToAllActionsMatching("s3:*"))
        .isFalse();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"NotAction\": \"*:List*\"}")
                .appliesToAllActionsMatching("s3:*"))
        .isFalse();
  }

  @Test
  void resourcesMatchCaseSensitively() {
    Statement s =
        statement("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::b/*\"}");
    assertThat(s.appliesToResource("arn:aws:s3:::b/k")).isTrue();
    assertThat(s.appliesToResource("arn:aws:s3:::B/k")).isFalse();
    assertThat(s.appliesToResource("arn:aws:s3:::b")).isFalse();
    assertThat(s.coversResource("arn:aws:s3:::b/k")).isTrue();
  }

  @Test
  void notResource() {
    Statement s =
        statement(
            "{\"Effect\": \"Deny\", \"Action\": \"*\", \"NotResource\":"
                + " \"arn:aws:s3:::b/public/*\"}");
    assertThat(s.appliesToResource("arn:aws:s3:::b/private/k")).isTrue();
    assertThat(s.appliesToResource("arn:aws:s3:::b/public/k")).isFalse();
    assertThat(s.coversAllResourcesWithPrefix("arn:aws:s3:::b/")).isFalse();
    assertThat(s.coversAllResourcesWithPrefix("arn:aws:s3:::c/")).isTrue();
  }

  @Test
  void missingResourceAppliesToEveryResource() {
    Statement s = statement("{\"Effect\": \"Deny\", \"Action\": \"*\"}");
    assertThat(s.appliesToResource("arn:aws:s3:::anything")).isTrue();
    assertThat(s.coversAllResourcesWithPrefix("arn:aws:s3:::b/")).isTrue();
  }

  @Test
  void coversAllResourcesWithPrefix() {
    String prefix = "arn:aws:s3:::b/";
    assertThat(
            statement(
                    "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": [\"x\","
                        + " \"arn:aws:s3:::b/*\"]}")
                .coversAllResourcesWithPrefix(prefix))
        .isTrue();
    assertThat(
            statement(
                    "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\":"
                        + " \"arn:aws:s3:::b/AWSLogs/*\"}")
                .coversAllResourcesWithPrefix(prefix))
        .isFalse();
  }

  @Test
  void resourceVariables() {
    Statement s =
        statement(
            "{\"Effect\": \"Deny\", \"Action\": \"*\","
                + " \"Resource\": \"arn:aws:s3:::logs-${aws:PrincipalAccount}/*\"}");
    assertThat(s.appliesToResource("arn:aws:s3:::logs-111/k")).isTrue();
    assertThat(s.coversResource("arn:aws:s3:::logs-111/k")).isFalse();
    Map<String, String> vars = Map.of("aws:PrincipalAccount", "111");
    assertThat(s.coversResource("arn:aws:s3:::logs-111/k", vars)).isTrue();
    assertThat(s.appliesToResource("arn:aws:s3:::logs-222/k", vars)).isFalse();
    assertThat(s.coversAllResourcesWithPrefix("arn:aws:s3:::logs-111/", vars)).isTrue();
  }

  @Test
  void principalScopes() {
    assertThat(
            statement("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": \"*\"}")
                .principalScope())
        .isEqualTo(PrincipalScope.EVERYONE);
    assertThat(
            statement("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": {\"AWS\": \"*\"}}")
                .appliesToEveryPrincipal())
        .isTrue();
    assertThat(
            statement(
                    "{\"Effect\": \"Deny\", \"Action\": \"*\", \"NotPrincipal\": {\"AWS\": \"1\"}}")
                .principalScope())
        .isEqualTo(PrincipalScope.EVERYONE_EXCEPT);
    assertThat(
            statement(
                    "{\"Effect\": \"Deny\", \"Action\": \"*\", \"NotPrincipal\": {\"AWS\": \"1\"}}")
                .appliesToEveryPrincipal())
        .isFalse();
    assertThat(
            statement("{\"Effect\": \"Deny\", \"Action\": \"*\", \"NotPrincipal\": \"*\"}")
                .principalScope())
        .isEqualTo(PrincipalScope.NOBODY);
    assertThat(
            statement(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": {\"Service\":"
                        + " \"s\"}}")
                .principalScope())
        .isEqualTo(PrincipalScope.LISTED);
    assertThat(statement("{\"Effect\": \"Allow\", \"Action\": \"*\"}").principalScope())
        .isEqualTo(PrincipalScope.UNSPECIFIED);
  }

  @Test
  void principalMatches() {
    Statement s =
        statement(
            "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": {"
                + "\"AWS\": [\"111111111111\", \"arn:aws:iam::222222222222:role/r\"],"
                + " \"Service\": \"cloudtrail.amazonaws.com\"}}");
    assertThat(s.principalMatches("AWS", "arn:aws:iam::111111111111:root")).isTrue();
    assertThat(s.principalMatches("AWS", "arn:aws:iam::222222222222:role/r")).isTrue();
    assertThat(s.principalMatches("AWS", "arn:aws:iam::222222222222:role/R")).isFalse();
    assertThat(s.principalMatches("AWS", "222222222222")).isFalse();
    assertThat(s.principalMatches("Service", "CloudTrail.amazonaws.com")).isTrue();
    assertThat(s.principalMatches("Service", "config.amazonaws.com")).isFalse();
  }

  @Test
  void notPrincipalMatchesEveryoneElse() {
    Statement s =
        statement(
            "{\"Effect\": \"Deny\", \"Action\": \"*\","
                + " \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::1:role/breakglass\"}}");
    assertThat(s.principalMatches("AWS", "arn:aws:iam::1:role/breakglass")).isFalse();
    assertThat(s.principalMatches("AWS", "arn:aws:iam::1:role/other")).isTrue();
    assertThat(s.principalMatches("Service", "cloudtrail.amazonaws.com")).isTrue();
  }

  @Test
  void conditionsHold() {
    Statement s =
        statement(
            "{\"Effect\": \"Deny\", \"Action\": \"*\","
                + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}");
    assertThat(s.conditionsHold(RequestContext.empty().with("aws:securetransport", "false")))
        .isTrue();
    assertThat(s.conditionsHold(RequestContext.empty().with("aws:SecureTransport", "true")))
        .isFalse();
    assertThat(s.conditionsOn("AWS:SECURETRANSPORT")).hasSize(1);
  }
}
