package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** The export's allow-list: exactly its two writes and one read, shipped as an IAM policy. */
class ExportOperationsTest {
  @Test
  void theExportMayCallExactlyImportUpdateAndGetFindings() {
    assertThat(ReadOperations.export().operations())
        .isEqualTo(
            Map.of(
                "securityhub",
                Set.of("BatchImportFindings", "BatchUpdateFindings", "GetFindings")));
  }

  @Test
  void theAuditListHasNoneOfTheExportWrites() {
    assertThat(ReadOperations.get().allows("securityhub", "BatchImportFindings")).isFalse();
    assertThat(ReadOperations.get().allows("securityhub", "BatchUpdateFindings")).isFalse();
  }

  @Test
  void everyExportOperationExistsOnTheClient() {
    Set<String> methods =
        Arrays.stream(SecurityHubClient.class.getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    ReadOperations.export()
        .operations()
        .get("securityhub")
        .forEach(op -> assertThat(methods).contains(Introspector.decapitalize(op)));
  }

  @Test
  void theShippedExportPolicyGrantsExactlyTheAllowedActions() throws Exception {
    JsonNode policy =
        new ObjectMapper().readTree(Path.of("examples/iam/trailaudit-export-policy.json").toFile());
    Set<String> granted = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      statement.get("Action").forEach(a -> granted.add(a.asText()));
    }
    assertThat(granted).isEqualTo(ReadOperations.export().iamActions());
  }

  @Test
  void everyExportOperationIsCalledByTheExport() throws Exception {
    String source =
        Files.readString(Path.of("src/main/java/io/trailaudit/collect/SecurityHubExport.java"));
    ReadOperations.export()
        .operations()
        .get("securityhub")
        .forEach(
            op ->
                assertThat(source)
                    .containsPattern("\\." + Introspector.decapitalize(op) + "(Paginator)?\\("));
  }
}
