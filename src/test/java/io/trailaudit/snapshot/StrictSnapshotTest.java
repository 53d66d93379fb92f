package io.trailaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that is well-formed JSON of the right shape but not a valid snapshot: each refused. */
class StrictSnapshotTest {
  /** Line 1 to 2; the body starts on line 3. */
  static final String HEAD =
      "{\"schemaVersion\": 1, \"collectedAt\": \"2026-11-20T09:30:00Z\",\n"
          + "\"collection\": {\"tool\": \"t\", \"toolVersion\": \"1\", \"method\": \"fixture\"},\n";

  static void refused(String body, String message) {
    assertThatThrownBy(
            () -> Snapshots.parse("snap.json", (HEAD + body).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputFileException.class)
        .hasMessage(message);
  }

  @Test
  void aNumericAccountIdIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": 1111}]}",
        "snap.json: line 3, column 28: at $.accounts[0].accountId: an account id is a string of"
            + " 12 digits such as \"111111111111\", not the number 1111");
  }

  @Test
  void aShortAccountIdIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": \"1111\"}]}",
        "snap.json: line 3, column 28: at $.accounts[0].accountId: an account id is a string of"
            + " 12 digits such as \"111111111111\", not \"1111\"");
  }

  @Test
  void aMalformedAccountIdInTheOrganizationIsRefused() {
    refused(
        "\"accounts\": [],\n\"organization\": {\"organization\": {\"organizationId\": \"o-1\","
            + " \"managementAccountId\": \"111111111111\"},"
            + " \"accounts\": [{\"id\": \"12345678901x\"}]}}",
        "snap.json: line 4, column 120: at $.organization.accounts[0].id: an account id is a string"
            + " of 12 digits such as \"111111111111\", not \"12345678901x\"");
  }

  @Test
  void aDuplicateAccountIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": \"222222222222\"},\n"
            + "  {\"accountId\": \"222222222222\"}]}",
        "snap.json: line 4, column 17: at $.accounts[1].accountId: duplicate account"
            + " \"222222222222\": also at $.accounts[0].accountId (line 3, column 28)");
  }

  @Test
  void aDuplicateRegionOfAnAccountIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": \"222222222222\", \"regions\": [{\"region\": \"us-east-1\"},"
            + " {\"region\": \"us-east-1\"}]}]}",
        "snap.json: line 3, column 92: at $.accounts[0].regions[1].region: duplicate region"
            + " \"us-east-1\": also at $.accounts[0].regions[0].region (line 3, column 67)");
  }

  @Test
  void aDuplicateRequestedRegionIsRefused() {
    assertThatThrownBy(
            () ->
                Snapshots.parse(
                    "snap.json",
                    ("{\"schemaVersion\": 1, \"collectedAt\": \"2026-11-20T09:30:00Z\",\n"
                            + "\"collection\": {\"tool\": \"t\", \"toolVersion\": \"1\","
                            + " \"method\": \"fixture\", \"regions\": [\"eu-west-1\","
                            + " \"eu-west-1\"]},\n\"accounts\": []}")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "snap.json: line 2, column 95: at $.collection.regions[1]: duplicate region"
                + " \"eu-west-1\": also at $.collection.regions[0] (line 2, column 82)");
  }

  @Test
  void aNegativeObjectLockRetentionIsRefused() {
    refused(
        "\"accounts\": [], \"buckets\": [{\"name\": \"b\", \"objectLock\":"
            + " {\"objectLockEnabled\": \"Enabled\",\n"
            + " \"defaultRetention\": {\"mode\": \"COMPLIANCE\", \"days\": -5}}}]}",
        "snap.json: line 4, column 53: at $.buckets[0].objectLock.defaultRetention.days: must be"
            + " a positive number of days, not -5");
  }

  @Test
  void aZeroLakeRetentionIsRefused() {
    refused(
        "\"accounts\": [{\"accountId\": \"222222222222\", \"regions\": [{\"region\": \"us-east-1\",\n"
            + " \"eventDataStores\": [{\"arn\": \"a\", \"retentionPeriod\": 0}]}]}]}",
        "snap.json: line 4, column 54: at"
            + " $.accounts[0].regions[0].eventDataStores[0].retentionPeriod: must be a positive"
            + " number of days, not 0");
  }

  @Test
  void aStringWhereANumberGoesIsRefusedInTheUsersWords() {
    refused(
        "\"accounts\": [{\"accountId\": \"222222222222\", \"regions\": [{\"region\": \"us-east-1\",\n"
            + " \"eventDataStores\": [{\"arn\": \"a\", \"retentionPeriod\": \"365\"}]}]}]}",
        "snap.json: line 4, column 54: at"
            + " $.accounts[0].regions[0].eventDataStores[0].retentionPeriod: expected a whole"
            + " number, found the string \"365\"");
  }

  @Test
  void aNumberWhereAnObjectGoesNamesNoJavaClass() {
    refused(
        "\"accounts\": [], \"buckets\": [{\"name\": \"b\", \"acl\": 5}]}",
        "snap.json: line 3, column 50: at $.buckets[0].acl: expected an object (key: value"
            + " pairs), found the number 5");
  }

  @Test
  void aDuplicateKeyIsRefused() {
    refused(
        "\"accounts\": [],\n\"accounts\": []}",
        "snap.json: line 4, column 1: at $.accounts: duplicate key \"accounts\" (first at line 3,"
            + " column 1): each key may appear once");
  }

  @Test
  void aSchemaVersionGivenAsAStringIsRefusedAsSuch() {
    assertThatThrownBy(
            () ->
                Snapshots.parse(
                    "snap.json",
                    "{\"schemaVersion\": \"1\", \"accounts\": []}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "snap.json: line 1, column 19: at $.schemaVersion: the schema version is the number 1,"
                + " not the string \"1\"");
  }

  @Test
  void aBinaryFileIsNotUtf8Text(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("snap.json");
    Files.write(f, new byte[] {'{', (byte) 0xff, (byte) 0xfe, 0});
    assertThatThrownBy(() -> Snapshots.read(f))
        .hasMessage(f + ": not UTF-8 text (byte 0xff at offset 1): is it a binary file?");
  }

  @Test
  void anUnreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("snap.json");
    Files.writeString(f, "{}");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
    Assumptions.assumeFalse(Files.isReadable(f), "running as root: every file is readable");
    assertThatThrownBy(() -> Snapshots.read(f)).hasMessage(f + ": cannot read: permission denied");
  }

  @Test
  void aDirectoryIsNotASnapshot(@TempDir Path dir) {
    assertThatThrownBy(() -> Snapshots.read(dir)).hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void anUnknownExclusionReasonListsTheKnownOnes() {
    assertThatThrownBy(
            () ->
                Snapshots.parse(
                    "snap.json",
                    ("{\"schemaVersion\": 1, \"collectedAt\": \"2026-11-20T09:30:00Z\",\n"
                            + "\"collection\": {\"tool\": \"t\", \"toolVersion\": \"1\","
                            + " \"method\": \"fixture\", \"excludedAccounts\": [{\"accountId\":"
                            + " \"222222222222\", \"reason\": \"FORGOT\"}]},\n\"accounts\": []}")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "snap.json: line 2, column 131: at $.collection.excludedAccounts[0].reason: expected"
                + " one of NOT_SELECTED, EXCLUDED, NOT_ACTIVE, NOT_ORGANIZATION_MODE, found the"
                + " string \"FORGOT\"");
  }
}
