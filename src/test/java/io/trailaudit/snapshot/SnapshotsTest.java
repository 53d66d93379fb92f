package io.trailaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
  static final Path DEMO = Path.of("examples/snapshots/demo-org.json");

  private static Snapshot parse(String json) {
    return Snapshots.parse("snap.json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static final String MINIMAL_HEAD =
      "{\"schemaVersion\": 1, \"collectedAt\": \"2026-11-20T09:30:00Z\","
          + " \"collection\": {\"tool\": \"t\", \"toolVersion\": \"1\", \"method\": \"fixture\"},";

  /** The required true/false fields of a trail description. */
  private static final String FLAGS =
      " \"isOrganizationTrail\": false, \"isMultiRegionTrail\": true,"
          + " \"includeGlobalServiceEvents\": true, \"logFileValidationEnabled\": true,";

  @Test
  void demoSnapshotRoundTripsToAnEqualSnapshot() throws Exception {
    Snapshot demo = Snapshots.read(DEMO);
    Snapshot again = parse(Snapshots.toJson(demo));
    assertThat(again).isEqualTo(demo);
    assertThat(demo.accounts()).hasSize(3);
    assertThat(demo.buckets()).hasSize(2);
  }

  @Test
  void roundTripKeepsUnavailableValuesWithTheirReason() {
    Snapshot demo = Snapshots.read(DEMO);
    Observed<Boolean> rotation = demo.keys().get(0).rotationEnabled();
    assertThat(rotation.isKnown()).isFalse();
    assertThat(rotation.failure().service()).isEqualTo("kms");
    assertThat(rotation.failure().operation()).isEqualTo("GetKeyRotationStatus");
    assertThat(rotation.failure().errorCode()).isEqualTo("AccessDeniedException");
    String json = Snapshots.toJson(demo);
    assertThat(json)
        .contains("\"unavailable\" : {")
        .contains("\"errorCode\" : \"AccessDeniedException\"");
  }

  @Test
  void nullIsAKnownAbsenceAndAMissingFieldIsNotCollected() {
    Snapshot s =
        parse(
            MINIMAL_HEAD + "\"accounts\": [], \"buckets\": [{\"name\": \"b\", \"policy\": null}]}");
    Bucket b = s.buckets().get(0);
    assertThat(b.policy()).isEqualTo(Observed.known(null));
    assertThat(b.versioning().isKnown()).isFalse();
    assertThat(b.versioning().failure().errorCode()).isEqualTo(Observed.NOT_COLLECTED);
  }

  @Test
  void notValidJsonNamesTheFileLineAndColumn() {
    assertThatThrownBy(() -> parse(MINIMAL_HEAD + "\n  \"accounts\": [,]}"))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith("snap.json: line 2, column ");
  }

  @Test
  void unknownSchemaVersionIsRefusedBeforeTheModel() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\": 7, \"whatever\": true}"))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("snap.json: line 1")
        .hasMessageContaining("at $.schemaVersion: unsupported snapshot schema version 7")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void missingSchemaVersionIsRefused() {
    assertThatThrownBy(() -> parse("{\"accounts\": []}"))
        .hasMessage("snap.json: at $: missing \"schemaVersion\"");
  }

  @Test
  void wrongTypeNamesTheJsonPath() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\": \"a\","
            + " \"name\": \"n\", \"homeRegion\": \"r\", \"isLogging\": 1, \"isMultiRegionTrail\": \"yes\"}]}]}";
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("at $.accounts[0].trails[0].");
  }

  @Test
  void wrongPrimitiveTypeNamesTheField() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\": \"a\","
            + " \"name\": \"n\", \"homeRegion\": \"r\", \"isMultiRegionTrail\": \"yes\"}]}]}";
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining("at $.accounts[0].trails[0].isMultiRegionTrail")
        .hasMessageContaining("line 1, column ");
  }

  @Test
  void aMissingTrueFalseFieldIsAnErrorNeverFalse() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\": \"a\","
            + " \"name\": \"n\", \"homeRegion\": \"r\", \"isOrganizationTrail\": false}]}]}";
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining(
            "at $.accounts[0].trails[0].isMultiRegionTrail: missing or null value: a"
                + " boolean is required");
  }

  @Test
  void unknownFieldIsAnError() {
    assertThatThrownBy(() -> parse(MINIMAL_HEAD + "\"accounts\": [], \"bukets\": []}"))
        .hasMessageContaining("unknown field \"bukets\"");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"name\": \"n\","
            + FLAGS
            + " \"homeRegion\": \"r\"}]}]}";
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining("at $.accounts[0].trails[0]")
        .hasMessageContaining("missing required field \"arn\"");
  }

  @Test
  void malformedUnavailableMarkerIsAnError() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [], \"buckets\": [{\"name\": \"b\","
            + " \"policy\": {\"unavailable\": {\"service\": \"s3\"}}}]}";
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining("at $.buckets[0].policy")
        .hasMessageContaining("\"unavailable\" needs a string \"operation\"");
  }

  @Test
  void errorsInsideObservedValuesKeepTheirLine() {
    String json =
        MINIMAL_HEAD
            + "\n\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\": \"a\","
            + " \"name\": \"n\", \"homeRegion\": \"r\",\n \"status\": {\"isLogging\": \"maybe\"}}]}]}";
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining("line 3, column")
        .hasMessageContaining(
            "at $.accounts[0].trails[0].status.isLogging: expected true or false, found the"
                + " string \"maybe\"");
  }

  @Test
  void aTrailStatusMarkedUnavailableReadsAsUnavailable() {
    String json =
        MINIMAL_HEAD
            + "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\": \"a\","
            + " \"name\": \"n\", \"homeRegion\": \"r\","
            + FLAGS
            + " \"status\": {\"unavailable\": {\"service\":"
            + " \"cloudtrail\", \"operation\": \"GetTrailStatus\", \"errorCode\": \"TrailNotFoundException\","
            + " \"message\": \"Unknown trail\"}}}]}]}";
    Trail t = parse(json).accounts().get(0).trails().get(0);
    assertThat(t.status().failure().reason())
        .isEqualTo("cloudtrail:GetTrailStatus failed: TrailNotFoundException (Unknown trail)");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> Snapshots.read(dir.resolve("nope.json")))
        .isInstanceOf(InputFileException.class)
        .hasMessageEndingWith("nope.json: no such file");
  }

  @Test
  void writeThenReadFromFile(@TempDir Path dir) throws Exception {
    Snapshot demo = Snapshots.read(DEMO);
    Path out = dir.resolve("copy.json");
    try (var os = Files.newOutputStream(out)) {
      Snapshots.write(demo, os);
    }
    assertThat(Snapshots.read(out)).isEqualTo(demo);
  }
}
