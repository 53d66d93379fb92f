package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.json;
import static io.trailaudit.collect.AwsWire.jsonError;
import static io.trailaudit.collect.AwsWire.jsonOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.Observed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GlueReaderTest extends WireMockReaderTest {
  static final Set<String> TRAIL_BUCKETS = Set.of("org-trail-logs", "second-trail-bucket");

  private GlueReader reader() {
    return new GlueReader(client(AwsService.GLUE));
  }

  private static MappingBuilder databases() {
    return json("AWSGlue.GetDatabases");
  }

  private static MappingBuilder tablesOf(String database) {
    return json("AWSGlue.GetTables")
        .withRequestBody(matchingJsonPath("$.DatabaseName", equalTo(database)));
  }

  private void stubCatalog() {
    server.stubFor(databases().willReturn(jsonOk(fixture("glue/get-databases-page1.json"))));
    server.stubFor(
        databases()
            .withRequestBody(
                matchingJsonPath(
                    "$.NextToken", equalTo("eyJsYXN0RXZhbHVhdGVkS2V5Ijp7InNlY3VyaXR5In19")))
            .atPriority(1)
            .willReturn(jsonOk(fixture("glue/get-databases-page2.json"))));
    server.stubFor(tablesOf("default").willReturn(jsonOk(fixture("glue/get-tables-default.json"))));
    server.stubFor(
        tablesOf("security").willReturn(jsonOk(fixture("glue/get-tables-security-page1.json"))));
    server.stubFor(
        tablesOf("security")
            .withRequestBody(
                matchingJsonPath("$.NextToken", equalTo("c2VjdXJpdHk6dnBjX2Zsb3dfbG9ncw==")))
            .atPriority(1)
            .willReturn(jsonOk(fixture("glue/get-tables-security-page2.json"))));
    server.stubFor(
        tablesOf("analytics").willReturn(jsonOk(fixture("glue/get-tables-analytics.json"))));
  }

  @Test
  void tablesOverTrailBucketsInEveryDatabaseAndPage() {
    stubCatalog();

    Observed<List<GlueTable>> tables = reader().tablesOver(TRAIL_BUCKETS);

    // Not: a flow-logs table, a view without location, a bucket whose name only starts alike.
    assertThat(tables.value())
        .containsExactly(
            new GlueTable(
                "security",
                "cloudtrail_logs",
                "s3://org-trail-logs/AWSLogs/111111111111/CloudTrail",
                "EXTERNAL_TABLE"),
            new GlueTable(
                "security",
                "cloudtrail_org_projected",
                "s3://org-trail-logs/AWSLogs/o-abc123def4/",
                "EXTERNAL_TABLE"),
            new GlueTable(
                "analytics", "trail_bucket_root", "s3://second-trail-bucket", "EXTERNAL_TABLE"));
    assertThat(log.callsByOperation())
        .isEqualTo(Map.of("glue:GetDatabases", 2L, "glue:GetTables", 4L));
  }

  @Test
  void glueNotUsedIsAKnownEmptyList() {
    server.stubFor(databases().willReturn(jsonOk(fixture("glue/get-databases-none.json"))));

    assertThat(reader().tablesOver(TRAIL_BUCKETS)).isEqualTo(Observed.known(List.of()));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void noBucketToLookForMeansNoCall() {
    assertThat(reader().tablesOver(Set.of())).isEqualTo(Observed.known(List.of()));
    assertThat(requests()).isZero();
  }

  @Test
  void deniedDatabasesAreUnavailable() {
    String message =
        "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform:"
            + " glue:GetDatabases on resource: arn:aws:glue:us-east-1:111111111111:catalog";
    server.stubFor(databases().willReturn(jsonError(400, "AccessDeniedException", message)));

    assertThat(reader().tablesOver(TRAIL_BUCKETS).failure())
        .isEqualTo(
            new Observed.Unavailable<>("glue", "GetDatabases", "AccessDeniedException", message));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void oneDatabaseThatCannotBeReadMakesTheWholeListUnavailable() {
    stubCatalog();
    server.stubFor(
        tablesOf("analytics")
            .atPriority(1)
            .willReturn(jsonError(400, "AccessDeniedException", "analytics is off limits")));

    Observed<List<GlueTable>> tables = reader().tablesOver(TRAIL_BUCKETS);

    assertThat(tables.failure())
        .isEqualTo(
            new Observed.Unavailable<>(
                "glue", "GetTables", "AccessDeniedException", "analytics is off limits"));
  }

  @Test
  void throttlingIsRetriedThenRead() {
    server.stubFor(
        tablesOf("analytics").willReturn(jsonOk(fixture("glue/get-tables-analytics.json"))));
    AwsWire.firstThen(
        server,
        GlueReaderTest::databases,
        jsonError(400, "ThrottlingException", "Rate exceeded"),
        jsonOk(fixture("glue/get-databases-page2.json")));

    Observed<List<GlueTable>> tables =
        new GlueReader(standardRetries(AwsService.GLUE)).tablesOver(TRAIL_BUCKETS);

    assertThat(tables.value()).extracting(GlueTable::name).containsExactly("trail_bucket_root");
    assertThat(log.attempts()).isEqualTo(3);
  }

  @Test
  void aServerErrorIsUnavailableAfterRetries() {
    stubCatalog();
    server.stubFor(
        tablesOf("security")
            .atPriority(1)
            .willReturn(jsonError(500, "InternalServiceException", "Internal service error")));

    Observed<List<GlueTable>> tables = reader().tablesOver(TRAIL_BUCKETS);

    assertThat(tables.failure().errorCode()).isEqualTo("InternalServiceException");
    // GetDatabases twice, default once, security three times; analytics is never asked.
    assertThat(log.attempts()).isEqualTo(2 + 1 + 3);
  }

  @Test
  void aMalformedBodyIsUnavailable() {
    server.stubFor(databases().willReturn(jsonOk("{\"DatabaseList\": [{\"Name\": \"def")));

    assertThat(reader().tablesOver(TRAIL_BUCKETS).failure().errorCode()).isEqualTo("ClientError");
  }

  @Test
  void aTimeoutIsUnavailable() {
    server.stubFor(
        databases()
            .willReturn(jsonOk(fixture("glue/get-databases-none.json")).withFixedDelay(400)));

    Observed<List<GlueTable>> tables =
        new GlueReader(impatient(AwsService.GLUE)).tablesOver(TRAIL_BUCKETS);

    assertThat(tables.failure().errorCode()).isEqualTo("Timeout");
  }

  @Test
  void theBucketOfALocation() {
    assertThat(GlueReader.bucket("s3://org-trail-logs/AWSLogs/")).isEqualTo("org-trail-logs");
    assertThat(GlueReader.bucket("s3://org-trail-logs")).isEqualTo("org-trail-logs");
    assertThat(GlueReader.bucket("S3://org-trail-logs/x")).isEqualTo("org-trail-logs");
    assertThat(GlueReader.bucket("hdfs://org-trail-logs/x")).isNull();
    assertThat(GlueReader.bucket(null)).isNull();
  }
}
