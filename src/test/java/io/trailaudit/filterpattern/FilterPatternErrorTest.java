package io.trailaudit.filterpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPatternErrorTest {

  private static FilterPatternException failure(String pattern) {
    FilterPatternException e =
        catchThrowableOfType(FilterPatternException.class, () -> FilterPattern.parse(pattern));
    assertThat(e).as("parse failure for %s", pattern).isNotNull();
    return e;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        // unbalanced parentheses
        "{ ($.a = 1 } # 11 # expected \")\"",
        "{ (($.a = 1) } # 13 # expected \")\"",
        "{ ($.a = 1 # 10 # expected \")\"",
        "{ $.a = 1) } # 9 # unbalanced \")\"",
        "{ ($.a = 1 $.b = 2) } # 11 # expected \"&&\", \"||\" or \")\"",
        // missing value
        "{ $.a = } # 8 # expected a value",
        "{ $.a != || $.b = 1 } # 9 # expected a value",
        "{ ($.a =) } # 8 # expected a value",
        "{ $.a = # 7 # expected a value",
        // operators
        "{ $.a ~ 1 } # 6 # unknown operator \"~\"",
        "{ $.a == 1 } # 6 # unknown operator \"==\"",
        "{ $.a ! 1 } # 6 # unknown operator \"!\"",
        "{ $.a LIKE x } # 6 # unknown operator \"LIKE\"",
        "{ $.a } # 6 # expected an operator (=, !=, <, <=, >, >=, IS, NOT EXISTS)",
        "{ $.a is null } # 6 # unknown operator \"is\" (keywords are upper case: IS NULL,"
            + " IS TRUE, IS FALSE, NOT EXISTS)",
        "{ $.a IS EMPTY } # 9 # expected NULL, TRUE or FALSE after IS",
        "{ $.a NOT NULL } # 10 # expected EXISTS after NOT",
        "{ $.a > abc } # 8 # expected a number after \">\"",
        "{ $.a <= \"5\" } # 9 # expected a number after \"<=\"",
        "{ $.a = 1 & $.b = 2 } # 10 # expected \"&&\", \"||\" or \"}\"",
        // trailing garbage and missing braces
        "{ $.a = 1 } x # 12 # unexpected text after the closing \"}\"",
        "{ $.a = 1 }} # 11 # unexpected text after the closing \"}\"",
        "{ $.a = 1 # 9 # expected \"}\"",
        "{ $.a = 1 $.b = 2 } # 10 # expected \"&&\", \"||\" or \"}\"",
        // conditions and selectors
        "{ } # 2 # expected a condition",
        "{ () } # 3 # expected a condition",
        "{ $.a = 1 || } # 13 # expected a condition",
        "{ eventName = x } # 2 # expected a selector starting with \"$.\"",
        "{ !($.a = 1) } # 2 # expected a selector starting with \"$.\"",
        "{ $ = 1 } # 3 # expected \".\" and a property name after \"$\"",
        "{ $[0] = 1 } # 3 # expected \".\" and a property name after \"$\"",
        "{ $.a. = 1 } # 6 # expected a property name",
        "{ $.a[x] = 1 } # 6 # expected an array index",
        "{ $.a[1 = 1 } # 7 # expected \"]\" to close the \"[\" at position 5",
        "{ $.a@b = 1 } # 5 # unknown operator \"@\"",
        // values
        "{ $.a = \"abc } # 8 # unterminated string",
        "{ $.a = %ab(c)% } # 11 # CloudWatch Logs regular expressions do not support \"(\"",
        "{ $.a = %ab! } # 8 # unterminated regular expression (no closing %)",
        "{ $.a = %a b% } # 10 # character \" \" is not allowed in a CloudWatch Logs regular expression",
        "{ $.a = %\\bword% } # 9 # the escape \\b in a regular expression cannot be evaluated",
        "{ $.a = %ab\\% } # 11 # a regular expression cannot end with \"\\\"",
        "{ $.a = %[ab% } # 9 # malformed regular expression: Unclosed character class",
        "{ $.a > %1% } # 6 # a regular expression needs \"=\" or \"!=\", not \">\"",
        "{ $.a = %x% || $.b = %y% || $.c = %z% } # 34 # more than 2 regular expressions in one pattern",
        "%ab% x # 5 # unexpected text after the regular expression",
      })
  void errorsNameTheProblemAndItsPosition(String pattern, int position, String reason) {
    FilterPatternException e = failure(pattern);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e).hasMessage(reason + " at position " + position);
  }

  @Test
  void positionIsTheOffsetInTheWholeText() {
    String p = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail }";
    FilterPatternException e = failure(p);
    assertThat(e).hasMessage("expected \")\" at position 60");
    assertThat(p.charAt(e.position())).isEqualTo('}');
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "ERROR # 0 # term",
        "\"Failed authentication\" # 0 # term",
        "?ERROR ?WARN # 0 # term",
        "'  [ip, user, status_code = 4*]' # 2 # space-delimited",
      })
  void nonJsonPatternsAreRejectedNotCrashedOn(String pattern, int position, String kind) {
    FilterPatternException e = failure(pattern);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.reason())
        .isEqualTo(
            "only JSON filter patterns ({ $.field = value }) and regular expressions (%...%) are"
                + " supported, not a "
                + kind
                + " pattern");
  }

  @Test
  void emptyPatternIsRejected() {
    assertThat(failure("   ").reason()).startsWith("the empty pattern matches every event");
  }

  @Test
  void deeplyNestedParenthesesFailCleanly() {
    int depth = 2_000;
    String p = "{ " + "(".repeat(depth) + "$.a = 1" + ")".repeat(depth) + " }";
    FilterPatternException e = failure(p);
    assertThat(e.position()).isEqualTo(2 + Parser.MAX_DEPTH);
    assertThat(e.reason()).isEqualTo("parentheses nested more than 100 deep");
  }

  @Test
  void deeplyNestedUnclosedParenthesesFailCleanly() {
    FilterPatternException e = failure("{" + "(".repeat(1_000_000));
    assertThat(e.position()).isEqualTo(1 + Parser.MAX_DEPTH);
  }
}
