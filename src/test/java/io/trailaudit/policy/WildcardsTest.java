package io.trailaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardsTest {

  @Test
  void starMatchesAnySequenceIncludingEmpty() {
    assertThat(Wildcards.matches("*", "", false)).isTrue();
    assertThat(Wildcards.matches("*", "anything", false)).isTrue();
    assertThat(Wildcards.matches("s3:*", "s3:", true)).isTrue();
    assertThat(Wildcards.matches("s3:*Object", "s3:GetObject", true)).isTrue();
    assertThat(Wildcards.matches("s3:*Object", "s3:GetObjectAcl", true)).isFalse();
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    assertThat(Wildcards.matches("a?c", "abc", false)).isTrue();
    assertThat(Wildcards.matches("a?c", "ac", false)).isFalse();
    assertThat(Wildcards.matches("a?c", "abbc", false)).isFalse();
    assertThat(Wildcards.matches("??", "ab", false)).isTrue();
  }

  @Test
  void literalPatternMustMatchExactly() {
    assertThat(Wildcards.matches("abc", "abc", false)).isTrue();
    assertThat(Wildcards.matches("abc", "abcd", false)).isFalse();
    assertThat(Wildcards.matches("", "", false)).isTrue();
    assertThat(Wildcards.matches("", "a", false)).isFalse();
  }

  @Test
  void actionsMatchCaseInsensitively() {
    assertThat(Wildcards.matches("S3:getobject", "s3:GetObject", true)).isTrue();
    assertThat(Wildcards.matches("s3:Get*", "S3:GETOBJECT", true)).isTrue();
  }

  @Test
  void resourcesMatchCaseSensitively() {
    assertThat(Wildcards.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/k", false))
        .isFalse();
    assertThat(Wildcards.matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/K", false)).isTrue();
  }

  @Test
  void manyStars() {
    assertThat(Wildcards.matches("*a*b*c*", "xxaxxbxxcxx", false)).isTrue();
    assertThat(Wildcards.matches("*a*b*c*", "xxcxxbxxaxx", false)).isFalse();
    assertThat(Wildcards.matches("a**b", "ab", false)).isTrue();
    assertThat(Wildcards.matches("*?*?*", "a", false)).isFalse();
    assertThat(Wildcards.matches("*?*?*", "ab", false)).isTrue();
  }

  @Test
  void pathologicalInputHasNoCatastrophicBacktracking() {
    String as = "a".repeat(10_000);
    assertThat(Wildcards.matches("a*a*a*a*a*a*a*b", as, false)).isFalse();
    assertThat(Wildcards.matches("a*a*a*a*a*a*a*b", as + "b", false)).isTrue();
  }

  @Test
  void coversAllWithPrefix() {
    String prefix = "arn:aws:s3:::b/";
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b/*", prefix, false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b*", prefix, false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("*", prefix, false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::*/*", prefix, false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b/AWSLogs/*", prefix, false)).isFalse();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b/?*", prefix, false)).isFalse();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b", prefix, false)).isFalse();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::b/*x", prefix, false)).isFalse();
    assertThat(Wildcards.coversAllWithPrefix("arn:aws:s3:::B/*", prefix, false)).isFalse();
  }

  @Test
  void coversAllWithPrefixTreatsPrefixLiterally() {
    assertThat(Wildcards.coversAllWithPrefix("a*", "a*", false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("a?*", "a*", false)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("ab*", "a?", false)).isFalse();
  }

  @Test
  void coversAllWithPrefixForActions() {
    assertThat(Wildcards.coversAllWithPrefix("S3:*", "s3:", true)).isTrue();
    assertThat(Wildcards.coversAllWithPrefix("S3:*", "s3:", false)).isFalse();
  }

  @Test
  void includesIsLanguageInclusion() {
    assertThat(Wildcards.includes("arn:aws:iam::1:role/*", "arn:aws:iam::1:role/Admin*", false))
        .isTrue();
    assertThat(Wildcards.includes("arn:aws:iam::1:role/Admin*", "arn:aws:iam::1:role/*", false))
        .isFalse();
    assertThat(Wildcards.includes("*", "a?b*", false)).isTrue();
    assertThat(Wildcards.includes("a*", "a?b*", false)).isTrue();
    assertThat(Wildcards.includes("a?*", "a*", false)).isFalse();
    assertThat(Wildcards.includes("*b*", "a*b", false)).isTrue();
    assertThat(Wildcards.includes("*a*", "*b*", false)).isFalse();
    assertThat(Wildcards.includes("a?c", "abc", false)).isTrue();
    assertThat(Wildcards.includes("abc", "a?c", false)).isFalse();
  }

  @Test
  void intersects() {
    assertThat(Wildcards.intersects("s3:*", "*Object", true)).isTrue();
    assertThat(Wildcards.intersects("iam:*", "s3:*", true)).isFalse();
    assertThat(Wildcards.intersects("*:Get*", "s3:*", true)).isTrue();
    assertThat(Wildcards.intersects("a?", "ab?", false)).isFalse();
    assertThat(Wildcards.intersects("S3:GetObject", "s3:getobject", true)).isTrue();
    assertThat(Wildcards.intersects("S3:GetObject", "s3:getobject", false)).isFalse();
  }

  @Test
  void globMatchesEverythingOnlyForStars() {
    assertThat(Glob.of("*").matchesEverything()).isTrue();
    assertThat(Glob.of("**").matchesEverything()).isTrue();
    assertThat(Glob.of("*?").matchesEverything()).isFalse();
    assertThat(Glob.of("").matchesEverything()).isFalse();
  }
}
