package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.restJsonError;
import static io.trailaudit.collect.AwsWire.restJsonOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Security Hub REST-JSON: {@code POST /findings} (GetFindings), {@code POST /findings/import}
 * (BatchImportFindings), {@code PATCH /findings/batchupdate} (BatchUpdateFindings).
 */
class SecurityHubExportTest extends WireMockReaderTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRODUCT =
      "arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private ClientFactory exportFactory;

  @BeforeEach
  void exportClients() {
    exportFactory = new ClientFactory(WireMockAws.settings(server), log, ReadOperations.export());
  }

  private SecurityHubClient exportClient() {
    return exportFactory.client(
        AwsService.SECURITY_HUB, "us-east-1", "test", WireMockAws.CREDENTIALS);
  }

  private SecurityHubExport.Result export(JsonNode asff) {
    try {
      return new SecurityHubExport(r -> exportClient(), NOW).export(asff);
    } finally {
      exportFactory.close();
    }
  }

  static MappingBuilder getFindings() {
    return post(urlPathEqualTo("/findings"));
  }

  static MappingBuilder importFindings() {
    return post(urlPathEqualTo("/findings/import"));
  }

  static MappingBuilder updateFindings() {
    return patch(urlPathEqualTo("/findings/batchupdate"));
  }

  /** An ASFF finding as {@code --format asff} writes it. */
  static ObjectNode asff(int i, String compliance, boolean muted) {
    ObjectNode f = JSON.createObjectNode();
    String arn = "arn:aws:s3:::bucket-" + i;
    f.put("SchemaVersion", "2018-10-08");
    f.put("Id", "trailaudit/log-bucket/versioning/111111111111/us-east-1/" + arn);
    f.put("ProductArn", PRODUCT);
    f.put("GeneratorId", "trailaudit/log-bucket/versioning");
    f.put("AwsAccountId", "111111111111");
    f.putArray("Types").add("Software and Configuration Checks/AWS Security Best Practices");
    f.put("CreatedAt", "2026-12-01T10:00:00Z");
    f.put("UpdatedAt", "2026-12-01T10:00:00Z");
    f.putObject("Severity").put("Label", "MEDIUM").put("Original", "MEDIUM");
    f.put("Title", "Log bucket versioning is enabled");
    f.put("Description", "versioning of bucket-" + i + " is Suspended");
    f.putObject("ProductFields").put("ruleId", "log-bucket/versioning");
    ObjectNode r = f.putArray("Resources").addObject();
    r.put("Type", "AwsS3Bucket").put("Id", arn).put("Partition", "aws").put("Region", "us-east-1");
    f.putObject("Compliance").put("Status", compliance);
    if (muted) {
      f.putObject("Workflow").put("Status", "SUPPRESSED");
      f.putObject("Note")
          .put("Text", "accepted until the migration, ticket SEC-42")
          .put("UpdatedBy", "trailaudit")
          .put("UpdatedAt", "2026-12-01T10:00:00Z");
    }
    f.put("RecordState", "ACTIVE");
    return f;
  }

  static ArrayNode failing(int n) {
    ArrayNode a = JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      a.add(asff(i, "FAILED", false));
    }
    return a;
  }

  private void noEarlierFindings() {
    server.stubFor(
        getFindings().willReturn(restJsonOk(fixture("securityhub/get-findings-none.json"))));
  }

  private List<JsonNode> bodies(MappingBuilder ignored, String method, String path)
      throws Exception {
    List<LoggedRequest> requests =
        method.equals("PATCH")
            ? server.findAll(patchRequestedFor(urlPathEqualTo(path)))
            : server.findAll(postRequestedFor(urlPathEqualTo(path)));
    List<JsonNode> bodies = new java.util.ArrayList<>();
    for (LoggedRequest r : requests) {
      bodies.add(JSON.readTree(r.getBodyAsString()));
    }
    return bodies;
  }

  private List<JsonNode> imports() throws Exception {
    return bodies(null, "POST", "/findings/import");
  }

  private List<JsonNode> updates() throws Exception {
    return bodies(null, "PATCH", "/findings/batchupdate");
  }

  @Test
  void importsInBatchesOfAtMostOneHundredAfterListingItsEarlierFindings() throws Exception {
    noEarlierFindings();
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-ok.json"))));

    SecurityHubExport.Result r = export(failing(250));

    assertThat(r.errors()).isEmpty();
    assertThat(r.imported()).isEqualTo(250);
    assertThat(imports()).extracting(b -> b.get("Findings").size()).containsExactly(100, 100, 50);
    assertThat(updates()).isEmpty();
    JsonNode filters = bodies(null, "POST", "/findings").get(0).get("Filters");
    assertThat(filters.at("/ProductArn/0/Value").asText()).isEqualTo(PRODUCT);
    assertThat(filters.at("/ProductArn/0/Comparison").asText()).isEqualTo("EQUALS");
    assertThat(filters.at("/GeneratorId/0/Value").asText()).isEqualTo("trailaudit/");
    assertThat(filters.at("/GeneratorId/0/Comparison").asText()).isEqualTo("PREFIX");
    assertThat(filters.at("/AwsAccountId/0/Value").asText()).isEqualTo("111111111111");
    assertThat(filters.at("/RecordState/0/Value").asText()).isEqualTo("ACTIVE");
    assertThat(log.callsByOperation())
        .containsEntry("securityhub:BatchImportFindings", 3L)
        .containsEntry("securityhub:GetFindings", 1L);
  }

  @Test
  void mutedGoesSuppressedWithItsReasonAndPassResolvedNeverActiveNew() throws Exception {
    noEarlierFindings();
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-ok.json"))));
    server.stubFor(
        updateFindings().willReturn(restJsonOk(fixture("securityhub/batch-update-ok.json"))));
    ArrayNode findings = JSON.createArrayNode();
    findings.add(asff(0, "FAILED", true));
    findings.add(asff(1, "PASSED", false));
    findings.add(asff(2, "FAILED", false));

    SecurityHubExport.Result r = export(findings);

    assertThat(r.errors()).isEmpty();
    assertThat(r.suppressed()).isEqualTo(1);
    assertThat(r.resolved()).isEqualTo(1);
    JsonNode imported = imports().get(0).get("Findings");
    assertThat(imported.at("/0/Workflow/Status").asText()).isEqualTo("SUPPRESSED");
    assertThat(imported.at("/0/Note/Text").asText())
        .isEqualTo("accepted until the migration, ticket SEC-42");
    assertThat(imported.at("/2").has("Workflow")).isFalse();
    List<JsonNode> updates = updates();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).at("/Workflow/Status").asText()).isEqualTo("SUPPRESSED");
    assertThat(updates.get(0).at("/Note/Text").asText())
        .isEqualTo("accepted until the migration, ticket SEC-42");
    assertThat(updates.get(0).at("/FindingIdentifiers/0/Id").asText()).endsWith("bucket-0");
    assertThat(updates.get(0).at("/FindingIdentifiers/0/ProductArn").asText()).isEqualTo(PRODUCT);
    assertThat(updates.get(1).at("/Workflow/Status").asText()).isEqualTo("RESOLVED");
    assertThat(updates.get(1).get("FindingIdentifiers")).hasSize(1);
    assertThat(updates.get(1).at("/FindingIdentifiers/0/Id").asText()).endsWith("bucket-1");
  }

  @Test
  void aFindingImportedEarlierAndGoneNowIsArchivedAndResolved() throws Exception {
    server.stubFor(
        getFindings().willReturn(restJsonOk(fixture("securityhub/get-findings-earlier.json"))));
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-ok.json"))));
    server.stubFor(
        updateFindings().willReturn(restJsonOk(fixture("securityhub/batch-update-ok.json"))));

    SecurityHubExport.Result r = export(failing(1));

    assertThat(r.errors()).isEmpty();
    assertThat(r.archived()).isEqualTo(1);
    List<JsonNode> imports = imports();
    assertThat(imports).hasSize(2);
    JsonNode archived = imports.get(1).at("/Findings/0");
    assertThat(archived.get("Id").asText()).endsWith("deleted-bucket");
    assertThat(archived.get("RecordState").asText()).isEqualTo("ARCHIVED");
    assertThat(archived.get("UpdatedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(archived.has("ProcessedAt")).isFalse();
    JsonNode resolve = updates().get(0);
    assertThat(resolve.at("/Workflow/Status").asText()).isEqualTo("RESOLVED");
    assertThat(resolve.at("/FindingIdentifiers/0/Id").asText()).endsWith("deleted-bucket");
  }

  @Test
  void aPartialImportFailureNamesEachRefusedFinding() {
    noEarlierFindings();
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-partial.json"))));

    SecurityHubExport.Result r = export(failing(2));

    assertThat(r.ok()).isFalse();
    assertThat(r.imported()).isEqualTo(1);
    assertThat(r.errors())
        .containsExactly(
            "BatchImportFindings refused trailaudit/log-bucket/versioning/111111111111/us-east-1/"
                + "arn:aws:s3:::bucket-1: InvalidInput Finding does not adhere to Amazon Security"
                + " Finding Format. data.Resources[0].Id should NOT be shorter than 1 characters");
  }

  @Test
  void anUnprocessedWorkflowUpdateIsAnError() {
    noEarlierFindings();
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-ok.json"))));
    server.stubFor(
        updateFindings()
            .willReturn(restJsonOk(fixture("securityhub/batch-update-unprocessed.json"))));
    ArrayNode findings = JSON.createArrayNode().add(asff(0, "FAILED", true));

    SecurityHubExport.Result r = export(findings);

    assertThat(r.suppressed()).isZero();
    assertThat(r.errors())
        .singleElement()
        .asString()
        .contains(
            "did not set SUPPRESSED on trailaudit/log-bucket/versioning/111111111111/us-east-1/arn:aws:s3:::bucket-0")
        .contains("FindingNotFound");
  }

  @Test
  void aDeniedImportIsAnErrorNamingTheFindingsNeverASilentSuccess() {
    noEarlierFindings();
    server.stubFor(
        importFindings()
            .willReturn(
                restJsonError(
                    403,
                    "AccessDeniedException",
                    "User: arn:aws:sts::111111111111:assumed-role/ci/trailaudit is not authorized to"
                        + " perform: securityhub:BatchImportFindings")));

    SecurityHubExport.Result r = export(failing(3));

    assertThat(r.imported()).isZero();
    assertThat(r.errors())
        .singleElement()
        .asString()
        .startsWith(
            "BatchImportFindings failed for 3 findings (trailaudit/log-bucket/versioning/111111111111/us-east-1/arn:aws:s3:::bucket-0")
        .contains("not authorized to perform: securityhub:BatchImportFindings");
  }

  @Test
  void aDeniedListingExportsNothingInThatRegion() {
    server.stubFor(
        getFindings()
            .willReturn(
                restJsonError(
                    403,
                    "AccessDeniedException",
                    "not authorized to perform: securityhub:GetFindings")));

    SecurityHubExport.Result r = export(failing(3));

    assertThat(r.errors()).singleElement().asString().contains("us-east-1: GetFindings failed");
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/findings/import")))).isEmpty();
  }

  @Test
  void aThrottledImportIsRetried() throws Exception {
    noEarlierFindings();
    AwsWire.firstThen(
        server,
        SecurityHubExportTest::importFindings,
        restJsonError(429, "TooManyRequestsException", "Rate exceeded"),
        restJsonOk(fixture("securityhub/batch-import-ok.json")));

    SecurityHubExport.Result r = export(failing(2));

    assertThat(r.errors()).isEmpty();
    assertThat(r.imported()).isEqualTo(2);
    assertThat(imports()).hasSize(2);
  }

  @Test
  void theExportClientRefusesReadsOfTheAuditAndTheAuditClientRefusesWrites() {
    assertThatThrownBy(() -> exportClient().describeHub(b -> {}))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class)
        .hasMessageContaining("securityhub:DescribeHub is not an allowed operation");
    assertThatThrownBy(
            () -> client(AwsService.SECURITY_HUB).batchImportFindings(b -> b.findings(List.of())))
        .isInstanceOf(ReadOnlyGuard.RefusedOperationException.class)
        .hasMessageContaining("trailaudit is read-only: securityhub:BatchImportFindings");
    assertThat(requests()).isZero();
    exportFactory.close();
  }

  @Test
  void theRequestBodiesAreWhatTheSecurityHubModelAccepts() throws Exception {
    noEarlierFindings();
    server.stubFor(
        importFindings().willReturn(restJsonOk(fixture("securityhub/batch-import-ok.json"))));
    server.stubFor(
        updateFindings().willReturn(restJsonOk(fixture("securityhub/batch-update-ok.json"))));
    ArrayNode findings = failing(2);
    findings.add(asff(5, "FAILED", true));
    findings.add(asff(6, "PASSED", false));

    assertThat(export(findings).errors()).isEmpty();

    io.trailaudit.testing.AsffModel model = new io.trailaudit.testing.AsffModel();
    for (JsonNode b : imports()) {
      assertThat(model.validate("BatchImportFindingsRequest", b)).isEmpty();
    }
    for (JsonNode b : updates()) {
      assertThat(model.validate("BatchUpdateFindingsRequest", b)).isEmpty();
    }
    assertThat(model.validate("GetFindingsRequest", bodies(null, "POST", "/findings").get(0)))
        .isEmpty();
  }
}
