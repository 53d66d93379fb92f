package io.trailaudit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.integrity.DigestAudit;
import io.trailaudit.integrity.InMemoryStore;
import io.trailaudit.integrity.TestTrail;
import io.trailaudit.integrity.TestTrail.LogRef;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code validate-logs} end to end through the real SDK clients against WireMock serving S3
 * REST-XML and CloudTrail JSON 1.1: DescribeTrails, two pages of ListObjectsV2 and of
 * ListPublicKeys, GetObject with the signature in {@code x-amz-meta-*} headers, NoSuchKey,
 * throttling, AccessDenied, a 500, a malformed body and a timeout.
 */
class ValidateLogsWireMockTest {
  static final String JSON = "application/x-amz-json-1.1";
  static final String BUCKET = "trail-bucket";

  WireMockServer server;
  final InMemoryStore store = new InMemoryStore();
  final TestTrail trail = new TestTrail(store);
  final List<LogRef> logs = new ArrayList<>();
  final List<TestTrail.DigestRef> digests = new ArrayList<>();

  /** Seconds; short so that the timeout test is quick. */
  String callTimeout = "2";

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    System.setProperty("aws.accessKeyId", "AKIDTESTTEST");
    System.setProperty("aws.secretAccessKey", "secret-test");
    for (int h = 1; h <= 3; h++) {
      LogRef a = trail.log(ValidateLogsScenarioTest.hour(h, -25));
      LogRef b = trail.log(ValidateLogsScenarioTest.hour(h, -5));
      logs.add(a);
      logs.add(b);
      digests.add(trail.digest(ValidateLogsScenarioTest.hour(h, 5), a, b));
    }
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    server.stop();
  }

  static String resource(String path) {
    try (InputStream in = ValidateLogsWireMockTest.class.getResourceAsStream("/aws/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fill(String template, Map<String, String> values) {
    String s = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      s = s.replace("{{" + e.getKey() + "}}", e.getValue());
    }
    return s;
  }

  static MappingBuilder cloudtrail(String operation) {
    return post(urlPathEqualTo("/"))
        .withHeader("X-Amz-Target", matching(".*CloudTrail_20131101\\." + operation));
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
  }

  static ResponseDefinitionBuilder s3Error(int status, String file, String key) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withBody(fill(resource("s3/" + file), Map.of("key", key)));
  }

  /** DescribeTrails, ListPublicKeys (two pages), ListObjectsV2 (two pages), every object. */
  void serveEverything() throws IOException {
    server.stubFor(
        cloudtrail("DescribeTrails")
            .willReturn(
                json(
                    fill(
                        resource("cloudtrail/describe-trails-validate-logs.json"),
                        Map.of(
                            "name", "main",
                            "bucket", BUCKET,
                            "prefix", "",
                            "arn", trail.arn,
                            "organization", "false")))));
    String otherKey = Base64.getEncoder().encodeToString(TestTrail.pkcs1(TestTrail.OTHER_KEY));
    server.stubFor(
        cloudtrail("ListPublicKeys")
            .withRequestBody(notContaining("NextToken"))
            .willReturn(
                json(
                    fill(
                        resource("cloudtrail/list-public-keys.json"),
                        Map.of(
                            "value",
                            otherKey,
                            "fingerprint",
                            TestTrail.fingerprint(TestTrail.OTHER_KEY),
                            "next",
                            ",\n  \"NextToken\": \"keys-2\"")))));
    server.stubFor(
        cloudtrail("ListPublicKeys")
            .withRequestBody(containing("\"NextToken\":\"keys-2\""))
            .willReturn(
                json(
                    fill(
                        resource("cloudtrail/list-public-keys.json"),
                        Map.of(
                            "value",
                                Base64.getEncoder().encodeToString(TestTrail.pkcs1(TestTrail.KEY)),
                            "fingerprint", TestTrail.fingerprint(),
                            "next", "")))));
    List<String> digestKeys =
        store.keys(BUCKET).stream().filter(k -> k.contains("CloudTrail-Digest")).toList();
    server.stubFor(
        get(urlPathMatching("/" + BUCKET + "/?"))
            .withQueryParam("list-type", equalTo("2"))
            .withQueryParam("start-after", containing("CloudTrail-Digest"))
            .willReturn(listPage(digestKeys.subList(0, 2), "page-2")));
    server.stubFor(
        get(urlPathMatching("/" + BUCKET + "/?"))
            .withQueryParam("list-type", equalTo("2"))
            .withQueryParam("continuation-token", equalTo("page-2"))
            .willReturn(listPage(digestKeys.subList(2, digestKeys.size()), null)));
    for (String key : store.keys(BUCKET)) {
      serveObject(key);
    }
  }

  ResponseDefinitionBuilder listPage(List<String> keys, String next) {
    StringBuilder contents = new StringBuilder();
    for (String k : keys) {
      contents.append(
          fill(resource("s3/list-objects-v2-contents.xml"), Map.of("key", k, "size", "1024")));
    }
    String body =
        fill(
            resource("s3/list-objects-v2.xml"),
            Map.of(
                "bucket", BUCKET,
                "prefix", trail.location().digestFolder(),
                "keyCount", Integer.toString(keys.size()),
                "truncated", Boolean.toString(next != null),
                "next",
                    next == null
                        ? ""
                        : "\n  <NextContinuationToken>" + next + "</NextContinuationToken>",
                "contents", contents.toString()));
    return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
  }

  void serveObject(String key) throws IOException {
    server.stubFor(get(urlPathEqualTo("/" + BUCKET + "/" + key)).willReturn(object(key)));
  }

  ResponseDefinitionBuilder object(String key) throws IOException {
    byte[] body = store.bytes(BUCKET, key);
    ResponseDefinitionBuilder r =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/octet-stream")
            .withHeader("ETag", "\"" + TestTrail.sha256(body).substring(0, 32) + "\"")
            .withHeader("Last-Modified", "Thu, 19 Nov 2026 01:05:31 GMT")
            .withBody(body);
    store.metadata(BUCKET, key).forEach((k, v) -> r.withHeader("x-amz-meta-" + k, v));
    return r;
  }

  Result run(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "validate-logs",
                "--trail-arn",
                trail.arn,
                "--start-time",
                "2026-11-19T00:00:00Z",
                "--end-time",
                "2026-11-19T04:00:00Z",
                "--endpoint-url",
                server.baseUrl(),
                "--region",
                "us-east-1",
                "--attempt-timeout",
                "1",
                "--call-timeout",
                callTimeout));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            CliTest.CLOCK,
            Map.of(),
            false);
    return new Result(code, out.toString(), err.toString());
  }

  static String uri(String key) {
    return "s3://" + BUCKET + "/" + key;
  }

  @Test
  void validatesThroughTheRealClientsWithPagination() throws Exception {
    serveEverything();

    Result r = run();

    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            ValidateLogsScenarioTest.HEADER
                + ValidateLogsScenarioTest.REQUESTED
                + "Results found for 2026-11-19T00:05:00Z to 2026-11-19T03:05:00Z:\n"
                + "\n3/3 digest files valid\n6/6 log files valid\n");
    assertThat(r.code()).isZero();
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", containing("DescribeTrails")));
    server.verify(
        2,
        postRequestedFor(urlPathEqualTo("/"))
            .withHeader("X-Amz-Target", containing("ListPublicKeys")));
    server.verify(2, getRequestedFor(urlPathMatching("/" + BUCKET + "/?")));
    assertThat(
            server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("StartTime"))
                .toList())
        .allMatch(
            b ->
                b.contains("\"StartTime\":1795046400.000")
                    && b.contains("\"EndTime\":1795060800.000"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/" + BUCKET + "/" + logs.get(0).key())));
  }

  @Test
  void aDeletedLogFileIsNoSuchKey() throws Exception {
    serveEverything();
    String key = logs.get(3).key();
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key))
            .willReturn(s3Error(404, "no-such-key.xml", key)));

    Result r = run();

    assertThat(r.err()).isEqualTo("Log file\t" + uri(key) + "\tINVALID: not found\n\n");
    assertThat(r.out())
        .endsWith("\n3/3 digest files valid\n5/6 log files valid, 1/6 log files INVALID\n");
    assertThat(r.code()).isEqualTo(1);
    server.verify(1, getRequestedFor(urlPathEqualTo("/" + BUCKET + "/" + key)));
  }

  @Test
  void throttlingIsRetriedThenSucceeds() throws Exception {
    serveEverything();
    String key = logs.get(1).key();
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key))
            .inScenario("throttled")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(s3Error(503, "slow-down.xml", key))
            .willSetStateTo("recovered"));
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key))
            .inScenario("throttled")
            .whenScenarioStateIs("recovered")
            .willReturn(object(key)));
    callTimeout = "30"; // throttling backs off longer than other errors

    Result r = run();

    assertThat(r.err()).isEmpty();
    assertThat(r.out()).endsWith("\n3/3 digest files valid\n6/6 log files valid\n");
    assertThat(r.code()).isZero();
    server.verify(2, getRequestedFor(urlPathEqualTo("/" + BUCKET + "/" + key)));
  }

  @Test
  void aDeniedListingMeansValidationCannotRun() throws Exception {
    serveEverything();
    server.stubFor(
        get(urlPathMatching("/" + BUCKET + "/?"))
            .withQueryParam("list-type", equalTo("2"))
            .atPriority(1)
            .willReturn(s3Error(403, "access-denied.xml", "")));

    Result r = run();

    assertThat(r.err())
        .isEqualTo(
            "trailaudit: validation could not run: s3:ListObjectsV2 failed: AccessDenied (Access"
                + " Denied)\n");
    // Nothing was validated: 3, not 1 (which says the logs are invalid or missing).
    assertThat(r.code()).isEqualTo(3);
  }

  @Test
  void expiredCredentialsAreTheUsersToFixAndExit2() throws Exception {
    serveEverything();
    server.stubFor(
        get(urlPathMatching("/" + BUCKET + "/?"))
            .withQueryParam("list-type", equalTo("2"))
            .atPriority(1)
            .willReturn(s3Error(400, "expired-token.xml", "")));

    Result r = run();

    assertThat(r.err())
        .isEqualTo(
            "trailaudit: validation could not run: s3:ListObjectsV2 failed: ExpiredToken (The"
                + " provided token has expired.)\n");
    assertThat(r.code()).isEqualTo(2);
  }

  @Test
  void deniedPublicKeysMeanValidationCannotRun() throws Exception {
    serveEverything();
    server.stubFor(
        cloudtrail("ListPublicKeys")
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", JSON)
                    .withBody(resource("cloudtrail/access-denied.json"))));

    Result r = run();

    assertThat(r.err())
        .startsWith(
            "trailaudit: validation could not run: cloudtrail:ListPublicKeys failed:"
                + " AccessDeniedException (User: ");
    assertThat(r.code()).isEqualTo(3);
  }

  @Test
  void aMalformedPublicKeyResponseMeansValidationCannotRun() throws Exception {
    serveEverything();
    server.stubFor(
        cloudtrail("ListPublicKeys").atPriority(1).willReturn(json("{\"PublicKeyList\": [")));

    Result r = run();

    assertThat(r.err())
        .startsWith(
            "trailaudit: validation could not run: cloudtrail:ListPublicKeys failed: ClientError");
    assertThat(r.code()).isEqualTo(3);
  }

  @Test
  void aDigestThatKeepsFailingWith500IsUnreadableAndTheWalkGoesOn() throws Exception {
    serveEverything();
    String key = digests.get(1).key();
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key))
            .willReturn(s3Error(500, "internal-error.xml", key)));

    Result r = run();

    assertThat(r.err())
        .isEqualTo(
            "Digest file\t"
                + uri(key)
                + "\tUNREADABLE: s3:GetObject failed: InternalError (We encountered an internal"
                + " error. Please try again.)\n\n");
    assertThat(r.out())
        .endsWith("\n2/3 digest files valid, 1/3 digest files UNREADABLE\n4/4 log files valid\n");
    assertThat(r.code()).isEqualTo(1);
    server.verify(3, getRequestedFor(urlPathEqualTo("/" + BUCKET + "/" + key)));
  }

  @Test
  void aLogFileThatTimesOutIsUnreadable() throws Exception {
    serveEverything();
    String key = logs.get(4).key();
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key)).willReturn(object(key).withFixedDelay(1500)));

    Result r = run();

    assertThat(r.err())
        .isEqualTo(
            "Log file\t"
                + uri(key)
                + "\tUNREADABLE: s3:GetObject failed: Timeout (Client execution did not complete"
                + " before the specified timeout configuration: 2000 millis)\n\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void anOrganizationTrailNeedsAnAccountId() throws Exception {
    server.stubFor(
        cloudtrail("DescribeTrails")
            .willReturn(
                json(
                    fill(
                        resource("cloudtrail/describe-trails-validate-logs.json"),
                        Map.of(
                            "name", "main",
                            "bucket", BUCKET,
                            "prefix", "",
                            "arn", trail.arn,
                            "organization", "true")))));

    Result r = run();

    assertThat(r.err())
        .isEqualTo(
            "trailaudit: Missing required parameter for organization trail: '--account-id'\n");
    assertThat(r.code()).isEqualTo(2);
  }

  @Test
  void usageErrorsExit2() {
    assertThat(run("--start-time", "yesterday").code()).isEqualTo(2);
    Result badArn = runWith("--trail-arn", "foo:bar:baz", "--start-time", "2026-11-19");
    assertThat(badArn.err()).isEqualTo("trailaudit: Invalid trail ARN provided: foo:bar:baz\n");
    assertThat(badArn.code()).isEqualTo(2);
    Result reversed =
        runWith("--trail-arn", trail.arn, "--start-time", "2026-11-20", "--end-time", "2026-11-19");
    assertThat(reversed.err())
        .isEqualTo(
            "trailaudit: Invalid time range specified: start-time must occur before end-time\n");
    assertThat(reversed.code()).isEqualTo(2);
    assertThat(runWith("--start-time", "2026-11-19").code()).isEqualTo(2);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  Result runWith(String... args) {
    List<String> all = new ArrayList<>(List.of("validate-logs"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            CliTest.CLOCK,
            Map.of(),
            false);
    return new Result(code, out.toString(), err.toString());
  }

  Trail modelTrail() {
    return Trail.builder()
        .arn(trail.arn)
        .name("main")
        .homeRegion("us-east-1")
        .isMultiRegionTrail(true)
        .includeGlobalServiceEvents(true)
        .logFileValidationEnabled(true)
        .s3BucketName(BUCKET)
        .build();
  }

  @Test
  void digestAuditReturnsTheSummaryForTheSnapshot() throws Exception {
    serveEverything();
    String key = logs.get(2).key();
    server.stubFor(
        get(urlPathEqualTo("/" + BUCKET + "/" + key))
            .willReturn(s3Error(404, "no-such-key.xml", key)));

    LogValidation v;
    try (ClientFactory factory = WireMockAws.factory(server, new CallLog())) {
      v =
          DigestAudit.validate(
              factory,
              WireMockAws.CREDENTIALS,
              "test",
              modelTrail(),
              ValidateLogsScenarioTest.START,
              ValidateLogsScenarioTest.END,
              4);
    }

    assertThat(v.trailArn()).isEqualTo(trail.arn);
    assertThat(v.region()).isEqualTo("us-east-1");
    LogValidation.Result r = v.result().value();
    assertThat(r.digestFiles()).isEqualTo(new LogValidation.Counts(3, 0, 0, 0));
    assertThat(r.logFiles()).isEqualTo(new LogValidation.Counts(5, 0, 1, 0));
    assertThat(r.problems())
        .containsExactly(new LogValidation.Problem("log", uri(key), "NOT_FOUND", "not found"));
    assertThat(r.foundStart()).isEqualTo(Instant.parse("2026-11-19T00:05:00Z"));
    assertThat(r.foundEnd()).isEqualTo(Instant.parse("2026-11-19T03:05:00Z"));
  }

  @Test
  void digestAuditIsUnavailableWhenValidationCannotRun() throws Exception {
    serveEverything();
    server.stubFor(
        cloudtrail("ListPublicKeys")
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", JSON)
                    .withBody(resource("cloudtrail/access-denied.json"))));

    LogValidation v;
    try (ClientFactory factory = WireMockAws.factory(server, new CallLog())) {
      v =
          DigestAudit.validate(
              factory,
              WireMockAws.CREDENTIALS,
              "test",
              modelTrail(),
              ValidateLogsScenarioTest.START,
              ValidateLogsScenarioTest.END,
              4);
    }

    Observed.Unavailable<LogValidation.Result> u = v.result().failure();
    assertThat(u.service()).isEqualTo("cloudtrail");
    assertThat(u.operation()).isEqualTo("ListPublicKeys");
    assertThat(u.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(u.message()).startsWith("User: arn:aws:iam::123456789012:user/auditor");
  }
}
