package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
  private static final RequestContext EMPTY = RequestContext.empty();

  private static boolean holds(String op, String key, List<String> values, RequestContext req) {
    return ConditionEvaluator.holds(new Condition(op, key, values), req);
  }

  @Test
  void stringEqualsIsCaseSensitiveAndKeysAreNot() {
    RequestContext req = EMPTY.with("aws:SourceAccount", "111");
    assertThat(holds("StringEquals", "AWS:sourceaccount", List.of("222", "111"), req)).isTrue();
    assertThat(holds("StringEquals", "aws:SourceAccount", List.of("222"), req)).isFalse();
    assertThat(holds("StringEqualsIgnoreCase", "k", List.of("AbC"), EMPTY.with("k", "aBc")))
        .isTrue();
  }

  @Test
  void negatedOperatorIsTheNegationOfAllValues() {
    RequestContext req = EMPTY.with("aws:PrincipalArn", "arn:aws:iam::1:role/admin");
    assertThat(holds("ArnNotLike", "aws:PrincipalArn", List.of("arn:aws:iam::1:role/*"), req))
        .isFalse();
    assertThat(holds("StringNotEquals", "aws:PrincipalArn", List.of("a", "b"), req)).isTrue();
  }

  @Test
  void missingKey() {
    assertThat(holds("StringEquals", "k", List.of("v"), EMPTY)).isFalse();
    assertThat(holds("StringNotEquals", "k", List.of("v"), EMPTY)).isTrue();
    assertThat(holds("StringEqualsIfExists", "k", List.of("v"), EMPTY)).isTrue();
    assertThat(holds("ForAllValues:StringEquals", "k", List.of("v"), EMPTY)).isTrue();
    assertThat(holds("ForAnyValue:StringEquals", "k", List.of("v"), EMPTY)).isFalse();
  }

  @Test
  void nullOperator() {
    assertThat(holds("Null", "k", List.of("true"), EMPTY)).isTrue();
    assertThat(holds("Null", "k", List.of("false"), EMPTY)).isFalse();
    assertThat(holds("Null", "k", List.of("false"), EMPTY.with("k", "x"))).isTrue();
  }

  @Test
  void setQualifiers() {
    RequestContext req = EMPTY.with("aws:TagKeys", "env", "owner");
    assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", List.of("env", "owner", "x"), req))
        .isTrue();
    assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", List.of("env"), req)).isFalse();
    assertThat(holds("ForAnyValue:StringEquals", "aws:TagKeys", List.of("env"), req)).isTrue();
    assertThat(holds("ForAnyValue:StringNotEquals", "aws:TagKeys", List.of("env"), req)).isTrue();
    assertThat(holds("ForAllValues:StringNotEquals", "aws:TagKeys", List.of("env"), req)).isFalse();
  }

  @Test
  void stringLikeAndVariables() {
    RequestContext req = EMPTY.with("aws:username", "bob").with("s3:prefix", "home/bob/photos");
    assertThat(holds("StringLike", "s3:prefix", List.of("home/${aws:username}/*"), req)).isTrue();
    assertThat(holds("StringLike", "s3:prefix", List.of("home/${aws:userid}/*"), req)).isFalse();
    assertThat(holds("StringEquals", "aws:username", List.of("${aws:username}"), req)).isTrue();
  }

  @Test
  void arnLikeMatchesPerComponent() {
    RequestContext req =
        EMPTY.with("aws:SourceArn", "arn:aws:cloudtrail:us-east-1:111111111111:trail/t");
    assertThat(
            holds("ArnLike", "aws:SourceArn", List.of("arn:aws:cloudtrail:*:111111111111:*"), req))
        .isTrue();
    assertThat(holds("ArnLike", "aws:SourceArn", List.of("arn:aws:cloudtrail:*:222:*"), req))
        .isFalse();
    assertThat(holds("ArnLike", "aws:SourceArn", List.of("arn:aws:CloudTrail:*:*:*"), req))
        .isFalse();
    assertThat(holds("ArnEquals", "aws:SourceArn", List.of("*"), req)).isTrue();
  }

  @Test
  void boolNumericAndDate() {
    assertThat(
            holds(
                "Bool",
                "aws:SecureTransport",
                List.of("false"),
                EMPTY.with("aws:SecureTransport", "FALSE")))
        .isTrue();
    RequestContext tls = EMPTY.with("s3:TlsVersion", "1.2");
    assertThat(holds("NumericLessThan", "s3:TlsVersion", List.of("1.2"), tls)).isFalse();
    assertThat(holds("NumericLessThan", "s3:TlsVersion", List.of("1.3"), tls)).isTrue();
    assertThat(holds("NumericGreaterThanEquals", "s3:TlsVersion", List.of("1.2"), tls)).isTrue();
    assertThat(holds("NumericEquals", "s3:TlsVersion", List.of("x"), tls)).isFalse();
    RequestContext now = EMPTY.with("aws:CurrentTime", "2026-01-02T00:00:00Z");
    assertThat(holds("DateLessThan", "aws:CurrentTime", List.of("2026-06-01"), now)).isTrue();
    assertThat(holds("DateGreaterThan", "aws:CurrentTime", List.of("1767225600"), now)).isTrue();
  }

  @Test
  void ipAddress() {
    RequestContext req = EMPTY.with("aws:SourceIp", "203.0.113.9");
    assertThat(holds("IpAddress", "aws:SourceIp", List.of("203.0.113.0/24"), req)).isTrue();
    assertThat(holds("IpAddress", "aws:SourceIp", List.of("198.51.100.0/24"), req)).isFalse();
    assertThat(holds("NotIpAddress", "aws:SourceIp", List.of("198.51.100.0/24"), req)).isTrue();
    assertThat(holds("IpAddress", "aws:SourceIp", List.of("0.0.0.0/0"), req)).isTrue();
    assertThat(
            holds(
                "IpAddress",
                "aws:SourceIp",
                List.of("2001:db8::/32"),
                EMPTY.with("aws:SourceIp", "2001:db8::1")))
        .isTrue();
    assertThat(holds("IpAddress", "aws:SourceIp", List.of("not-an-ip"), req)).isFalse();
  }

  @Test
  void allHoldAndsConditions() {
    List<Condition> cs =
        List.of(
            new Condition("Bool", "aws:SecureTransport", List.of("false")),
            new Condition("StringEquals", "aws:SourceAccount", List.of("1")));
    RequestContext req = EMPTY.with("aws:SecureTransport", "false");
    assertThat(ConditionEvaluator.allHold(cs, req)).isFalse();
    assertThat(ConditionEvaluator.allHold(cs, req.with("aws:SourceAccount", "1"))).isTrue();
    assertThat(ConditionEvaluator.allHold(List.of(), EMPTY)).isTrue();
  }

  @Test
  void unknownOperatorIsRejected() {
    assertThatThrownBy(() -> holds("StringSortOf", "k", List.of("v"), EMPTY.with("k", "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported condition operator StringSortOf");
  }
}
