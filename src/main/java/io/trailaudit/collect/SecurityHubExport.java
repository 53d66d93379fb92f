package io.trailaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailaudit.model.Arn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.Compliance;
import software.amazon.awssdk.services.securityhub.model.GetFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.Note;
import software.amazon.awssdk.services.securityhub.model.NoteUpdate;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;
import software.amazon.awssdk.services.securityhub.model.Workflow;
import software.amazon.awssdk.services.securityhub.model.WorkflowUpdate;

/**
 * Sends a report's ASFF findings to Security Hub, the one thing trailaudit writes. Per region of
 * the findings' product ARNs: {@code GetFindings} lists the ACTIVE findings trailaudit imported
 * earlier (same product ARN and account, generator id starting {@code trailaudit/}); {@code
 * BatchImportFindings} sends the current ones, 100 per call; findings imported earlier and absent
 * now are imported again as {@code ARCHIVED}. Then {@code BatchUpdateFindings} (100 per call) sets
 * the workflow, which an import cannot change on an existing finding: MUTED findings SUPPRESSED
 * with the suppression's reason as the note, PASS and vanished ones RESOLVED.
 *
 * <p>Nothing fails silently: every finding Security Hub refuses ({@code FailedFindings}, {@code
 * UnprocessedFindings}) and every call that fails (AccessDenied, throttling after retries) is in
 * {@link Result#errors()}, naming the finding ids.
 */
public final class SecurityHubExport {
  static final int BATCH = 100;
  static final String GENERATOR_PREFIX = "trailaudit/";

  private final Function<String, SecurityHubClient> clients;
  private final Instant now;

  /**
   * @param clients the client of a region, built with {@link ReadOperations#export()}
   */
  public SecurityHubExport(Function<String, SecurityHubClient> clients, Instant now) {
    this.clients = clients;
    this.now = now;
  }

  /** What the export did: counts, and every error (empty when all went through). */
  public record Result(
      int imported, int archived, int suppressed, int resolved, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Exports the findings of {@code asff}, a JSON array as {@code audit --format asff} writes. */
  public Result export(JsonNode asff) {
    Map<String, List<AwsSecurityFinding>> byRegion = new LinkedHashMap<>();
    Map<String, String> statusById = new LinkedHashMap<>();
    Map<String, String> noteById = new LinkedHashMap<>();
    for (JsonNode n : asff) {
      AwsSecurityFinding f = finding(n);
      byRegion.computeIfAbsent(region(f.productArn()), r -> new ArrayList<>()).add(f);
      statusById.put(f.id(), n.path("Compliance").path("Status").asText());
      if ("SUPPRESSED".equals(n.path("Workflow").path("Status").asText())) {
        noteById.put(f.id(), n.path("Note").path("Text").asText("muted by a suppression"));
      }
    }
    int imported = 0;
    int archived = 0;
    int suppressed = 0;
    int resolved = 0;
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, List<AwsSecurityFinding>> region : byRegion.entrySet()) {
      SecurityHubClient client = clients.apply(region.getKey());
      List<AwsSecurityFinding> current = region.getValue();
      Set<String> currentIds = new LinkedHashSet<>();
      current.forEach(f -> currentIds.add(f.id()));
      List<AwsSecurityFinding> gone = new ArrayList<>();
      try {
        for (AwsSecurityFinding earlier : earlier(client, current)) {
          if (!currentIds.contains(earlier.id())) {
            gone.add(archived(earlier));
          }
        }
      } catch (SdkException e) {
        errors.add(
            region.getKey()
                + ": GetFindings failed, nothing exported there (earlier findings could not be"
                + " listed, so none would be archived): "
                + e.getMessage());
        continue;
      }
      imported += importAll(client, current, errors);
      archived += importAll(client, gone, errors);

      List<AwsSecurityFindingIdentifier> toSuppress = new ArrayList<>();
      List<AwsSecurityFindingIdentifier> toResolve = new ArrayList<>();
      for (AwsSecurityFinding f : current) {
        if (noteById.containsKey(f.id())) {
          toSuppress.add(identifier(f));
        } else if ("PASSED".equals(statusById.get(f.id()))) {
          toResolve.add(identifier(f));
        }
      }
      gone.forEach(f -> toResolve.add(identifier(f)));
      for (AwsSecurityFindingIdentifier id : toSuppress) {
        // One call per muted finding: each carries its own suppression reason as the note.
        suppressed += update(client, List.of(id), "SUPPRESSED", noteById.get(id.id()), errors);
      }
      for (int i = 0; i < toResolve.size(); i += BATCH) {
        resolved +=
            update(
                client,
                toResolve.subList(i, Math.min(i + BATCH, toResolve.size())),
                "RESOLVED",
                null,
                errors);
      }
    }
    return new Result(imported, archived, suppressed, resolved, List.copyOf(errors));
  }

  /** The ACTIVE findings trailaudit imported earlier for the same product ARNs and accounts. */
  private List<AwsSecurityFinding> earlier(SecurityHubClient client, List<AwsSecurityFinding> now) {
    Set<String> products = new LinkedHashSet<>();
    Set<String> accounts = new LinkedHashSet<>();
    now.forEach(
        f -> {
          products.add(f.productArn());
          accounts.add(f.awsAccountId());
        });
    AwsSecurityFindingFilters filters =
        AwsSecurityFindingFilters.builder()
            .productArn(filters(products, StringFilterComparison.EQUALS))
            .awsAccountId(filters(accounts, StringFilterComparison.EQUALS))
            .generatorId(filters(Set.of(GENERATOR_PREFIX), StringFilterComparison.PREFIX))
            .recordState(filters(Set.of("ACTIVE"), StringFilterComparison.EQUALS))
            .build();
    List<AwsSecurityFinding> found = new ArrayList<>();
    client
        .getFindingsPaginator(
            GetFindingsRequest.builder().filters(filters).maxResults(BATCH).build())
        .findings()
        .forEach(found::add);
    return found;
  }

  /**
   * An earlier finding sent again as ARCHIVED: only the members a provider sets, not those Security
   * Hub added (ProcessedAt, ProductName, FindingProviderFields...).
   */
  private AwsSecurityFinding archived(AwsSecurityFinding earlier) {
    return AwsSecurityFinding.builder()
        .schemaVersion(earlier.schemaVersion())
        .id(earlier.id())
        .productArn(earlier.productArn())
        .generatorId(earlier.generatorId())
        .awsAccountId(earlier.awsAccountId())
        .types(earlier.types())
        .createdAt(earlier.createdAt())
        .updatedAt(now.toString())
        .severity(
            Severity.builder()
                .label(earlier.severity().label())
                .original(earlier.severity().original())
                .build())
        .title(earlier.title())
        .description(earlier.description())
        .resources(earlier.resources())
        .recordState(RecordState.ARCHIVED)
        .build();
  }

  private static List<StringFilter> filters(Set<String> values, StringFilterComparison how) {
    return values.stream()
        .map(v -> StringFilter.builder().value(v).comparison(how).build())
        .toList();
  }

  private static int importAll(
      SecurityHubClient client, List<AwsSecurityFinding> findings, List<String> errors) {
    int ok = 0;
    for (int i = 0; i < findings.size(); i += BATCH) {
      List<AwsSecurityFinding> batch = findings.subList(i, Math.min(i + BATCH, findings.size()));
      try {
        BatchImportFindingsResponse r = client.batchImportFindings(b -> b.findings(batch));
        ok += batch.size() - (r.failedCount() == null ? 0 : r.failedCount());
        if (r.failedCount() != null && r.failedCount() > 0) {
          r.failedFindings()
              .forEach(
                  f ->
                      errors.add(
                          "BatchImportFindings refused "
                              + f.id()
                              + ": "
                              + f.errorCode()
                              + " "
                              + f.errorMessage()));
          if (r.failedFindings().size() < r.failedCount()) {
            errors.add(
                "BatchImportFindings: FailedCount "
                    + r.failedCount()
                    + " but only "
                    + r.failedFindings().size()
                    + " failed findings listed");
          }
        }
      } catch (SdkException e) {
        errors.add(
            "BatchImportFindings failed for "
                + batch.size()
                + " findings ("
                + batch.get(0).id()
                + (batch.size() > 1 ? " … " + batch.get(batch.size() - 1).id() : "")
                + "): "
                + e.getMessage());
      }
    }
    return ok;
  }

  private static int update(
      SecurityHubClient client,
      List<AwsSecurityFindingIdentifier> ids,
      String workflow,
      String note,
      List<String> errors) {
    try {
      BatchUpdateFindingsResponse r =
          client.batchUpdateFindings(
              b -> {
                b.findingIdentifiers(ids)
                    .workflow(WorkflowUpdate.builder().status(workflow).build());
                if (note != null) {
                  b.note(NoteUpdate.builder().text(note).updatedBy("trailaudit").build());
                }
              });
      r.unprocessedFindings()
          .forEach(
              u ->
                  errors.add(
                      "BatchUpdateFindings did not set "
                          + workflow
                          + " on "
                          + u.findingIdentifier().id()
                          + ": "
                          + u.errorCode()
                          + " "
                          + u.errorMessage()));
      return ids.size() - r.unprocessedFindings().size();
    } catch (SdkException e) {
      errors.add(
          "BatchUpdateFindings failed to set "
              + workflow
              + " on "
              + ids.stream().map(AwsSecurityFindingIdentifier::id).toList()
              + ": "
              + e.getMessage());
      return 0;
    }
  }

  private static AwsSecurityFindingIdentifier identifier(AwsSecurityFinding f) {
    return AwsSecurityFindingIdentifier.builder().id(f.id()).productArn(f.productArn()).build();
  }

  /** {@code arn:aws:securityhub:REGION:ACCOUNT:product/...} → REGION. */
  static String region(String productArn) {
    return Arn.parse(productArn).map(Arn::region).orElse("us-east-1");
  }

  /** The SDK finding for one ASFF object as trailaudit writes it (only the members it fills). */
  static AwsSecurityFinding finding(JsonNode n) {
    AwsSecurityFinding.Builder b =
        AwsSecurityFinding.builder()
            .schemaVersion(n.path("SchemaVersion").asText())
            .id(n.path("Id").asText())
            .productArn(n.path("ProductArn").asText())
            .generatorId(n.path("GeneratorId").asText())
            .awsAccountId(n.path("AwsAccountId").asText())
            .types(strings(n.path("Types")))
            .createdAt(n.path("CreatedAt").asText())
            .updatedAt(n.path("UpdatedAt").asText())
            .severity(
                Severity.builder()
                    .label(n.at("/Severity/Label").asText())
                    .original(n.at("/Severity/Original").asText())
                    .build())
            .title(n.path("Title").asText())
            .description(n.path("Description").asText())
            .recordState(n.path("RecordState").asText("ACTIVE"))
            .compliance(
                Compliance.builder()
                    .status(n.at("/Compliance/Status").asText())
                    .securityControlId(text(n.at("/Compliance/SecurityControlId")))
                    .relatedRequirements(
                        n.at("/Compliance/RelatedRequirements").isMissingNode()
                            ? null
                            : strings(n.at("/Compliance/RelatedRequirements")))
                    .build());
    if (n.has("Remediation")) {
      b.remediation(
          Remediation.builder()
              .recommendation(
                  Recommendation.builder()
                      .text(n.at("/Remediation/Recommendation/Text").asText())
                      .build())
              .build());
    }
    if (n.has("Workflow")) {
      // Honoured when the finding is new; for an existing one BatchUpdateFindings sets it.
      b.workflow(Workflow.builder().status(n.at("/Workflow/Status").asText()).build());
    }
    if (n.has("Note")) {
      b.note(
          Note.builder()
              .text(n.at("/Note/Text").asText())
              .updatedBy(n.at("/Note/UpdatedBy").asText())
              .updatedAt(n.at("/Note/UpdatedAt").asText())
              .build());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    n.path("ProductFields")
        .properties()
        .forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    b.productFields(fields);
    List<Resource> resources = new ArrayList<>();
    for (JsonNode r : n.path("Resources")) {
      resources.add(
          Resource.builder()
              .type(r.path("Type").asText())
              .id(r.path("Id").asText())
              .partition(text(r.path("Partition")))
              .region(text(r.path("Region")))
              .build());
    }
    return b.resources(resources).build();
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
