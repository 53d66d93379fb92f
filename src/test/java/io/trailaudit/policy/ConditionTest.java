package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {

  private static Condition c(String operator) {
    return new Condition(operator, "aws:PrincipalArn", List.of("x"));
  }

  @Test
  void plainOperator() {
    Condition c = c("StringEquals");
    assertThat(c.baseOperator()).isEqualTo("StringEquals");
    assertThat(c.qualifier()).isEqualTo(Condition.Qualifier.NONE);
    assertThat(c.ifExists()).isFalse();
    assertThat(c.isNegated()).isFalse();
  }

  @Test
  void ifExistsIsStripped() {
    Condition c = c("ArnNotLikeIfExists");
    assertThat(c.baseOperator()).isEqualTo("ArnNotLike");
    assertThat(c.ifExists()).isTrue();
    assertThat(c.isNegated()).isTrue();
    assertThat(c.operatorIs("arnnotlike")).isTrue();
  }

  @Test
  void setPrefixIsStripped() {
    Condition any = c("ForAnyValue:StringLike");
    assertThat(any.baseOperator()).isEqualTo("StringLike");
    assertThat(any.qualifier()).isEqualTo(Condition.Qualifier.FOR_ANY_VALUE);
    Condition all = c("ForAllValues:StringNotEqualsIfExists");
    assertThat(all.baseOperator()).isEqualTo("StringNotEquals");
    assertThat(all.qualifier()).isEqualTo(Condition.Qualifier.FOR_ALL_VALUES);
    assertThat(all.ifExists()).isTrue();
    assertThat(all.isNegated()).isTrue();
    assertThat(all.operator()).isEqualTo("ForAllValues:StringNotEqualsIfExists");
  }

  @Test
  void negatedOperators() {
    assertThat(c("NotIpAddress").isNegated()).isTrue();
    assertThat(c("NumericNotEquals").isNegated()).isTrue();
    assertThat(c("Null").isNegated()).isFalse();
    assertThat(c("BoolIfExists").isNegated()).isFalse();
  }

  @Test
  void keysCompareCaseInsensitively() {
    Condition c = c("StringEquals");
    assertThat(c.keyIs("AWS:principalarn")).isTrue();
    assertThat(c.keyIs("aws:PrincipalAccount")).isFalse();
    assertThat(c.keyIsAnyOf(List.of("a", "AWS:PRINCIPALARN"))).isTrue();
  }
}
