package io.trailaudit.selectors;

import static io.trailaudit.selectors.Sel.MANAGEMENT;
import static io.trailaudit.selectors.Sel.adv;
import static io.trailaudit.selectors.Sel.eq;
import static io.trailaudit.selectors.Sel.evaluate;
import static io.trailaudit.selectors.Sel.ne;
import static io.trailaudit.selectors.Sel.notEw;
import static io.trailaudit.selectors.Sel.nsw;
import static io.trailaudit.selectors.Sel.resource;
import static io.trailaudit.selectors.Sel.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.model.EventSelectors;
import io.trailaudit.selectors.Coverage.Level;
import org.junit.jupiter.api.Test;

class ManagementCoverageTest {

  @Test
  void classicDefaultSelectorLogsReadAndWrite() {
    Coverage c = evaluate(Sel.management("All")).management(true, true);

    assertThat(c.level()).isEqualTo(Level.FULL);
    assertThat(c.explanation()).contains("event selector 1");
  }

  @Test
  void classicReadOnlyLogsReadOnly() {
    SelectorEvaluator e = evaluate(Sel.management("ReadOnly"));

    assertThat(e.management(true, false).level()).isEqualTo(Level.FULL);
    assertThat(e.management(false, true).level()).isEqualTo(Level.NONE);
    assertThat(e.management(false, true).explanation())
        .isEqualTo(
            "management events (write) not logged (event selector 1 logs only readOnly=true)");
  }

  @Test
  void classicReadOnlyIsPartialForBoth() {
    Coverage c = evaluate(Sel.management("ReadOnly")).management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation())
        .isEqualTo(
            "management events (write) not logged (event selector 1 logs only readOnly=true)");
  }

  @Test
  void classicExcludedSourceIsPartialNamingIt() {
    Coverage c = evaluate(Sel.management("All", "kms.amazonaws.com")).management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("excludes eventSource kms.amazonaws.com");
  }

  @Test
  void classicDataOnlySelectorLogsNoManagementEvents() {
    Coverage c =
        evaluate(Sel.dataOnly("All", resource("AWS::S3::Object", "arn:aws:s3")))
            .management(true, true);

    assertThat(c.level()).isEqualTo(Level.NONE);
  }

  @Test
  void noSelectorsLogNothing() {
    Coverage c = SelectorEvaluator.of(new EventSelectors(null, null)).management(true, true);

    assertThat(c.level()).isEqualTo(Level.NONE);
  }

  @Test
  void askingForNothingIsAnError() {
    assertThatThrownBy(() -> evaluate(Sel.management("All")).management(false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void advancedManagementSelectorLogsBoth() {
    Coverage c = evaluate(adv("mgmt", MANAGEMENT)).management(true, true);

    assertThat(c)
        .isEqualTo(
            new Coverage(Level.FULL, "management events (read, write) logged by selector 'mgmt'"));
  }

  @Test
  void readOnlyAndWriteOnlySelectorsOfOneTrailAddUp() {
    SelectorEvaluator e =
        evaluate(
            adv("reads", MANAGEMENT, eq("readOnly", "true")),
            adv("writes", MANAGEMENT, eq("readOnly", "false")));

    assertThat(e.management(true, true).level()).isEqualTo(Level.FULL);
    assertThat(e.management(true, true).explanation()).contains("'reads'", "'writes'");
  }

  @Test
  void readOnlyEqualsBothValuesLogsBoth() {
    Coverage c =
        evaluate(adv("m", MANAGEMENT, eq("readOnly", "true", "false"))).management(true, true);

    assertThat(c.level()).isEqualTo(Level.FULL);
  }

  @Test
  void readOnlyNotEqualsTrueLogsWritesOnly() {
    SelectorEvaluator e = evaluate(adv("m", MANAGEMENT, ne("readOnly", "true")));

    assertThat(e.management(false, true).level()).isEqualTo(Level.FULL);
    assertThat(e.management(true, false).level()).isEqualTo(Level.NONE);
  }

  @Test
  void eventSourceNotEqualsKmsIsPartial() {
    Coverage c =
        evaluate(adv("no kms", MANAGEMENT, ne("eventSource", "kms.amazonaws.com")))
            .management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation())
        .contains("selector 'no kms' excludes eventSource kms.amazonaws.com");
  }

  @Test
  void excludedSourceLoggedByAnotherSelectorAddsUp() {
    Coverage c =
        evaluate(
                adv("no kms", MANAGEMENT, ne("eventSource", "kms.amazonaws.com")),
                adv("kms", MANAGEMENT, eq("eventSource", "kms.amazonaws.com")))
            .management(true, true);

    assertThat(c.level()).isEqualTo(Level.FULL);
  }

  @Test
  void eventSourceStartsWithIsPartial() {
    Coverage c = evaluate(adv("ec2", MANAGEMENT, sw("eventSource", "ec2."))).management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("logs only eventSource starting with ec2.");
  }

  @Test
  void eventNameNotEndsWithIsPartial() {
    Coverage c =
        evaluate(adv("m", MANAGEMENT, notEw("eventName", "Describe"))).management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("excludes eventName ending with Describe");
  }

  @Test
  void unknownFieldIsNarrowingAndNamed() {
    Coverage c = evaluate(adv("m", MANAGEMENT, ne("colour", "blue"))).management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("unrecognized field 'colour'");
  }

  @Test
  void complementaryConditionsOnAFieldThatMayBeAbsentDoNotAddUp() {
    // Events without userIdentity.arn might match neither selector.
    Coverage c =
        evaluate(
                adv("a", MANAGEMENT, nsw("userIdentity.arn", "arn:aws:iam::1:role/x")),
                adv("b", MANAGEMENT, sw("userIdentity.arn", "arn:aws:iam::1:role/x")))
            .management(true, true);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void selectorWithoutEventCategoryIsNeverFull() {
    Coverage c = evaluate(adv("no category", eq("readOnly", "true"))).management(true, false);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("has no eventCategory field selector");
  }

  @Test
  void dataSelectorLogsNoManagementEventsAndIsNotMentioned() {
    Coverage c = evaluate(adv("s3", Sel.DATA, Sel.S3_OBJECTS)).management(true, false);

    assertThat(c).isEqualTo(new Coverage(Level.NONE, "management events (read) not logged"));
  }
}
