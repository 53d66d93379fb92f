package io.trailaudit.checks;

import static io.trailaudit.testing.Fixtures.advanced;
import static io.trailaudit.testing.Fixtures.allManagement;
import static io.trailaudit.testing.Fixtures.classic;
import static io.trailaudit.testing.Fixtures.fieldEquals;
import static io.trailaudit.testing.Fixtures.fieldNotEquals;
import static io.trailaudit.testing.Fixtures.selector;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagementCoverageTest {
  private static final FieldSelector MANAGEMENT = fieldEquals("eventCategory", "Management");

  private static ManagementCoverage of(EventSelectors s) {
    return ManagementCoverage.of(s, "aws");
  }

  private static ManagementCoverage of(AdvancedEventSelector... s) {
    return of(advanced(s));
  }

  private static EventSelectors classics(EventSelector... s) {
    return new EventSelectors(List.of(s), List.of());
  }

  private static EventSelector classicSelector(String rw, boolean management) {
    return new EventSelector(rw, management, List.of(), List.of());
  }

  // ---------------------------------------------------------------- classic selectors

  @Test
  void classicAllIsFull() {
    ManagementCoverage c = of(allManagement());
    assertThat(c.full()).isTrue();
    assertThat(c.some()).isTrue();
    assertThat(c.gaps()).isEmpty();
  }

  @Test
  void classicWithoutReadWriteTypeMeansAll() {
    assertThat(of(classics(classicSelector(null, true))).full()).isTrue();
  }

  @Test
  void classicReadOnlyLacksWrites() {
    ManagementCoverage c = of(classic("ReadOnly", List.of()));
    assertThat(c.read()).isTrue();
    assertThat(c.write()).isFalse();
    assertThat(c.full()).isFalse();
    assertThat(c.some()).isTrue();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("management events (write) not logged");
  }

  @Test
  void classicWriteOnlyLacksReads() {
    ManagementCoverage c = of(classic("WriteOnly", List.of()));
    assertThat(c.read()).isFalse();
    assertThat(c.write()).isTrue();
    assertThat(c.gaps()).singleElement().asString().contains("management events (read) not logged");
  }

  @Test
  void classicReadOnlyAndWriteOnlySelectorsOfOneTrailAddUp() {
    assertThat(
            of(classics(classicSelector("ReadOnly", true), classicSelector("WriteOnly", true)))
                .full())
        .isTrue();
  }

  @Test
  void classicExcludedSourceIsNotFullCoverage() {
    ManagementCoverage c =
        of(classic("All", List.of("kms.amazonaws.com", "rdsdata.amazonaws.com")));
    assertThat(c.full()).isFalse();
    assertThat(c.some()).isTrue();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("only partly logged")
        .contains("event selector 1 excludes eventSource kms.amazonaws.com");
  }

  @Test
  void classicDataOnlySelectorLogsNoManagementEvents() {
    EventSelector data =
        new EventSelector(
            "All",
            false,
            List.of(),
            List.of(new DataResource("AWS::S3::Object", List.of("arn:aws:s3"))));
    ManagementCoverage c = of(classics(data));
    assertThat(c.some()).isFalse();
    assertThat(c.full()).isFalse();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("management events (read, write) not logged");
  }

  @Test
  void noSelectorsLogNothing() {
    ManagementCoverage c = of(new EventSelectors(List.of(), List.of()));
    assertThat(c.some()).isFalse();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("management events (read, write) not logged");
  }

  // ---------------------------------------------------------------- advanced selectors

  @Test
  void advancedManagementCategoryAloneIsFull() {
    ManagementCoverage c = of(selector("mgmt", MANAGEMENT));
    assertThat(c.full()).isTrue();
    assertThat(c.gaps()).isEmpty();
  }

  @Test
  void advancedReadOnlyTrueLacksWrites() {
    ManagementCoverage c = of(selector("reads", MANAGEMENT, fieldEquals("readOnly", "true")));
    assertThat(c.read()).isTrue();
    assertThat(c.write()).isFalse();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("management events (write) not logged");
  }

  @Test
  void advancedReadOnlyFalseLacksReads() {
    ManagementCoverage c = of(selector("writes", MANAGEMENT, fieldEquals("readOnly", "false")));
    assertThat(c.read()).isFalse();
    assertThat(c.write()).isTrue();
  }

  @Test
  void advancedReadOnlyNotEqualsIsUnderstood() {
    ManagementCoverage notTrue = of(selector("w", MANAGEMENT, fieldNotEquals("readOnly", "true")));
    assertThat(notTrue.read()).isFalse();
    assertThat(notTrue.write()).isTrue();
    ManagementCoverage notFalse =
        of(selector("r", MANAGEMENT, fieldNotEquals("readOnly", "false")));
    assertThat(notFalse.read()).isTrue();
    assertThat(notFalse.write()).isFalse();
  }

  @Test
  void advancedReadOnlyWithBothValuesIsFull() {
    assertThat(of(selector("both", MANAGEMENT, fieldEquals("readOnly", "true", "false"))).full())
        .isTrue();
  }

  @Test
  void advancedReadOnlyAndWriteOnlySelectorsOfOneTrailAddUp() {
    ManagementCoverage c =
        of(
            selector("reads", MANAGEMENT, fieldEquals("readOnly", "true")),
            selector("writes", MANAGEMENT, fieldEquals("readOnly", "false")));
    assertThat(c.full()).isTrue();
  }

  @Test
  void advancedSelectorNarrowedByEventSourceCoversNothingFully() {
    ManagementCoverage c =
        of(selector("no KMS", MANAGEMENT, fieldNotEquals("eventSource", "kms.amazonaws.com")));
    assertThat(c.full()).isFalse();
    assertThat(c.read()).isFalse();
    assertThat(c.write()).isFalse();
    assertThat(c.some()).isTrue();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("only partly logged")
        .contains("selector 'no KMS' excludes eventSource kms.amazonaws.com");
  }

  @Test
  void advancedSelectorNarrowedByEventSourceEqualsIsNotFullEither() {
    ManagementCoverage c =
        of(selector(null, MANAGEMENT, fieldEquals("eventSource", "iam.amazonaws.com")));
    assertThat(c.full()).isFalse();
    assertThat(c.gaps())
        .singleElement()
        .asString()
        .contains("only partly logged")
        .contains("eventSource");
  }

  @Test
  void advancedDataSelectorIsNotManagement() {
    ManagementCoverage c =
        of(
            selector(
                "s3",
                fieldEquals("eventCategory", "Data"),
                fieldEquals("resources.type", "AWS::S3::Object")));
    assertThat(c.some()).isFalse();
    assertThat(c.full()).isFalse();
  }

  @Test
  void advancedReadOnlyStartsWithIsDecidedByMeaning() {
    // readOnly takes only "true" or "false": StartsWith "t" selects exactly the read events.
    FieldSelector odd = new FieldSelector("readOnly", null, null, List.of("t"), null, null, null);
    ManagementCoverage c = of(selector("odd", MANAGEMENT, odd));
    assertThat(c.read()).isTrue();
    assertThat(c.write()).isFalse();
    assertThat(c.some()).isTrue();
  }

  @Test
  void noneIsEmptyCoverage() {
    assertThat(ManagementCoverage.NONE.some()).isFalse();
    assertThat(ManagementCoverage.NONE.full()).isFalse();
  }
}
