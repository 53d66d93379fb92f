package io.trailaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import io.trailaudit.model.Snapshot;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A null or a value left out never reads as evidence of absence: each is refused with its place,
 * read as unavailable, or (for lists where fewer means a worse posture) read as empty.
 */
class NullAndMissingTest {
  private static Snapshot read(String body) {
    return Snapshots.parse(
        "snap.json", (StrictSnapshotTest.HEAD + body).getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String body, String message) {
    StrictSnapshotTest.refused(body, message);
  }

  private static String policy(String targets) {
    return "\"accounts\": [],\n\"organization\": {\"organization\": {\"organizationId\": \"o-1\","
        + " \"managementAccountId\": \"111111111111\"}, \"policies\": [{\"id\": \"p-1\","
        + " \"awsManaged\": false, \"content\": \"{}\""
        + targets
        + "}]}}";
  }

  @Test
  void aNullListElementIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": \"111111111111\", \"enabledRegions\": [\"us-east-1\","
            + " null]}]}",
        "snap.json: line 3, column 76: at $.accounts[0].enabledRegions[1]: a list holds no null:"
            + " leave the element out");
  }

  @Test
  void policyTargetsLeftOutAreRefusedNotReadAsAttachedNowhere() {
    refused(
        policy(""),
        "snap.json: line 4, column 163: at $.organization.policies[0]: \"targetIds\" is missing:"
            + " write [] for none");
  }

  @Test
  void nullPolicyTargetsAreRefused() {
    refused(
        policy(", \"targetIds\": null"),
        "snap.json: line 4, column 178: at $.organization.policies[0].targetIds: null is not a"
            + " list: write [] for none");
  }

  @Test
  void policyTargetsGivenAreRead() {
    Snapshot s = read(policy(", \"targetIds\": [\"r-1\"]"));
    assertThat(s.organization().value().policies().get(0).targetIds()).containsExactly("r-1");
  }

  @Test
  void aNullIdentifierIsRefused() {
    refused(
        "\"accounts\": [],\n\"organization\": {\"organization\": {\"organizationId\": null,"
            + " \"managementAccountId\": \"111111111111\"}}}",
        "snap.json: line 4, column 53: at $.organization.organization.organizationId: must have a"
            + " value, not null");
  }

  @Test
  void aMissingIdentifierIsRefused() {
    refused(
        "\"accounts\": [],\n\"organization\": {\"organization\": {\"organizationId\": \"o-1\"}}}",
        "snap.json: line 4, column 58: at $.organization.organization: \"managementAccountId\" is"
            + " missing: AWS always gives it");
  }

  @Test
  void anUnavailableObservationNeedsNoIdentifiers() {
    Snapshot s =
        read(
            "\"accounts\": [],\n\"organization\": {\"unavailable\": {\"service\": \"organizations\","
                + " \"operation\": \"DescribeOrganization\", \"errorCode\": \"AccessDenied\"}}}");
    assertThat(s.organization().isKnown()).isFalse();
  }

  @Test
  void aNullObservedListIsUnavailableNotEmpty() {
    Snapshot s =
        read("\"accounts\": [{\"accountId\": \"111111111111\", \"enabledRegions\": null}]}");
    assertThat(s.accounts().get(0).enabledRegions().isKnown()).isFalse();
    assertThat(s.accounts().get(0).enabledRegions().failure().reason())
        .isEqualTo("trailaudit:snapshot failed: NullValue (null, not a list)");
  }

  @Test
  void anExclusionRecorderMustListWhatItExcludes() {
    String recorder =
        "\"accounts\": [{\"accountId\": \"111111111111\", \"regions\": [{\"region\": \"us-east-1\","
            + " \"configRecorders\": [{\"name\": \"default\", \"allSupported\": false,"
            + " \"includeGlobalResourceTypes\": false, \"recordingStrategy\":"
            + " \"EXCLUSION_BY_RESOURCE_TYPES\"%s}]}]}]}";
    String message =
        "at $.accounts[0].regions[0].configRecorders[0]: \"excludedResourceTypes\" is missing or"
            + " null: the exclusion strategy lists what it excludes ([] for none)";
    assertThatThrownBy(() -> read(recorder.formatted("")))
        .isInstanceOf(InputFileException.class)
        .hasMessageEndingWith(message);
    assertThatThrownBy(() -> read(recorder.formatted(", \"excludedResourceTypes\": null")))
        .isInstanceOf(InputFileException.class)
        .hasMessageEndingWith(message);
    assertThat(
            read(recorder.formatted(", \"excludedResourceTypes\": []"))
                .accounts()
                .get(0)
                .regions()
                .get(0)
                .configRecorders()
                .value())
        .hasSize(1);
  }

  @Test
  void aFieldSelectorWithoutAnOperatorIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    "\"accounts\": [{\"accountId\": \"111111111111\", \"trails\": [{\"arn\":"
                        + " \"arn:aws:cloudtrail:us-east-1:111111111111:trail/t\", \"eventSelectors\":"
                        + " {\"classic\": [], \"advanced\": [{\"name\": \"s\", \"fieldSelectors\":"
                        + " [{\"field\": \"readOnly\", \"equals\": []}]}]}}]}]}"))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining(
            "field selector \"readOnly\" has no operator value: CloudTrail requires one");
  }

  @Test
  void theListsAreReadFromTheModel() {
    ListFields lists = ListFields.of();
    assertThat(lists.all())
        .contains(
            "$.accounts[].enabledRegions",
            "$.accounts[].trails[].eventSelectors.advanced[].fieldSelectors[].equals",
            "$.organization.policies[].targetIds");
    assertThat(lists.required())
        .containsExactlyInAnyOrder(
            "$.organization.policies[].targetIds",
            "$.keys[].grants[].operations",
            "$.accounts[].regions[].snsTopics[].key.grants[].operations",
            "$.buckets[].acl.grants",
            "$.eventHistory[].events[].resources",
            "$.accounts[].trails[].eventSelectors.classic[].excludeManagementEventSources");
  }
}
