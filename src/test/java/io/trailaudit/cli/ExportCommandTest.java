package io.trailaudit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export security-hub} end to end: its exit codes and that a failure is never silent. */
class ExportCommandTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  WireMockServer aws;
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void setUp() {
    aws = new WireMockServer(options().dynamicPort());
    aws.start();
    System.setProperty("aws.accessKeyId", "AKIAEXAMPLEEXPORT");
    System.setProperty("aws.secretAccessKey", "secret-test");
  }

  @AfterEach
  void tearDown() {
    aws.stop();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            CLOCK,
            Map.of("AWS_REGION", "us-east-1"),
            false);
    return new Result(code, out.toString(), err.toString());
  }

  private Path demoReport() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(
        report, CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "json").out());
    return report;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Test
  void aDeniedImportExitsOneAndNamesTheFindings() throws Exception {
    aws.stubFor(post(urlPathEqualTo("/findings")).willReturn(ok("{\"Findings\":[]}")));
    aws.stubFor(
        post(urlPathEqualTo("/findings/import"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withBody(
                        "{\"Message\":\"User: arn:aws:iam::111111111111:user/ci is not authorized"
                            + " to perform: securityhub:BatchImportFindings\"}")));

    Result r =
        run("export", "security-hub", demoReport().toString(), "--endpoint-url", aws.baseUrl());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: the export is incomplete")
        .contains("BatchImportFindings failed for")
        .contains("trailaudit/organization-trail/")
        .contains("not authorized to perform: securityhub:BatchImportFindings");
    assertThat(r.out()).contains("Security Hub: 0 imported");
  }

  @Test
  void everyFindingImportedExitsZero() throws Exception {
    aws.stubFor(post(urlPathEqualTo("/findings")).willReturn(ok("{\"Findings\":[]}")));
    aws.stubFor(
        post(urlPathEqualTo("/findings/import"))
            .willReturn(ok("{\"FailedCount\":0,\"SuccessCount\":100,\"FailedFindings\":[]}")));
    aws.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(
                urlPathEqualTo("/findings/batchupdate"))
            .willReturn(ok("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));

    Result r =
        run("export", "security-hub", demoReport().toString(), "--endpoint-url", aws.baseUrl());

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    // The demo's 238 findings are all imported; its 118 PASS findings are set RESOLVED (14 of
    // them added with check 13: quiet histories, tagged trails, org-trail's aggregation).
    assertThat(r.out())
        .startsWith("Security Hub: 238 imported, 0 archived, 0 suppressed, 118 resolved");
    assertThat(aws.findAll(postRequestedFor(urlPathEqualTo("/findings/import")))).isNotEmpty();
  }

  @Test
  void anUnreadableReportExitsTwoAndCallsNothing() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"not\":\"a report\"}");

    Result r = run("export", "security-hub", bad.toString(), "--endpoint-url", aws.baseUrl());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.json");
    assertThat(aws.getAllServeEvents()).isEmpty();
  }
}
