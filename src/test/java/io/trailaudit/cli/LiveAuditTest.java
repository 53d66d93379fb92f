package io.trailaudit.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.collect.FakeAws;
import io.trailaudit.collect.WireMockAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} and {@code collect} run in-process against one account served by WireMock. */
class LiveAuditTest {
  static final String ACCOUNT = "111111111111";
  static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";
  static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/org-trail";
  static final String BUCKET = "arn:aws:s3:::org-trail-logs-" + ACCOUNT;
  static final String KEY =
      "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String LOG_GROUP =
      "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:aws-cloudtrail-logs";
  static final String HUB = "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":hub/default";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);

  /**
   * STS, Organizations (the tree: 7 calls with one SCP), account:ListRegions, S3 Control; per
   * region (2) DescribeTrails, ListEventDataStores, Config (recorders, their status, rules,
   * remediations), Security Hub (hub, standards) and Glue databases; per trail 4 reads and, as it
   * logs S3 data events, GetEventConfiguration; per bucket 11, per key 4; for the trail's log group
   * (us-east-1) its metric filters, the alarms on its one metric, attributes and subscriptions of
   * the alarm's two topics, and the 4 reads of the one key that encrypts both topics. No event
   * history ({@link #live} turns it off: at two lookups a second it would add seconds to every run;
   * CollectorTest searches it on a fake clock).
   */
  static final int CALLS =
      1 + 7 + 1 + 1 + 2 * (2 + 4 + 2 + 1) + (4 + 1) + 11 + 4 + 1 + 1 + 2 * 2 + 4;

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void setUp() {
    FakeAws.serve(
        aws.getRuntimeInfo().getWireMock(),
        new FakeAws.Estate(ACCOUNT, List.of(), Set.of(), List.of("us-east-1", "eu-west-1")));
    // The default credential chain reads these first.
    System.setProperty("aws.accessKeyId", FakeAws.CALLER_KEY);
    System.setProperty("aws.secretAccessKey", "secret-test");
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  Result run(boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            CLOCK,
            Map.of("AWS_REGION", "us-east-1"),
            terminal);
    return new Result(code, out.toString(), err.toString());
  }

  String[] live(String... args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "--endpoint-url",
                aws.baseUrl(),
                "--attempt-timeout",
                Long.toString(WireMockAws.ATTEMPT_TIMEOUT.toSeconds()),
                "--history-days",
                "0"));
    all.addAll(0, List.of(args));
    return all.toArray(String[]::new);
  }

  static Map<String, String> statuses(String jsonReport) throws Exception {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode f : new ObjectMapper().readTree(jsonReport).get("findings")) {
      statuses.put(
          f.get("ruleId").asText() + " " + f.get("resourceArn").asText(), f.get("status").asText());
    }
    return statuses;
  }

  @Test
  void outputPathsAreCheckedBeforeAnyAwsCall() throws Exception {
    Path missing = dir.resolve("missing").resolve("report.json");
    Result audit = run(false, live("audit", "-o", missing.toString()));
    assertThat(audit.code()).isEqualTo(2);
    assertThat(audit.err())
        .isEqualTo(
            "trailaudit: -o "
                + missing
                + ": directory "
                + missing.getParent()
                + " does not exist"
                + System.lineSeparator());
    Path file = java.nio.file.Files.writeString(dir.resolve("plain"), "x");
    Result outputDir =
        run(false, live("audit", "--output-dir", file.toString(), "--formats", "sarif"));
    assertThat(outputDir.code()).isEqualTo(2);
    Result collect = run(false, live("collect", "-o", dir.toString()));
    assertThat(collect.code()).isEqualTo(2);
    assertThat(aws.getAllServeEvents()).isEmpty();
  }

  @Test
  void aLiveAuditReadsTheAccountAndReportsItsFindings() throws Exception {
    Result r = run(false, live("audit", "--format", "json"));

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(1);
    Map<String, String> s = statuses(r.out());
    assertThat(s)
        .containsEntry("organization-trail/trail-enabled " + ROOT, "PASS")
        .containsEntry("organization-trail/multi-region-management-events " + ROOT, "PASS")
        .containsEntry("organization-trail/all-regions " + ROOT, "PASS")
        .containsEntry("organization-trail/organization-trail " + ROOT, "PASS")
        .containsEntry("organization-trail/delivery-healthy " + TRAIL, "PASS")
        .containsEntry("log-file-validation/enabled " + TRAIL, "PASS")
        .containsEntry("kms-encryption/sse-kms " + TRAIL, "PASS")
        .containsEntry("log-bucket/versioning " + BUCKET, "PASS")
        .containsEntry("log-bucket/access-logging " + BUCKET, "PASS")
        .containsEntry("log-bucket/tls-only " + BUCKET, "PASS")
        .containsEntry("log-bucket/object-lock " + BUCKET, "FAIL")
        .containsEntry("log-bucket/not-public " + BUCKET, "FAIL")
        .containsEntry("log-bucket/dedicated " + BUCKET, "FAIL")
        .containsEntry("kms-encryption/customer-managed-key " + KEY, "PASS")
        .containsEntry("kms-encryption/key-rotation " + KEY, "PASS")
        .containsEntry("kms-encryption/key-policy " + KEY, "FAIL")
        .containsEntry("cloudwatch-alerting/log-group " + ROOT, "PASS")
        .containsEntry("cloudwatch-alerting/metric-filter/root-usage " + LOG_GROUP, "PASS")
        .containsEntry("cloudwatch-alerting/metric-filter/iam-policy-changes " + LOG_GROUP, "FAIL")
        .containsEntry("config-rules/recorder " + ROOT, "PASS")
        .containsEntry("config-rules/cloudtrail-rules " + ROOT, "PASS")
        .containsEntry("config-rules/auto-remediation " + ROOT, "PASS")
        .containsEntry("security-analytics/security-hub " + HUB, "PASS")
        .containsEntry("security-analytics/standards " + HUB, "FAIL")
        .containsEntry("security-analytics/athena-table " + TRAIL, "FAIL");
    JsonNode scope = new ObjectMapper().readTree(r.out()).get("scope");
    assertThat(scope.get("source").asText()).isEqualTo("live");
    assertThat(scope.get("accounts").toString()).isEqualTo("[\"" + ACCOUNT + "\"]");
    assertThat(scope.get("regions").toString()).isEqualTo("[\"eu-west-1\",\"us-east-1\"]");
    assertThat(aws.getAllServeEvents()).hasSize(CALLS);
  }

  @Test
  void collectThenAuditTheSnapshotGivesTheSameFindingsAsTheLiveAudit() throws Exception {
    Path file = dir.resolve("snap.json");

    Result collected = run(false, live("collect", "-o", file.toString()));

    assertThat(collected.code()).isZero();
    assertThat(collected.out()).isEmpty();
    Matcher m =
        Pattern.compile(
                "wrote .*snap\\.json: 1 account\\(s\\), 2 region\\(s\\), (\\d+) API calls, (\\d+)"
                    + " answered with an error")
            .matcher(collected.err());
    assertThat(m.find()).as(collected.err()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(CALLS);
    // ObjectLockConfigurationNotFoundError and NoSuchLifecycleConfiguration: error responses that
    // mean "not enabled" and "no rules".
    assertThat(m.group(2)).isEqualTo("2");
    assertThat(aws.getAllServeEvents()).hasSize(CALLS);
    assertThat(Files.readString(file)).contains("\"method\" : \"live\"");

    Result offline = run(false, "audit", "--snapshot", file.toString(), "--format", "json");
    Result live = run(false, live("audit", "--format", "json"));

    assertThat(offline.code()).isEqualTo(live.code());
    JsonNode a = new ObjectMapper().readTree(offline.out()).get("findings");
    JsonNode b = new ObjectMapper().readTree(live.out()).get("findings");
    assertThat(a).isNotEmpty();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void verifyDigestsAddsTheValidationOfTheTrailToTheAudit() throws Exception {
    Result without = run(false, live("audit", "--format", "json"));
    Result with = run(false, live("audit", "--format", "json", "--verify-digests", "24"));

    assertThat(statuses(without.out()))
        .doesNotContainKey("log-file-validation/digests-verified " + TRAIL);
    // The fake estate serves no CloudTrail public keys: validation cannot run, which is an ERROR
    // naming the call, never a PASS.
    assertThat(statuses(with.out()))
        .containsEntry("log-file-validation/digests-verified " + TRAIL, "ERROR");
    assertThat(with.out()).contains("cloudtrail:ListPublicKeys failed");
  }

  /**
   * Every reader runs against the fake estate (digest validation included); had one called an
   * operation missing from the read-only allow-list, the guard would have refused it and the
   * snapshot would say so.
   */
  @Test
  void everyOperationTheReadersUseIsOnTheReadOnlyList() throws Exception {
    Path file = dir.resolve("all.json");

    Result r = run(false, live("collect", "-o", file.toString(), "--verify-digests", "24"));

    assertThat(r.code()).isZero();
    String snapshot = Files.readString(file);
    assertThat(snapshot).contains("\"logValidations\"").contains("\"configRules\"");
    assertThat(snapshot).doesNotContain("RefusedByReadOnlyGuard");
  }

  @Test
  void progressGoesToAStandardErrorThatIsATerminalAndNotWithQuiet() {
    Result shown = run(true, live("audit", "--format", "json"));
    Result quiet = run(true, live("audit", "--format", "json", "--quiet"));

    assertThat(shown.err()).contains("\rcollecting: accounts 1/1, regions 2/2, ").endsWith("\n");
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.out()).isEqualTo(shown.out());
  }

  @Test
  void liveOptionsWithASnapshotAreAUsageError() {
    Result r =
        run(false, "audit", "--snapshot", CliTest.DEMO, "--regions", "all", "--profile", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: --profile, --regions: only for a live audit, not with --snapshot\n");
  }

  @Test
  void badCollectionOptionsAreOneLineUsageErrors() {
    assertThat(run(false, live("audit", "--org")).err())
        .isEqualTo(
            "trailaudit: --org needs --member-role NAME, the role to assume in each account\n");
    assertThat(run(false, live("audit", "--accounts", "123456789012")).err())
        .isEqualTo("trailaudit: --member-role, --accounts and --exclude-accounts need --org\n");
    assertThat(run(false, live("audit", "--regions", "us-east-1,mars")).err())
        .isEqualTo(
            "trailaudit: --regions: \"mars\" is not a region name (e.g. us-east-1), nor 'all'\n");
    assertThat(run(false, live("collect", "-o", "x.json", "--concurrency", "0")).code())
        .isEqualTo(2);
    assertThat(run(false, live("audit", "--verify-digests", "0")).err())
        .isEqualTo("trailaudit: --verify-digests must be between 1 and 8784 hours\n");
    assertThat(run(false, "audit", "--endpoint-url", aws.baseUrl(), "--history-days", "91").err())
        .isEqualTo(
            "trailaudit: --history-days must be between 0 and 90 (the days event history"
                + " keeps)\n");
    assertThat(aws.getAllServeEvents()).isEmpty();
  }

  @Test
  void aCallerWithoutValidCredentialsIsAUsageErrorNamingTheReason() {
    aws.stubFor(
        io.trailaudit.collect.AwsStubs.query("GetCallerIdentity")
            .atPriority(1)
            .willReturn(
                io.trailaudit.collect.AwsStubs.queryError(
                    403,
                    "InvalidClientTokenId",
                    "The security token included in the request is invalid.")));

    Result r = run(false, live("audit"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: cannot identify the caller: sts:GetCallerIdentity failed:"
                + " InvalidClientTokenId (The security token included in the request is invalid.)\n");
  }
}
