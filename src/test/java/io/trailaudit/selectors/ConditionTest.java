package io.trailaudit.selectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator semantics, checked against the worked example in the CloudTrail User Guide. */
class ConditionTest {
  private static final String B = "arn:aws:s3:::amzn-s3-demo-bucket/";

  // "Example showing multiple conditions for the resources.ARN field" (filtering-data-events).
  private static final Condition DOC_EXAMPLE =
      Condition.of(
          new FieldSelector(
              "resources.ARN",
              List.of(B + "object1"),
              List.of(B + "object6"),
              List.of(B),
              List.of(B + "deselect"),
              List.of("object3"),
              List.of("object5")));

  @Test
  void equalsSelects() {
    assertThat(DOC_EXAMPLE.accepts(B + "object1")).isTrue();
  }

  @Test
  void startsWithSelects() {
    assertThat(DOC_EXAMPLE.accepts(B + "object2")).isTrue();
  }

  @Test
  void endsWithSelectsOutsideTheStartsWithPrefix() {
    assertThat(DOC_EXAMPLE.accepts("arn:aws:s3:::amzn-s3-demo-bucket1/object3")).isTrue();
  }

  @Test
  void notStartsWithDeselectsDespiteStartsWith() {
    assertThat(DOC_EXAMPLE.accepts(B + "deselectObject4")).isFalse();
  }

  @Test
  void notEndsWithDeselectsDespiteStartsWith() {
    assertThat(DOC_EXAMPLE.accepts(B + "object5")).isFalse();
  }

  @Test
  void notEqualsDeselectsDespiteStartsWith() {
    assertThat(DOC_EXAMPLE.accepts(B + "object6")).isFalse();
  }

  @Test
  void valueMatchingNoSelectOperatorIsNotSelected() {
    assertThat(DOC_EXAMPLE.accepts("arn:aws:s3:::other/object2")).isFalse();
  }

  @Test
  void onlyDeselectOperatorsAcceptEverythingElse() {
    Condition c = Condition.of(Sel.ne("eventSource", "kms.amazonaws.com", "rdsdata.amazonaws.com"));

    assertThat(c.accepts("s3.amazonaws.com")).isTrue();
    assertThat(c.accepts("kms.amazonaws.com")).isFalse();
    assertThat(c.accepts("rdsdata.amazonaws.com")).isFalse();
  }

  @Test
  void prefixSetIsContainedOnlyByAShorterStartsWith() {
    Constraint bucket = Constraint.startingWith("arn:aws:s3:::b1/");

    assertThat(Condition.of(Sel.sw("resources.ARN", "arn:aws:s3:::")).against(bucket))
        .isInstanceOf(FieldVerdict.Contains.class);
    assertThat(Condition.of(Sel.sw("resources.ARN", "arn:aws:s3:::b1/logs/")).against(bucket))
        .isInstanceOf(FieldVerdict.Narrows.class);
    assertThat(Condition.of(Sel.eq("resources.ARN", "arn:aws:s3:::b1/key")).against(bucket))
        .isInstanceOf(FieldVerdict.Narrows.class);
    assertThat(Condition.of(Sel.sw("resources.ARN", "arn:aws:s3:::b2/")).against(bucket))
        .isInstanceOf(FieldVerdict.Disjoint.class);
  }

  @Test
  void notStartsWithInsideThePrefixLeavesAHole() {
    FieldVerdict v =
        Condition.of(Sel.nsw("resources.ARN", "arn:aws:s3:::b2/"))
            .against(Constraint.startingWith("arn:aws:s3:::"));

    assertThat(v).isInstanceOf(FieldVerdict.Except.class);
    assertThat(((FieldVerdict.Except) v).holes())
        .containsExactly(Constraint.startingWith("arn:aws:s3:::b2/"));
  }

  @Test
  void deselectOnAFieldThatMayBeAbsentNarrowsInsteadOfLeavingAHole() {
    assertThat(
            Condition.of(Sel.nsw("userIdentity.arn", "arn:aws:iam::1:role/x"))
                .against(Constraint.any(true)))
        .isInstanceOf(FieldVerdict.Narrows.class);
  }

  @Test
  void describesEachOperator() {
    assertThat(Condition.of(Sel.eq("readOnly", "false")).describe())
        .isEqualTo("logs only readOnly=false");
    assertThat(Condition.of(Sel.eq("eventName", "PutObject", "DeleteObject")).describe())
        .isEqualTo("limits eventName to PutObject, DeleteObject");
    assertThat(Condition.of(Sel.sw("resources.ARN", "arn:aws:s3:::b1/")).describe())
        .isEqualTo("logs only resources.ARN starting with arn:aws:s3:::b1/");
    assertThat(Condition.of(Sel.ne("eventSource", "kms.amazonaws.com")).describe())
        .isEqualTo("excludes eventSource kms.amazonaws.com");
    assertThat(Condition.of(Sel.notEw("eventName", "Get")).describe())
        .isEqualTo("excludes eventName ending with Get");
    assertThat(Condition.of(Sel.eq("colour", "blue")).describe())
        .isEqualTo("filters on unrecognized field 'colour' and logs only colour=blue");
  }
}
