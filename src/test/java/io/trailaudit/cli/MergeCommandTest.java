package io.trailaudit.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.collect.FakeAws;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect --org --accounts} on two "workers", then {@code merge}, against an organization
 * served by WireMock: the merged snapshot audits like one collection of the whole organization.
 */
class MergeCommandTest {
  static final String MGMT = "111111111111";
  static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/org-trail";
  static final List<String> MEMBERS = List.of("222222222222", "333333333333", "444444444444");

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir static Path dir;
  static Path whole;
  static Path withManagement;
  static Path membersOnly;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            LiveAuditTest.CLOCK,
            Map.of("AWS_REGION", "us-east-1"),
            false);
    return new Result(code, out.toString(), err.toString());
  }

  static Path collect(String name, String... accounts) {
    Path file = dir.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "collect",
                "-o",
                file.toString(),
                "--org",
                "--member-role",
                FakeAws.MEMBER_ROLE,
                "--regions",
                "us-east-1,eu-west-1",
                "--endpoint-url",
                aws.baseUrl(),
                "--attempt-timeout",
                Long.toString(WireMockAws.ATTEMPT_TIMEOUT.toSeconds())));
    if (accounts.length > 0) {
      args.add("--accounts");
      args.add(String.join(",", accounts));
    }
    Result r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return file;
  }

  @BeforeAll
  static void collectTheOrganizationWholeAndInTwoShards() {
    // 444444444444's role cannot be assumed: its account is kept, unreadable, in a shard too.
    FakeAws.serve(
        aws.getRuntimeInfo().getWireMock(),
        new FakeAws.Estate(MGMT, MEMBERS, Set.of("444444444444"), List.of("us-east-1")));
    System.setProperty("aws.accessKeyId", FakeAws.CALLER_KEY);
    System.setProperty("aws.secretAccessKey", "secret-test");
    whole = collect("whole.json");
    withManagement = collect("a.json", MGMT, "333333333333");
    membersOnly = collect("b.json", "222222222222", "444444444444");
  }

  @AfterAll
  static void tearDown() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  static JsonNode findings(Path snapshot) throws Exception {
    Result r = run("audit", "--snapshot", snapshot.toString(), "--format", "json");
    assertThat(r.err()).isEmpty();
    return new ObjectMapper().readTree(r.out()).get("findings");
  }

  @Test
  void theMergedShardsAuditLikeOneCollectionOfTheWholeOrganization() throws Exception {
    Path merged = dir.resolve("org.json");

    // The shard without the trail's owner first: its copies of the trail, bucket and key (read by
    // a member, so unavailable) must give way to the owner's.
    Result r =
        run("merge", membersOnly.toString(), withManagement.toString(), "-o", merged.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .isEqualTo("trailaudit: wrote " + merged + ": 4 account(s) from 2 snapshot(s)\n");
    Snapshot b = Snapshots.read(membersOnly);
    assertThat(b.account("222222222222").orElseThrow().trails().get(0).status().isKnown())
        .isFalse();
    assertThat(b.bucket("org-trail-logs-" + MGMT).orElseThrow().region().isKnown()).isFalse();
    JsonNode expected = findings(whole);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(findings(merged)).isEqualTo(expected);
    assertThat(Snapshots.toJson(Snapshots.read(merged)))
        .isEqualTo(Snapshots.toJson(Snapshots.read(whole)));
    assertThat(findings(membersOnly)).isNotEqualTo(expected);
  }

  @Test
  void theShardsLeaveOutOnlyWhatNoShardRead() {
    // Each shard left the other's accounts out (--accounts); merged, nothing is left out.
    assertThat(Snapshots.read(membersOnly).collection().excludedAccounts()).isNotEmpty();
    assertThat(Snapshots.read(withManagement).collection().excludedAccounts()).isNotEmpty();
    Path merged = dir.resolve("org-excluded.json");

    Result r =
        run("merge", membersOnly.toString(), withManagement.toString(), "-o", merged.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Snapshots.read(merged).collection().excludedAccounts()).isEmpty();
  }

  @Test
  void theOutputMayNotBeAShard() throws Exception {
    Path shard = dir.resolve("shard-copy.json");
    Files.copy(membersOnly, shard, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String before = Files.readString(shard);

    Result r = run("merge", shard.toString(), withManagement.toString(), "-o", shard.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: -o "
                + shard
                + ": is the input file of SHARD 1; writing it would destroy the input. Name another"
                + " file\n");
    assertThat(Files.readString(shard)).isEqualTo(before);
  }

  @Test
  void anAccountInTwoShardsIsAConflict() {
    Result r = run("merge", withManagement.toString(), whole.toString(), "-o", out());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: merge: account "
                + MGMT
                + " is in both "
                + withManagement
                + " and "
                + whole
                + ": each account must be collected in one shard only\n");
  }

  @Test
  void shardsOfAnotherOrganizationAreAConflict() throws Exception {
    Path other = edited(membersOnly, "other.json", "o-exampleorgid", "o-otherorgid1");

    Result r = run("merge", withManagement.toString(), other.toString(), "-o", out());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: merge: "
                + withManagement
                + " and "
                + other
                + " are of different organizations: o-exampleorgid and o-otherorgid1\n");
  }

  @Test
  void treesThatDisagreeAreAConflict() throws Exception {
    // The same organization read at another moment: its SCP renamed in between.
    Path later = edited(membersOnly, "later.json", "\"ProtectCloudTrail\"", "\"ProtectTrail\"");

    Result r = run("merge", withManagement.toString(), later.toString(), "-o", out());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: merge: "
                + withManagement
                + " and "
                + later
                + " disagree on the tree of organization o-exampleorgid (accounts, OUs or policies"
                + " changed between the two collections): collect them again\n");
  }

  @Test
  void anotherHomeRegionOrSchemaVersionIsAnError() throws Exception {
    Path region =
        edited(
            membersOnly,
            "region.json",
            "\"homeRegion\" : \"us-east-1\"",
            "\"homeRegion\" : \"eu-west-1\"");
    Path version =
        edited(membersOnly, "version.json", "\"schemaVersion\" : 1,", "\"schemaVersion\" : 2,");

    Result home = run("merge", withManagement.toString(), region.toString(), "-o", out());
    Result schema = run("merge", withManagement.toString(), version.toString(), "-o", out());

    assertThat(home.code()).isEqualTo(2);
    assertThat(home.err())
        .isEqualTo(
            "trailaudit: merge: "
                + withManagement
                + " and "
                + region
                + " have different home regions: us-east-1 and eu-west-1\n");
    assertThat(schema.code()).isEqualTo(2);
    assertThat(schema.err())
        .startsWith("trailaudit: " + version + ": line ")
        .contains("unsupported snapshot schema version 2 (this trailaudit reads version 1)")
        .hasLineCount(1);
    assertThat(Files.exists(dir.resolve("conflict.json"))).isFalse();
  }

  static String out() {
    return dir.resolve("conflict.json").toString();
  }

  static Path edited(Path from, String name, String text, String replacement) throws Exception {
    String json = Files.readString(from);
    assertThat(json).contains(text);
    Path file = dir.resolve(name);
    Files.writeString(file, json.replace(text, replacement));
    return file;
  }
}
