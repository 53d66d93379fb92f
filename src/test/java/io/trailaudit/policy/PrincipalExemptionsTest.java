package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalExemptionsTest {
  private static final String BREAK_GLASS = "arn:aws:iam::111111111111:role/BreakGlass";
  private static final String ROLE_ID = "AROAJQABLZS4A3QDU576Q";
  private static final Map<String, String> IDS = Map.of(ROLE_ID, BREAK_GLASS);

  private static PrincipalExemptions.Exempted exempted(
      String operator, String key, String value, Map<String, String> ids) {
    return PrincipalExemptions.exempted(
        new Condition(operator, key, List.of(value)), value, Map.of(), ids);
  }

  private static boolean within(String operator, String value, List<String> breakGlass) {
    return exempted(operator, "aws:PrincipalArn", value, Map.of()).within(breakGlass);
  }

  @Test
  void exemptionOperatorsAreTheNegatedStringAndArnOnes() {
    for (String op :
        List.of(
            "ArnNotLike",
            "ArnNotEquals",
            "StringNotLike",
            "StringNotEquals",
            "StringNotEqualsIgnoreCase",
            "StringNotEqualsIgnoreCaseIfExists")) {
      assertThat(PrincipalExemptions.isExemption(new Condition(op, "aws:PrincipalArn", List.of())))
          .as(op)
          .isTrue();
    }
    // IAM has no such operators: never an exemption
    for (String op : List.of("ArnNotEqualsIgnoreCase", "StringNotLikeIgnoreCase", "ArnLike")) {
      assertThat(PrincipalExemptions.isExemption(new Condition(op, "aws:PrincipalArn", List.of())))
          .as(op)
          .isFalse();
    }
    assertThat(
            PrincipalExemptions.isExemption(
                new Condition("ForAnyValue:StringNotLike", "aws:PrincipalArn", List.of())))
        .isFalse();
  }

  @Test
  void ignoreCaseOfExactlyTheBreakGlassArnIsWithin() {
    assertThat(within("StringNotEqualsIgnoreCase", BREAK_GLASS, List.of(BREAK_GLASS))).isTrue();
    assertThat(
            within(
                "StringNotEqualsIgnoreCase",
                "arn:aws:iam::111111111111:role/BREAKGLASS",
                List.of(BREAK_GLASS)))
        .isTrue();
    assertThat(
            within(
                "StringNotEqualsIgnoreCase",
                "arn:aws:iam::111111111111:role/BreakGlass2",
                List.of(BREAK_GLASS)))
        .isFalse();
  }

  @Test
  void ignoreCaseUnderAWildcardBreakGlassNeedsEveryNameOfThePrefix() {
    assertThat(
            within(
                "StringNotEqualsIgnoreCase",
                "arn:aws:iam::111111111111:role/BreakGlass",
                List.of("arn:aws:iam::111111111111:role/*")))
        .isTrue();
    // "breakglass-x" is covered case-sensitively by BreakGlass* only in one of its spellings
    assertThat(
            within(
                "StringNotEqualsIgnoreCase",
                "arn:aws:iam::111111111111:role/BreakGlass-x",
                List.of("arn:aws:iam::111111111111:role/BreakGlass*")))
        .isFalse();
  }

  @Test
  void ignoreCaseExemptsEveryBreakGlassSpelling() {
    Glob breakGlass = Glob.of(BREAK_GLASS);
    assertThat(
            exempted(
                    "StringNotEqualsIgnoreCase",
                    "aws:PrincipalArn",
                    "arn:aws:iam::111111111111:role/breakglass",
                    Map.of())
                .covers(breakGlass))
        .isTrue();
    assertThat(
            exempted(
                    "StringNotEquals",
                    "aws:PrincipalArn",
                    "arn:aws:iam::111111111111:role/breakglass",
                    Map.of())
                .covers(breakGlass))
        .isFalse();
  }

  @Test
  void roleIdSessionsResolveToTheRoleWhenItsIdIsKnown() {
    PrincipalExemptions.Exempted e = exempted("StringNotLike", "aws:userid", ROLE_ID + ":*", IDS);
    assertThat(e.within(List.of(BREAK_GLASS))).isTrue();
    assertThat(e.why()).isNull();
  }

  @Test
  void roleIdOfAnotherRoleIsNotWithin() {
    PrincipalExemptions.Exempted e =
        exempted(
            "StringNotLike",
            "aws:userid",
            "AROAOTHER:*",
            Map.of("AROAOTHER", "arn:aws:iam::111111111111:role/Deployer"));
    assertThat(e.within(List.of(BREAK_GLASS))).isFalse();
  }

  @Test
  void unknownOrWildcardRoleIdsCannotBeMatched() {
    PrincipalExemptions.Exempted unknown =
        exempted("StringNotLike", "aws:userid", ROLE_ID + ":*", Map.of());
    assertThat(unknown.within(List.of(BREAK_GLASS))).isFalse();
    assertThat(unknown.why())
        .isEqualTo(
            "aws:userid "
                + ROLE_ID
                + ":* cannot match to a break-glass ARN: the principal with unique id "
                + ROLE_ID
                + " is not known");
    PrincipalExemptions.Exempted wild = exempted("StringNotLike", "aws:userid", "AROA*:*", IDS);
    assertThat(wild.within(List.of("*"))).isFalse();
    assertThat(wild.why()).endsWith("it is not one principal's unique id");
  }
}
