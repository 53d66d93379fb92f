package io.trailaudit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trailaudit.collect.AwsStubs;
import io.trailaudit.collect.FakeAws;
import io.trailaudit.collect.WireMockAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/trailaudit.jar, shrunk by ProGuard and PruneUnreachable, run with {@code java -jar} as a
 * separate process against the fake AWS of the in-process tests: every reader, the EC2 fallback,
 * {@code validate-logs} and {@code export security-hub}. Each run must give what the same command
 * gives in this JVM (the unshrunk classes) against the same state, and no class may be missing.
 * Together the runs call every operation of {@code read-operations.json}.
 */
class ShrunkJarIT {
  static final String MANAGEMENT = "111111111111";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The operations the jar's runs called, as "service:Operation" (read-operations.json's keys). */
  static final Set<String> called = new TreeSet<>();

  static WireMockServer aws;
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() {
    aws = new WireMockServer(options().dynamicPort());
    aws.start();
    System.setProperty("aws.accessKeyId", FakeAws.CALLER_KEY);
    System.setProperty("aws.secretAccessKey", "secret-test");
  }

  @AfterAll
  static void stop() throws Exception {
    aws.stop();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    // Every operation trailaudit may call was called through the jar by one of the tests.
    Set<String> expected = new TreeSet<>();
    JsonNode ops =
        JSON.readTree(
            ShrunkJarIT.class.getResourceAsStream("/io/trailaudit/collect/read-operations.json"));
    for (Iterator<Map.Entry<String, JsonNode>> s = ops.properties().iterator(); s.hasNext(); ) {
      Map.Entry<String, JsonNode> service = s.next();
      if (!service.getKey().startsWith("_")) {
        service
            .getValue()
            .properties()
            .forEach(op -> expected.add(service.getKey() + ":" + op.getKey()));
      }
    }
    assertThat(called).containsAll(expected);
  }

  /** The organization of the live audit tests, with what makes the remaining readers read. */
  void serveOrganization(boolean everyReader) {
    aws.resetAll();
    WireMock wm = new WireMock(aws.port());
    FakeAws.serve(
        wm,
        new FakeAws.Estate(
            MANAGEMENT,
            List.of("222222222222", "333333333333"),
            Set.of("333333333333"),
            List.of("us-east-1", "eu-west-1")));
    if (!everyReader) {
      return;
    }
    // A Glue database (GetTables), an event data store (GetEventDataStore), and a metric filter
    // with dimensions (DescribeAlarms, every alarm of the region).
    aws.stubFor(
        AwsStubs.json11(FakeAws.GLUE + "GetDatabases")
            .atPriority(1)
            .willReturn(AwsStubs.json(AwsStubs.body("glue/get-databases-page2.json"))));
    aws.stubFor(
        AwsStubs.json11(FakeAws.GLUE + "GetTables")
            .atPriority(1)
            .willReturn(AwsStubs.json(AwsStubs.body("glue/get-tables-default.json"))));
    aws.stubFor(
        AwsStubs.json11(FakeAws.CT + "ListEventDataStores")
            .atPriority(1)
            .willReturn(
                AwsStubs.json(AwsStubs.body("cloudtrail/list-event-data-stores-page2.json"))));
    aws.stubFor(
        AwsStubs.json11(FakeAws.CT + "GetEventDataStore")
            .atPriority(1)
            .willReturn(
                AwsStubs.json(AwsStubs.body("cloudtrail/get-event-data-store-org-lake.json"))));
    aws.stubFor(
        AwsStubs.json11(FakeAws.LOGS + "DescribeMetricFilters")
            .atPriority(1)
            .withHeader("Authorization", containing("Credential=" + FakeAws.CALLER_KEY + "/"))
            .willReturn(AwsStubs.json(metricFilters())));
    aws.stubFor(
        AwsStubs.query("DescribeAlarms")
            .atPriority(1)
            .willReturn(AwsStubs.xml(AwsStubs.body("cloudwatch/describe-alarms-page2.xml"))));
  }

  /** The trail log group's filters of the fake estate and one filter with dimensions. */
  static String metricFilters() {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode trail =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              JSON.readTree(AwsStubs.body("logs/describe-metric-filters-trail.json"));
      JsonNode dimensioned =
          JSON.readTree(AwsStubs.body("logs/describe-metric-filters-page2.json"));
      trail
          .withArray("metricFilters")
          .addAll((com.fasterxml.jackson.databind.node.ArrayNode) dimensioned.get("metricFilters"));
      trail.remove("nextToken");
      return JSON.writeValueAsString(trail).replace("111111111111", MANAGEMENT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The same command in this JVM, with the classes the jar was made from. */
  static Result inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Clock.systemUTC(),
            Map.of("AWS_REGION", "us-east-1"),
            false);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code java -jar target/trailaudit.jar ARGS}; the requests it made go to {@link #called}. */
  Result jar(String... args) throws Exception {
    aws.resetRequests();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // S3 Control sends to <account>.<endpoint host>.
                "-Djdk.net.hosts.file=" + System.getProperty("trailaudit.hosts"),
                "-jar",
                System.getProperty("trailaudit.jar")));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_ACCESS_KEY_ID", FakeAws.CALLER_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret-test");
    pb.environment().put("HOME", dir.toString());
    Path out = dir.resolve("jar.out");
    Path err = dir.resolve("jar.err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
    Result r =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    assertThat(r.out() + r.err())
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("ClassNotFoundException")
        .doesNotContain("NoSuchMethodError")
        .doesNotContain("NoSuchFieldError")
        .doesNotContain("AbstractMethodError")
        .doesNotContain("IncompatibleClassChangeError");
    for (LoggedRequest request : aws.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()))) {
      called.add(operation(request));
    }
    return r;
  }

  static final Pattern ACTION = Pattern.compile("(?:^|&)Action=(\\w+)");
  static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d+/[^/]+/([^/]+)/");
  static final Map<String, String> TARGETS =
      Map.of(
          "CloudTrail_20131101", "cloudtrail",
          "AWSOrganizationsV20161128", "organizations",
          "TrentService", "kms",
          "Logs_20140328", "logs",
          "StarlingDoveService", "config",
          "AWSGlue", "glue");
  static final Map<String, String> S3_SUBRESOURCES =
      Map.of(
          "location", "GetBucketLocation",
          "policy", "GetBucketPolicy",
          "policyStatus", "GetBucketPolicyStatus",
          "acl", "GetBucketAcl",
          "publicAccessBlock", "GetPublicAccessBlock",
          "versioning", "GetBucketVersioning",
          "object-lock", "GetObjectLockConfiguration",
          "logging", "GetBucketLogging",
          "encryption", "GetBucketEncryption",
          "lifecycle", "GetBucketLifecycleConfiguration");

  /** "service:Operation" of one request, by the wire protocol of its service. */
  static String operation(LoggedRequest r) {
    String target = r.getHeader("X-Amz-Target");
    if (target != null) {
      String[] parts = target.split("\\.");
      return TARGETS.get(parts[parts.length - 2]) + ":" + parts[parts.length - 1];
    }
    Matcher action = ACTION.matcher(r.getBodyAsString());
    if (action.find()) {
      Matcher scope = SCOPE.matcher(r.getHeader("Authorization"));
      String service = scope.find() ? scope.group(1) : "?";
      return (service.equals("monitoring") ? "cloudwatch" : service) + ":" + action.group(1);
    }
    String path = r.getUrl().replaceFirst("\\?.*", "");
    if (path.equals("/listRegions")) {
      return "account:ListRegions";
    }
    if (path.equals("/accounts")) {
      return "securityhub:DescribeHub";
    }
    if (path.startsWith("/standards")) {
      return "securityhub:GetEnabledStandards";
    }
    if (path.startsWith("/findings")) {
      return "securityhub-export:" + path;
    }
    if (path.startsWith("/v20180820/")) {
      return "s3control:GetPublicAccessBlock";
    }
    for (String sub : S3_SUBRESOURCES.keySet()) {
      if (r.queryParameter(sub).isPresent()) {
        return "s3:" + S3_SUBRESOURCES.get(sub);
      }
    }
    if (r.queryParameter("list-type").isPresent()) {
      return "s3:ListObjectsV2";
    }
    return "s3:GetObject";
  }

  String[] live(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--format",
            "json",
            "--endpoint-url",
            aws.baseUrl(),
            "--attempt-timeout",
            Long.toString(WireMockAws.ATTEMPT_TIMEOUT.toSeconds())));
    return all.toArray(String[]::new);
  }

  static JsonNode findings(Result r) throws Exception {
    return JSON.readTree(r.out()).get("findings");
  }

  @Test
  void anOrganizationAuditThroughTheJarGivesTheFindingsOfTheClassesItWasMadeFrom()
      throws Exception {
    serveOrganization(true);
    String[] args = live("audit", "--org", "--member-role", FakeAws.MEMBER_ROLE);

    Result jar = jar(args);
    Result classes = inProcess(args);

    assertThat(jar.err()).isEqualTo(classes.err());
    assertThat(jar.code()).isEqualTo(classes.code()).isEqualTo(1);
    assertThat(findings(jar)).hasSizeGreaterThan(20).isEqualTo(findings(classes));
  }

  @Test
  void theEc2FallbackForRegionsWorksThroughTheJar() throws Exception {
    serveOrganization(false);
    aws.stubFor(
        post(urlEqualTo("/listRegions"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withBody(
                        "{\"message\":\"User is not authorized to perform:"
                            + " account:ListRegions\"}")));
    aws.stubFor(
        AwsStubs.query("DescribeRegions")
            .atPriority(1)
            .willReturn(AwsStubs.xml(AwsStubs.body("ec2/describe-regions.xml"))));
    String[] args = live("audit");

    Result jar = jar(args);
    Result classes = inProcess(args);

    assertThat(called).contains("ec2:DescribeRegions");
    assertThat(jar.code()).isEqualTo(classes.code()).isEqualTo(1);
    JsonNode scope = JSON.readTree(jar.out()).get("scope");
    assertThat(scope.get("regions").toString()).isEqualTo("[\"ap-east-1\",\"us-west-2\"]");
    assertThat(findings(jar)).isNotEmpty().isEqualTo(findings(classes));
  }

  @Test
  void validateLogsThroughTheJarGivesTheResultsOfTheClassesItWasMadeFrom() throws Exception {
    ValidateLogsWireMockTest logs = new ValidateLogsWireMockTest();
    logs.start();
    try {
      logs.serveEverything();
      aws.resetAll();
      // The same stubs, on this test's server: the jar needs one port for every run.
      logs.server.getStubMappings().forEach(aws::addStubMapping);
      logs.server.stop();
      String[] args = {
        "validate-logs",
        "--trail-arn",
        logs.trail.arn,
        "--start-time",
        "2026-11-19T00:00:00Z",
        "--end-time",
        "2026-11-19T04:00:00Z",
        "--endpoint-url",
        aws.baseUrl(),
        "--region",
        "us-east-1"
      };

      Result jar = jar(args);
      Result classes = inProcess(args);

      assertThat(jar.err()).isEqualTo(classes.err());
      assertThat(jar.out()).isEqualTo(classes.out()).contains("6/6 log files valid");
      assertThat(jar.code()).isEqualTo(classes.code()).isZero();
    } finally {
      System.setProperty("aws.accessKeyId", FakeAws.CALLER_KEY);
      System.setProperty("aws.secretAccessKey", "secret-test");
    }
  }

  @Test
  void aSecurityHubExportThroughTheJarSendsWhatTheClassesSend() throws Exception {
    aws.resetAll();
    aws.stubFor(
        post(urlPathEqualTo("/findings"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"Findings\":[]}")));
    aws.stubFor(
        post(urlPathEqualTo("/findings/import"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"FailedCount\":0,\"SuccessCount\":100,\"FailedFindings\":[]}")));
    aws.stubFor(
        patch(urlPathEqualTo("/findings/batchupdate"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
    Path report = dir.resolve("report.json");
    Files.writeString(
        report, inProcess("audit", "--snapshot", CliTest.DEMO, "--format", "json").out());
    String[] args = {"export", "security-hub", report.toString(), "--endpoint-url", aws.baseUrl()};

    Result jar = jar(args);
    int jarRequests = aws.getAllServeEvents().size();
    aws.resetRequests();
    Result classes = inProcess(args);

    assertThat(jar.err()).isEqualTo(classes.err()).isEmpty();
    assertThat(jar.out()).isEqualTo(classes.out()).startsWith("Security Hub: 238 imported");
    assertThat(jar.code()).isEqualTo(classes.code()).isZero();
    assertThat(jarRequests).isEqualTo(aws.getAllServeEvents().size()).isPositive();
  }
}
