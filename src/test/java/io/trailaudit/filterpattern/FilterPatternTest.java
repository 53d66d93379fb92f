package io.trailaudit.filterpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPatternTest {
  // The sample event of the CloudWatch Logs User Guide, "JSON metric filter examples".
  static final String DOC_EVENT =
      """
      {"eventType": "UpdateTrail", "sourceIPAddress": "111.111.111.111",
       "arrayKey": ["value", "another value"],
       "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
       "SomeObject": null, "ThisFlag": true}
      """;

  // The sample event of the same guide's "JSON compound conditions".
  static final String COMPOUND_EVENT =
      """
      {"user": {"id": 1, "email": "John.Stiles@example.com"},
       "users": [{"id": 2, "email": "John.Doe@example.com"},
                 {"id": 3, "email": "Jane.Doe@example.com"}],
       "actions": ["GET", "PUT", "DELETE"],
       "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]}
      """;

  static final String EVENT =
      """
      {"eventName": "PutUserPolicy", "eventSource": "iam.amazonaws.com",
       "recipientAccountId": "111122223333", "latency": 250, "ratio": 0.5, "errorCode": 400,
       "my-field_name": {"sub-key_1": "x"}, "empty": "", "nothing": null,
       "flag": false, "on": true, "flagText": "true", "tags": ["a", "b"], "obj": {"k": "v"}}
      """;

  private static boolean matches(String pattern, String event) {
    return FilterPattern.parse(pattern).matches(event);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{ $.eventType = \"UpdateTrail\" }",
        "{ $.sourceIPAddress != 123.123.* }",
        "{ $.arrayKey[0] = \"value\" }",
        "{ $.objectList[1].id = 2 }",
        "{ $.SomeObject IS NULL }",
        "{ $.SomeOtherObject NOT EXISTS }",
        "{ $.ThisFlag IS TRUE }",
      })
  void documentedExamplesMatchTheDocumentedEvent(String pattern) {
    assertThat(matches(pattern, DOC_EVENT)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") } # true",
        "{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"GET\" } # false",
        "{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch"
            + " && $.actions[2] = nomatch } # true",
        "{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch)"
            + " && $.actions[2] = nomatch } # false",
      })
  void documentedCompoundExamples(String pattern, boolean expected) {
    assertThat(matches(pattern, COMPOUND_EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.eventName = PutUserPolicy } # true",
        "{ $.eventName = \"PutUserPolicy\" } # true",
        "{ $.eventName = putuserpolicy } # false",
        "{ $.eventName != PutUserPolicy } # false",
        "{ $.eventName != DeleteUserPolicy } # true",
        "{ $.eventSource = iam.amazonaws.com } # true",
        "{ $.empty = \"\" } # true",
      })
  void stringEqualityIsExactAndCaseSensitive(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.eventName = Put* } # true",
        "{ $.eventName = \"Put*\" } # true",
        "{ $.eventName = Delete* } # false",
        "{ $.eventName = *Policy } # true",
        "{ $.eventName = *Group } # false",
        "{ $.eventName = *User* } # true",
        "{ $.eventName = *Group* } # false",
        "{ $.eventName = Put*Policy } # false",
        "{ $.eventName != Put* } # false",
        "{ $.eventSource != *.amazonaws.com } # false",
      })
  void wildcardsAtEitherEnd(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @Test
  void wildcardInsideTheTextIsTheCharacterItself() {
    // "Ev*ent will only match the actual string Ev*ent" (CloudWatch Logs User Guide).
    assertThat(matches("{ $.a = Ev*ent }", "{\"a\": \"Ev*ent\"}")).isTrue();
    assertThat(matches("{ $.a = Ev*ent }", "{\"a\": \"Event\"}")).isFalse();
    assertThat(matches("{ $.a = \"a*c\" }", "{\"a\": \"abc\"}")).isFalse();
    assertThat(matches("{ $.a = \"*b*c*\" }", "{\"a\": \"ab*cd\"}")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.eventName = * } # true",
        "{ $.latency = * } # true",
        "{ $.empty = * } # true",
        "{ $.absent = * } # false",
        "{ $.nothing = * } # false",
        "{ $.flag = * } # false",
        "{ $.tags = * } # false",
        "{ $.obj = * } # false",
      })
  void starAloneMatchesAnyPresentStringOrNumber(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.latency = 250 } # true",
        "{ $.latency = 250.0 } # true",
        "{ $.latency = 2.5e2 } # true",
        "{ $.latency != 250 } # false",
        "{ $.latency != 500 } # true",
        "{ $.latency > 249 } # true",
        "{ $.latency > 250 } # false",
        "{ $.latency >= 250 } # true",
        "{ $.latency < 251 } # true",
        "{ $.latency < 250 } # false",
        "{ $.latency <= 250 } # true",
        "{ $.latency > +100 } # true",
        "{ $.latency > -1 } # true",
        "{ $.ratio < 10e-1 } # true",
        "{ $.ratio >= 0.6 } # false",
        "{ $.errorCode = 400 } # true",
        "{ $.errorCode != 500 } # true",
        "{ $.recipientAccountId = 111122223333 } # true",
        "{ $.recipientAccountId != 111122223333 } # false",
        "{ $.recipientAccountId > 1 } # false",
        "{ $.latency = \"250\" } # true",
        "{ $.absent < 1 } # false",
        "{ $.tags > 1 } # false",
      })
  void numericComparisons(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        // present and null
        "{ $.nothing IS NULL } # true",
        "{ $.nothing NOT EXISTS } # false",
        "{ $.nothing = x } # false",
        "{ $.nothing != x } # false",
        // missing
        "{ $.absent IS NULL } # false",
        "{ $.absent NOT EXISTS } # true",
        "{ $.absent = x } # false",
        "{ $.absent != x } # false",
        "{ $.obj.absent NOT EXISTS } # true",
        "{ $.eventName.deeper NOT EXISTS } # true",
        "{ $.tags[5] NOT EXISTS } # true",
        // present
        "{ $.eventName IS NULL } # false",
        "{ $.eventName NOT EXISTS } # false",
        "{ $.obj NOT EXISTS } # false",
        "{ $.empty NOT EXISTS } # false",
      })
  void nullMissingAndPresentAreDistinct(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.on IS TRUE } # true",
        "{ $.on IS FALSE } # false",
        "{ $.flag IS FALSE } # true",
        "{ $.flag IS TRUE } # false",
        "{ $.flagText IS TRUE } # false",
        "{ $.absent IS FALSE } # false",
        "{ $.nothing IS FALSE } # false",
      })
  void booleanTestsNeedABooleanValue(String pattern, boolean expected) {
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{ $.tags = a } # false",
        "{ $.tags != a } # false",
        "{ $.tags[0] = a } # true",
        "{ $.tags[1] = b } # true",
        "{ $.tags[1] != a } # true",
        "{ $.tags[2] = * } # false",
        "{ $.obj = v } # false",
        "{ $.obj != v } # false",
        "{ $.obj.k = v } # true",
        "{ $.obj[0] = v } # false",
        "{ $.tags.a = * } # false",
      })
  void arraysAndObjectsNeedAnIndexOrProperty(String pattern, boolean expected) {
    // "both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an
    // array" (CloudWatch Logs User Guide, JSON special considerations).
    assertThat(matches(pattern, EVENT)).isEqualTo(expected);
  }

  @Test
  void selectorsWithHyphensAndUnderscores() {
    assertThat(matches("{ $.my-field_name.sub-key_1 = x }", EVENT)).isTrue();
  }

  @Test
  void andBindsTighterThanOr() {
    FilterPattern p = FilterPattern.parse("{ $.a = 1 || $.b = 1 && $.c = 1 }");
    assertThat(p.condition()).isInstanceOf(Condition.Or.class);
    assertThat(((Condition.Or) p.condition()).anyOf().get(1)).isInstanceOf(Condition.And.class);
    assertThat(p.matches("{\"a\": 1, \"b\": 0, \"c\": 0}")).isTrue();
    assertThat(p.matches("{\"a\": 0, \"b\": 1, \"c\": 0}")).isFalse();
    assertThat(p.matches("{\"a\": 0, \"b\": 1, \"c\": 1}")).isTrue();
  }

  @Test
  void parenthesesOverridePrecedence() {
    FilterPattern p = FilterPattern.parse("{ ($.a = 1 || $.b = 1) && $.c = 1 }");
    assertThat(p.condition()).isInstanceOf(Condition.And.class);
    assertThat(p.matches("{\"a\": 1, \"b\": 0, \"c\": 0}")).isFalse();
    assertThat(p.matches("{\"a\": 1, \"b\": 0, \"c\": 1}")).isTrue();
  }

  @Test
  void nestedParentheses() {
    FilterPattern p =
        FilterPattern.parse("{(((($.a = 1)) && (($.b = 2) || ($.c = 3))) || ((($.d = 4))))}");
    assertThat(p.matches("{\"a\": 1, \"c\": 3}")).isTrue();
    assertThat(p.matches("{\"a\": 1, \"c\": 4}")).isFalse();
    assertThat(p.matches("{\"d\": 4}")).isTrue();
    assertThat(p).hasToString("{ ($.a = 1 && ($.b = 2 || $.c = 3)) || $.d = 4 }");
  }

  @Test
  void sameOperatorGroupsFlatten() {
    FilterPattern p = FilterPattern.parse("{ ($.a = 1 || ($.b = 2 || $.c = 3)) || $.d = 4 }");
    assertThat(((Condition.Or) p.condition()).anyOf()).hasSize(4);
  }

  @Test
  void whitespaceIsOptionalAndAnyKind() {
    FilterPattern tight = FilterPattern.parse("{($.eventName=PutUserPolicy)||($.a>1)}");
    FilterPattern loose =
        FilterPattern.parse("\n\t{ \n ( $.eventName \t=\n PutUserPolicy ) ||\n($.a   >   1)  }\n");
    assertThat(loose).isEqualTo(tight);
    assertThat(tight.matches(EVENT)).isTrue();
  }

  @Test
  void normalisedFormRoundTrips() {
    String text =
        "{($.eventSource=kms.amazonaws.com)&&"
            + "(($.eventName=DisableKey)||($.eventName=\"Sched\\\"x\"))"
            + "&&$.n>=10e3&&$.x NOT EXISTS&&$.y IS NULL&&$.z[0].w IS FALSE}";
    FilterPattern p = FilterPattern.parse(text);
    assertThat(p)
        .hasToString(
            "{ $.eventSource = \"kms.amazonaws.com\" && ($.eventName = \"DisableKey\""
                + " || $.eventName = \"Sched\\\"x\") && $.n >= 10e3 && $.x NOT EXISTS"
                + " && $.y IS NULL && $.z[0].w IS FALSE }");
    assertThat(FilterPattern.parse(p.toString())).isEqualTo(p);
  }

  @Test
  void quotedStringsKeepSpacesAndEscapedQuotes() {
    assertThat(matches("{ $.m = \"Failed authentication\" }", "{\"m\": \"Failed authentication\"}"))
        .isTrue();
    assertThat(matches("{ $.m = \"say \\\"hi\\\"\" }", "{\"m\": \"say \\\"hi\\\"\"}")).isTrue();
    assertThat(matches("{ $.m = \"a\\\\b\" }", "{\"m\": \"a\\\\b\"}")).isTrue();
  }

  @Test
  void quotedNumberIsAString() {
    Condition.Comparison c =
        (Condition.Comparison) FilterPattern.parse("{ $.a = \"400\" }").condition();
    assertThat(c.value()).isEqualTo(Literal.string("400"));
    Condition.Comparison n =
        (Condition.Comparison) FilterPattern.parse("{ $.a = 400 }").condition();
    assertThat(n.value()).isEqualTo(Literal.number("400"));
  }

  @Test
  void astIsBuiltFromRecords() {
    FilterPattern p = FilterPattern.parse("{ $.a.b[2] != x }");
    assertThat(p.condition())
        .isEqualTo(
            new Condition.Comparison(
                new Selector(
                    List.of(
                        new Selector.Field("a"), new Selector.Field("b"), new Selector.Index(2))),
                Operator.NE,
                Literal.string("x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1, 2]", "\"text\"", "42", "null", ""})
  void eventsThatAreNotJsonObjectsNeverMatch(String event) {
    assertThat(matches("{ $.a NOT EXISTS }", event)).isFalse();
  }

  @Test
  void nullEventNodeDoesNotMatch() {
    assertThat(
            FilterPattern.parse("{ $.a NOT EXISTS }")
                .matches((com.fasterxml.jackson.databind.JsonNode) null))
        .isFalse();
  }

  @Test
  void hundredLevelsOfParenthesesAreFine() {
    String p =
        "{ " + "(".repeat(Parser.MAX_DEPTH) + "$.a = 1" + ")".repeat(Parser.MAX_DEPTH) + " }";
    assertThat(matches(p, "{\"a\": 1}")).isTrue();
  }

  @Test
  void longOrChainsDoNotRecurse() {
    StringBuilder sb = new StringBuilder("{ $.a = 0");
    for (int i = 1; i < 20_000; i++) {
      sb.append(" || $.a = ").append(i);
    }
    FilterPattern p = FilterPattern.parse(sb.append(" }").toString());
    assertThat(p.matches("{\"a\": 19999}")).isTrue();
    assertThat(p.matches("{\"a\": 20000}")).isFalse();
  }

  // ---------------------------------------------------------------- regular expressions

  @ParameterizedTest
  @CsvSource(
      delimiter = '~',
      value = {
        "{ $.eventName = %^Delete[A-Za-z]+$% } ~ {\"eventName\": \"DeleteTrail\"} ~ true",
        "{ $.eventName = %^Delete[A-Za-z]+$% } ~ {\"eventName\": \"BatchDeleteTrail\"} ~ false",
        "{ $.eventName = %Delete% } ~ {\"eventName\": \"BatchDeleteTrail\"} ~ true",
        "{ $.eventName != %Delete% } ~ {\"eventName\": \"StopLogging\"} ~ true",
        "{ $.eventName != %Delete% } ~ {\"eventName\": \"DeleteTrail\"} ~ false",
        "{ $.eventName != %Delete% } ~ {\"other\": 1} ~ false",
        "{ $.errorCode = %Unauthorized|AccessDenied% } ~ {\"errorCode\": \"AccessDenied\"} ~ true",
        "{ $.status = %^4\\d{2}$% } ~ {\"status\": 403} ~ true",
        "{ $.status = %^4\\d{2}$% } ~ {\"status\": 4030} ~ false",
        "{ $.a = %colou?r% && $.b = 1 } ~ {\"a\": \"color\", \"b\": 1} ~ true",
        "%AccessDenied% ~ {\"errorCode\": \"AccessDenied\"} ~ true",
        "%^AccessDenied% ~ {\"errorCode\": \"AccessDenied\"} ~ false",
        "%AUTHORIZED% ~ {\"m\": \"UNAUTHORIZED REQUEST\"} ~ true",
        "%[Ee]rror% ~ {\"m\": \"no problem\"} ~ false",
      })
  void regularExpressionsAreFoundInTheValueOrTheEventText(
      String pattern, String event, boolean expected) {
    assertThat(matches(pattern, event)).isEqualTo(expected);
  }

  @Test
  void regularExpressionsPrintAsWritten() {
    assertThat(FilterPattern.parse("{ $.a = %^x[0-9]+% && $.b != %y% }"))
        .hasToString("{ $.a = %^x[0-9]+% && $.b != %y% }");
    FilterPattern whole = FilterPattern.parse("  %Root%  ");
    assertThat(whole.isJson()).isFalse();
    assertThat(whole).hasToString("%Root%");
    assertThat(FilterPattern.parse(whole.toString())).isEqualTo(whole);
  }
}
