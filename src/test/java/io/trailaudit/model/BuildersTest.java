package io.trailaudit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildersTest {
  private static final Observed.Unavailable<Object> DENIED =
      new Observed.Unavailable<>("sts", "AssumeRole", "AccessDenied", "not authorized");

  private static final Trail TRAIL =
      new Trail(
          "arn:aws:cloudtrail:us-east-1:111122223333:trail/org",
          "org",
          "us-east-1",
          true,
          true,
          true,
          true,
          "logs",
          "p",
          "arn:aws:kms:us-east-1:111122223333:key/k",
          "arn:aws:logs:us-east-1:111122223333:log-group:g:*",
          "arn:aws:iam::111122223333:role/cw",
          "arn:aws:sns:us-east-1:111122223333:t",
          Observed.known(null),
          Observed.known(new EventSelectors(null, null)),
          Observed.known(List.of()),
          Observed.known(Map.of("k", "v")),
          Observed.known(null));

  @Test
  void toBuilderGivesTheSameRecordAndChangesOnlyWhatIsSet() {
    assertThat(TRAIL.toBuilder().build()).isEqualTo(TRAIL);

    Trail changed = TRAIL.toBuilder().logFileValidationEnabled(false).build();

    assertThat(changed.logFileValidationEnabled()).isFalse();
    assertThat(changed)
        .usingRecursiveComparison()
        .ignoringFields("logFileValidationEnabled")
        .isEqualTo(TRAIL);
  }

  @Test
  void anUnsetObservedComponentIsNotCollectedNeverAbsent() {
    Bucket b = Bucket.builder().name("logs").build();

    assertThat(b.policy().failure().errorCode()).isEqualTo(Observed.NOT_COLLECTED);
    assertThat(b.lifecycleRules().failure().errorCode()).isEqualTo(Observed.NOT_COLLECTED);
  }

  @Test
  void anUnreadableBucketHasEveryValueUnavailableForTheFailure() throws Exception {
    Bucket b = Bucket.unreadable("logs", DENIED);

    assertThat(b.name()).isEqualTo("logs");
    assertThat(b.accountId()).isNull();
    assertEveryObservedIsDenied(b);
  }

  @Test
  void anUnreadableKeyHasEveryValueUnavailableForTheFailure() throws Exception {
    KmsKey k = KmsKey.unreadable("arn:aws:kms:us-east-1:111122223333:key/k", DENIED);

    assertEveryObservedIsDenied(k);
  }

  @Test
  void anUnreadableAccountHasEveryValueAndEveryRegionUnavailable() throws Exception {
    AccountSnapshot a =
        AccountSnapshot.unreadable(
            "111122223333", "prod", List.of("us-east-1", "eu-west-1"), DENIED);

    assertThat(a.name()).isEqualTo("prod");
    assertThat(a.trails()).isEmpty();
    assertEveryObservedIsDenied(a);
    assertThat(a.regions())
        .extracting(RegionSnapshot::region)
        .containsExactly("us-east-1", "eu-west-1");
    for (RegionSnapshot r : a.regions()) {
      assertThat(r.logGroups()).isEmpty();
      assertThat(r.snsTopics()).isEmpty();
      assertEveryObservedIsDenied(r);
    }
  }

  @Test
  void aTrailWhoseDetailsAreUnreadableKeepsItsDescription() throws Exception {
    Trail t = TRAIL.detailsUnreadable(DENIED);

    assertThat(
            t.toBuilder()
                .status(null)
                .eventSelectors(null)
                .insightSelectors(null)
                .tags(null)
                .eventConfiguration(null))
        .usingRecursiveComparison()
        .isEqualTo(
            TRAIL.toBuilder()
                .status(null)
                .eventSelectors(null)
                .insightSelectors(null)
                .tags(null)
                .eventConfiguration(null));
    assertEveryObservedIsDenied(t);
  }

  /** Every {@code Observed} component, a component added later included. */
  private static void assertEveryObservedIsDenied(Record r) throws Exception {
    int observed = 0;
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getType() == Observed.class) {
        observed++;
        Object value = c.getAccessor().invoke(r);
        assertThat(value).as(c.getName()).isEqualTo(DENIED.retyped());
      }
    }
    assertThat(observed).isPositive();
  }
}
