package io.trailaudit.policy;

import static io.trailaudit.policy.Policies.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublicAllowsTest {

  private static List<PublicAllow> publicAllows(PolicyDocument doc) {
    return PolicyQuestions.publicAllows(doc);
  }

  private static String everyoneWith(String condition) {
    return "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\","
        + " \"Resource\": \"arn:aws:s3:::trail-logs/*\", \"Condition\": {"
        + condition
        + "}}";
  }

  private static boolean isPublic(String condition) {
    return !publicAllows(document(everyoneWith(condition))).isEmpty();
  }

  @Test
  void cloudTrailBucketPolicyIsNotPublic() {
    assertThat(publicAllows(Policies.cloudTrailBucketPolicy(Policies.TLS_ONLY))).isEmpty();
  }

  @Test
  void cloudTrailKeyPolicyIsNotPublic() {
    assertThat(publicAllows(Policies.cloudTrailKeyPolicy())).isEmpty();
  }

  @Test
  void publicReadIsReportedWithIndexAndSid() {
    List<PublicAllow> found = publicAllows(Policies.cloudTrailBucketPolicy(Policies.PUBLIC_READ));
    assertThat(found).hasSize(1);
    PublicAllow allow = found.get(0);
    assertThat(allow.statement().index()).isEqualTo(2);
    assertThat(allow.statement().sid()).isEqualTo("PublicRead");
    assertThat(allow.describe())
        .isEqualTo(
            "Statement[2] (Sid PublicRead): allows Action [s3:GetObject, s3:GetObjectVersion]"
                + " to every principal (\"*\") with no condition");
  }

  @Test
  void awsStarWithUnrelatedConditionIsPublic() {
    List<PublicAllow> found =
        publicAllows(
            document(
                "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:*\","
                    + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": true}}}"));
    assertThat(found)
        .extracting(PublicAllow::describe)
        .containsExactly(
            "Statement[0]: allows Action [s3:*] to every principal (\"*\"); no condition pins"
                + " the caller to fixed values (Bool aws:SecureTransport [true]:"
                + " aws:SecureTransport does not identify the caller)");
  }

  @Test
  void notPrincipalAllowIsPublic() {
    List<PublicAllow> found =
        publicAllows(
            document(
                "{\"Sid\": \"AllButOne\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                    + " \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111111111111:user/eve\"}}"));
    assertThat(found)
        .extracting(PublicAllow::describe)
        .containsExactly(
            "Statement[0] (Sid AllButOne): allows Action [s3:GetObject] to every principal except"
                + " NotPrincipal [AWS arn:aws:iam::111111111111:user/eve] with no condition");
  }

  @Test
  void sourceAccountConditionRestricts() {
    assertThat(isPublic("\"StringEquals\": {\"aws:SourceAccount\": \"111111111111\"}")).isFalse();
  }

  @Test
  void restrictingKeyIsCaseInsensitive() {
    assertThat(isPublic("\"StringEquals\": {\"AWS:SOURCEACCOUNT\": \"111111111111\"}")).isFalse();
  }

  @Test
  void orgIdRestrictsPlainOrWithForAnyValue() {
    assertThat(isPublic("\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}")).isFalse();
    assertThat(isPublic("\"ForAnyValue:StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}"))
        .isFalse();
  }

  @Test
  void orgPathsAreNotACallerKey() {
    // S3's rule lists aws:PrincipalOrgID, not the org paths: a path pattern is not a fixed value
    assertThat(isPublic("\"ForAnyValue:StringLike\": {\"aws:PrincipalOrgPaths\": \"o-a/r-b/*\"}"))
        .isTrue();
  }

  @Test
  void wildcardsInCallerValuesArePublic() {
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*\"}")).isTrue();
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalAccount\": \"????????????\"}")).isTrue();
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalOrgID\": \"o-*\"}")).isTrue();
    assertThat(
            isPublic(
                "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:*:111111111111:trail/*\"}"))
        .isTrue();
    assertThat(isPublic("\"StringEquals\": {\"aws:SourceAccount\": \"${aws:PrincipalAccount}\"}"))
        .isTrue();
  }

  @Test
  void fixedCallerValuesRestrict() {
    assertThat(
            isPublic(
                "\"StringEquals\": {\"aws:PrincipalArn\":"
                    + " \"arn:aws:iam::111111111111:role/Reader\"}"))
        .isFalse();
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalAccount\": \"111111111111\"}")).isFalse();
    assertThat(isPublic("\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}")).isFalse();
    assertThat(isPublic("\"StringEquals\": {\"aws:SourceVpc\": \"vpc-1a2b3c4d\"}")).isFalse();
    assertThat(isPublic("\"StringEqualsIgnoreCase\": {\"aws:SourceOwner\": \"111111111111\"}"))
        .isFalse();
  }

  @Test
  void userNameIsPublicUserIdIsNot() {
    assertThat(isPublic("\"StringEquals\": {\"aws:username\": \"alice\"}")).isTrue();
    assertThat(isPublic("\"StringEquals\": {\"aws:userid\": \"AIDAJQABLZS4A3QDU576Q\"}")).isFalse();
    // S3's one allowed pattern: the sessions of one role
    assertThat(isPublic("\"StringLike\": {\"aws:userid\": \"AROAJQABLZS4A3QDU576Q:*\"}")).isFalse();
    assertThat(isPublic("\"StringLike\": {\"aws:userid\": \"AROA*:*\"}")).isTrue();
  }

  @Test
  void nullAndIfExistsVariantsDoNotRestrict() {
    assertThat(isPublic("\"Null\": {\"aws:PrincipalOrgID\": \"false\"}")).isTrue();
    assertThat(isPublic("\"ArnLikeIfExists\": {\"aws:PrincipalArn\": \"arn:aws:iam::1:role/r\"}"))
        .isTrue();
    assertThat(
            isPublic("\"StringNotEqualsIgnoreCase\": {\"aws:PrincipalAccount\": \"111111111111\"}"))
        .isTrue();
  }

  @Test
  void sourceIpRangesThatCoverEverythingArePublic() {
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": [\"0.0.0.0/1\", \"128.0.0.0/1\"]}"))
        .isTrue();
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"::/0\"]}")).isTrue();
    assertThat(
            isPublic(
                "\"IpAddress\": {\"aws:SourceIp\": [\"0.0.0.0/2\", \"64.0.0.0/2\","
                    + " \"128.0.0.0/2\", \"192.0.0.0/2\"]}"))
        .isTrue();
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": [\"0.0.0.0/1\", \"2001:db8::/32\"]}"))
        .isFalse();
    assertThat(isPublic("\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}")).isTrue();
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": \"not-an-ip\"}")).isTrue();
  }

  @Test
  void reasonSaysWhichValueIsNotFixed() {
    assertThat(
            publicAllows(
                document(everyoneWith("\"StringLike\": {\"aws:PrincipalOrgID\": \"o-*\"}"))))
        .extracting(PublicAllow::describe)
        .containsExactly(
            "Statement[0]: allows Action [s3:GetObject] to every principal (\"*\"); no condition"
                + " pins the caller to fixed values (StringLike aws:PrincipalOrgID [o-*]: \"o-*\""
                + " is not a fixed value (it has a wildcard or a policy variable))");
  }

  @Test
  void ifExistsDoesNotRestrict() {
    assertThat(isPublic("\"StringEqualsIfExists\": {\"aws:SourceAccount\": \"111111111111\"}"))
        .isTrue();
  }

  @Test
  void negatedOperatorDoesNotRestrict() {
    assertThat(isPublic("\"StringNotEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}")).isTrue();
  }

  @Test
  void forAllValuesDoesNotRestrict() {
    assertThat(isPublic("\"ForAllValues:StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}"))
        .isTrue();
  }

  @Test
  void wildcardValuesDoNotRestrict() {
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalArn\": \"*\"}")).isTrue();
    assertThat(isPublic("\"ArnLike\": {\"aws:SourceArn\": \"arn:*:*:*:*:*\"}")).isTrue();
    assertThat(isPublic("\"StringLike\": {\"aws:PrincipalArn\": [\"arn:aws:iam::1:*\", \"*\"]}"))
        .isTrue();
  }

  @Test
  void sourceIpRestrictsUnlessItIsEverywhere() {
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}")).isFalse();
    assertThat(isPublic("\"IpAddress\": {\"aws:SourceIp\": \"0.0.0.0/0\"}")).isTrue();
  }

  @Test
  void specificPrincipalsAndDeniesAreNotPublic() {
    assertThat(
            publicAllows(
                document(
                    "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111111111111\"},"
                        + " \"Action\": \"s3:*\"}",
                    "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\"}")))
        .isEmpty();
  }

  @Test
  void serviceWithoutConditionIsNotPublic() {
    assertThat(publicAllows(document(Policies.KEY_CLOUDTRAIL_DESCRIBE))).isEmpty();
  }
}
