package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The loaded checks, the metadata and the README table state one set of rules. */
class ControlCatalogTest {
  private final ControlCatalog catalog = Catalogs.builtIn();

  @Test
  void loadedChecksAndMetadataAreTheSameSet() {
    Set<String> loaded = new LinkedHashSet<>(CheckRunner.discover().ids());
    // The engine's own rules (audit/scope) are catalogued but not a loadable check.
    Set<String> meta =
        catalog.checks().stream()
            .map(CheckInfo::id)
            .filter(id -> !id.equals(AuditScope.CHECK_ID))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(loaded).containsExactlyElementsOf(meta);
  }

  @Test
  void readmeTableListsExactlyTheCatalogRulesWithTheirControls() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- rules:start -->"), readme.indexOf("<!-- rules:end -->"));
    List<String> expected = new ArrayList<>();
    for (CheckInfo c : catalog.checks()) {
      for (RequirementInfo r : c.requirements()) {
        expected.add(row(c, r));
      }
    }
    List<String> actual = table.lines().filter(l -> l.startsWith("| `")).toList();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private String row(CheckInfo c, RequirementInfo r) {
    String sh =
        r.controls().stream()
            .filter(x -> x.framework().equals(ControlRef.SECURITY_HUB))
            .map(ControlRef::id)
            .collect(Collectors.joining(", "));
    StringBuilder sb =
        new StringBuilder(
            "| `"
                + c.id()
                + "/"
                + r.id()
                + "` | "
                + r.severity().label()
                + " | "
                + (sh.isEmpty() ? "–" : sh)
                + " |");
    for (String v : catalog.cisVersions()) {
      String id =
          r.controls().stream()
              .filter(x -> v.equals(x.version()))
              .map(ControlRef::id)
              .findFirst()
              .orElse("–");
      sb.append(" ").append(id).append(" |");
    }
    return sb.toString();
  }

  @Test
  void ruleIdsAreLowerKebabCaseAndUnique() {
    Set<String> seen = new LinkedHashSet<>();
    Pattern kebab = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    for (CheckInfo c : catalog.checks()) {
      assertThat(kebab.matcher(c.id()).matches()).as(c.id()).isTrue();
      for (RequirementInfo r : c.requirements()) {
        // One level of nesting is allowed: metric-filter/<topic>.
        for (String part : r.id().split("/", 2)) {
          assertThat(kebab.matcher(part).matches()).as(r.id()).isTrue();
        }
        assertThat(seen.add(c.id() + "/" + r.id())).as("duplicate " + r.id()).isTrue();
        assertThat(r.remediations()).as(c.id() + "/" + r.id()).containsKey("default");
        assertThat(r.title()).isNotBlank();
        assertThat(r.passesWhen()).isNotBlank();
      }
    }
  }

  @Test
  void publishedControlMappingsOfTheFirstFourChecks() {
    assertThat(labels("organization-trail/multi-region-management-events"))
        .containsExactly(
            "CloudTrail.1",
            "CIS 1.2.0 2.1",
            "CIS 1.4.0 3.1",
            "CIS 3.0.0 3.1",
            "CIS 5.0.0 3.1",
            "CIS 6.0.0 4.1",
            "CIS 7.0.0 4.1");
    assertThat(labels("organization-trail/trail-enabled")).containsExactly("CloudTrail.3");
    assertThat(labels("kms-encryption/sse-kms"))
        .containsExactly(
            "CloudTrail.2",
            "CIS 1.2.0 2.7",
            "CIS 1.4.0 3.7",
            "CIS 3.0.0 3.5",
            "CIS 5.0.0 3.5",
            "CIS 6.0.0 4.5",
            "CIS 7.0.0 4.5");
    assertThat(labels("kms-encryption/key-rotation"))
        .containsExactly(
            "KMS.4",
            "CIS 1.2.0 2.8",
            "CIS 1.4.0 3.8",
            "CIS 3.0.0 3.6",
            "CIS 5.0.0 3.6",
            "CIS 6.0.0 4.6",
            "CIS 7.0.0 4.6");
    assertThat(labels("log-file-validation/enabled"))
        .containsExactly(
            "CloudTrail.4",
            "CIS 1.2.0 2.2",
            "CIS 1.4.0 3.2",
            "CIS 3.0.0 3.2",
            "CIS 5.0.0 3.2",
            "CIS 6.0.0 4.2",
            "CIS 7.0.0 4.2");
    assertThat(labels("log-bucket/not-public"))
        .containsExactly("CloudTrail.6", "CIS 1.2.0 2.3", "CIS 1.4.0 3.3");
    assertThat(labels("log-bucket/block-public-access"))
        .containsExactly("S3.8", "S3.1", "CIS 1.4.0 2.1.5", "CIS 3.0.0 2.1.4", "CIS 5.0.0 2.1.4");
    assertThat(labels("log-bucket/mfa-delete"))
        .containsExactly("S3.20", "CIS 1.4.0 2.1.3", "CIS 3.0.0 2.1.2", "CIS 5.0.0 2.1.2");
    assertThat(labels("log-bucket/access-logging"))
        .containsExactly(
            "CloudTrail.7",
            "CIS 1.2.0 2.6",
            "CIS 1.4.0 3.6",
            "CIS 3.0.0 3.4",
            "CIS 5.0.0 3.4",
            "CIS 6.0.0 4.4",
            "CIS 7.0.0 4.4");
    assertThat(labels("log-bucket/tls-only"))
        .containsExactly("S3.5", "CIS 1.4.0 2.1.2", "CIS 3.0.0 2.1.1", "CIS 5.0.0 2.1.1");
    assertThat(labels("log-bucket/versioning")).containsExactly("S3.14");
    assertThat(labels("log-bucket/object-lock")).containsExactly("S3.15");
  }

  @Test
  void requirementSeverityOverridesTheCheck() {
    assertThat(catalog.rule("kms-encryption/sse-kms").orElseThrow().severity())
        .isEqualTo(Severity.MEDIUM);
    assertThat(catalog.rule("kms-encryption/key-policy").orElseThrow().severity())
        .isEqualTo(Severity.HIGH);
    assertThat(catalog.rule("log-bucket/dedicated").orElseThrow().severity())
        .isEqualTo(Severity.LOW);
  }

  @Test
  void everyRemediationPlaceholderIsAnIdentifier() {
    Pattern placeholder = Pattern.compile("\\{([^}\"\\\\]*)}");
    for (CheckInfo c : catalog.checks()) {
      for (RequirementInfo r : c.requirements()) {
        for (String template : r.remediations().values()) {
          Matcher m = placeholder.matcher(template);
          while (m.find()) {
            assertThat(m.group(1)).as(c.id() + "/" + r.id()).matches("[A-Za-z][A-Za-z0-9]*");
          }
        }
      }
    }
  }

  private List<String> labels(String ruleId) {
    return catalog.rule(ruleId).orElseThrow().controls().stream().map(ControlRef::label).toList();
  }
}
