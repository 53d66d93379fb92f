package io.trailaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogValidationSnapshotTest {
  static final Instant START = Instant.parse("2026-11-19T09:30:00Z");
  static final Instant END = Instant.parse("2026-11-20T09:30:00Z");

  @Test
  void validationsRoundTripKnownAndUnavailable() {
    Snapshot base = Fixtures.snapshot(Fixtures.account(Fixtures.MGMT, Fixtures.orgTrail()));
    LogValidation ran =
        new LogValidation(
            Fixtures.TRAIL_ARN,
            "us-east-1",
            START,
            END,
            Observed.known(
                new LogValidation.Result(
                    START.plusSeconds(60),
                    END,
                    new LogValidation.Counts(23, 0, 1, 0),
                    new LogValidation.Counts(100, 1, 0, 2),
                    1,
                    List.of(
                        new LogValidation.Problem(
                            "log", "s3://b/k", "INVALID", "hash value doesn't match")),
                    3)));
    LogValidation failed =
        new LogValidation(
            "arn:aws:cloudtrail:eu-west-1:111111111111:trail/eu",
            "eu-west-1",
            START,
            END,
            Observed.unavailable("s3", "ListObjectsV2", "AccessDenied", "Access Denied"));
    Snapshot s = base.toBuilder().logValidations(List.of(ran, failed)).build();

    String json = Snapshots.toJson(s);
    Snapshot back = Snapshots.parse("s.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(back).isEqualTo(s);
    assertThat(back.logValidation(Fixtures.TRAIL_ARN)).contains(ran);
    assertThat(json).contains("\"unavailable\"").doesNotContain("\"total\"");
  }

  @Test
  void aSnapshotWithoutValidationsHasNone() {
    Snapshot base = Fixtures.snapshot(Fixtures.account(Fixtures.MGMT, Fixtures.orgTrail()));
    String json = Snapshots.toJson(base).replace(",\n  \"logValidations\" : [ ]", "");
    assertThat(json).doesNotContain("logValidations");

    Snapshot back = Snapshots.parse("old.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(back.logValidations()).isEmpty();
    assertThat(back.logValidation(Fixtures.TRAIL_ARN)).isEmpty();
  }
}
