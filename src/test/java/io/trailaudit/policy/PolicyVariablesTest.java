package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyVariablesTest {
  private static final String PATTERN = "arn:aws:s3:::logs-${aws:PrincipalAccount}/*";

  @Test
  void knownVariableIsSubstitutedCaseInsensitively() {
    Glob g =
        PolicyVariables.compile(
            PATTERN, Map.of("AWS:principalaccount", "111"), PolicyVariables.Unknown.NONE);
    assertThat(g.matches("arn:aws:s3:::logs-111/k", false)).isTrue();
    assertThat(g.matches("arn:aws:s3:::logs-222/k", false)).isFalse();
  }

  @Test
  void substitutedValueIsLiteral() {
    Glob g = PolicyVariables.compile("a-${v}", Map.of("v", "*"), PolicyVariables.Unknown.ANY);
    assertThat(g.matches("a-*", false)).isTrue();
    assertThat(g.matches("a-x", false)).isFalse();
  }

  @Test
  void unknownVariableIsStarForCouldMatch() {
    Glob g = PolicyVariables.compile(PATTERN, Map.of(), PolicyVariables.Unknown.ANY);
    assertThat(g.toString()).isEqualTo("arn:aws:s3:::logs-*/*");
    assertThat(g.matches("arn:aws:s3:::logs-999/x", false)).isTrue();
  }

  @Test
  void unknownVariableMatchesNothingForCertainlyMatches() {
    Glob g = PolicyVariables.compile(PATTERN, Map.of(), PolicyVariables.Unknown.NONE);
    assertThat(g.matches("arn:aws:s3:::logs-999/x", false)).isFalse();
    assertThat(g.includes(Glob.prefix("arn:aws:s3:::logs-999/"), false)).isFalse();
  }

  @Test
  void escapesAndDefaults() {
    Glob g =
        PolicyVariables.compile(
            "${*}${?}${$}-${aws:username, 'nobody'}", Map.of(), PolicyVariables.Unknown.NONE);
    assertThat(g.matches("*?$-nobody", false)).isTrue();
    assertThat(g.matches("x?$-nobody", false)).isFalse();
  }

  @Test
  void literalModeKeepsStarsLiteral() {
    Glob g = PolicyVariables.compile("a*${v}", Map.of(), PolicyVariables.Unknown.ANY, false);
    assertThat(g.matches("a*anything", false)).isTrue();
    assertThat(g.matches("abc", false)).isFalse();
  }

  @Test
  void unterminatedVariableIsLiteralText() {
    Glob g = PolicyVariables.compile("a${b", Map.of(), PolicyVariables.Unknown.NONE);
    assertThat(g.matches("a${b", false)).isTrue();
  }

  @Test
  void substitute() {
    assertThat(PolicyVariables.substitute("u/${aws:username}", Map.of("aws:username", "bob")))
        .isEqualTo(Optional.of("u/bob"));
    assertThat(PolicyVariables.substitute("u/${aws:username}", Map.of())).isEmpty();
    assertThat(PolicyVariables.substitute("plain*", Map.of())).isEqualTo(Optional.of("plain*"));
  }

  @Test
  void hasVariables() {
    assertThat(PolicyVariables.hasVariables(PATTERN)).isTrue();
    assertThat(PolicyVariables.hasVariables("a${*}b")).isFalse();
    assertThat(PolicyVariables.hasVariables("arn:aws:s3:::b/*")).isFalse();
  }
}
