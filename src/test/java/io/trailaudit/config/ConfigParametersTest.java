package io.trailaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import io.trailaudit.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration file is validated against the parameters the loaded checks declare. */
class ConfigParametersTest {
  static final List<String> CHECKS = List.of("organization-trail", "log-bucket");

  static final ParameterInfo DELIVERY =
      new ParameterInfo("deliveryMaxAgeHours", ParameterInfo.Type.INTEGER, 24, "age", 1);
  static final ParameterInfo RETENTION =
      new ParameterInfo("logBucket.minRetentionDays", ParameterInfo.Type.INTEGER, 365, "days", 1);
  static final ParameterInfo OWNERS =
      new ParameterInfo(
          "tags.ownerKeys", ParameterInfo.Type.STRING_LIST, List.of("owner"), "tag keys", null);
  static final ParameterInfo STRICT =
      new ParameterInfo("tags.strict", ParameterInfo.Type.BOOLEAN, false, "strict", null);
  static final ParameterInfo COPIES =
      new ParameterInfo("copies", ParameterInfo.Type.INTEGER, 3, "copies", 2);

  static AuditConfig parse(String yaml, ParameterInfo... declared) {
    return ConfigLoader.parse("trailaudit.yml", yaml, CHECKS, List.of(declared));
  }

  @Test
  void theDocumentedFilesLoadAgainstTheBuiltInChecks() throws Exception {
    var catalog = Catalogs.builtIn();
    List<String> ids = catalog.checks().stream().map(c -> c.id()).toList();
    for (String f : List.of("config/trailaudit.yml", "examples/config/demo-org.yml")) {
      AuditConfig c =
          ConfigLoader.parse(f, Files.readString(Path.of(f)), ids, catalog.parameters().values());
      assertThat(c.parameters().resolved().keySet()).as(f).isEqualTo(catalog.parameters().keySet());
    }
  }

  @Test
  void aKeyOfACheckThatIsNotLoadedIsRefusedAtItsLine() {
    // cloudtrail-lake is not on this class path: its lake.* keys are declared by nobody.
    assertThatThrownBy(
            () ->
                parse(
                    "deliveryMaxAgeHours: 6\nlake:\n  minRetentionDays: 30\n", DELIVERY, RETENTION))
        .isInstanceOf(InputFileException.class)
        .hasMessage(
            "trailaudit.yml: line 2, column 1: at $.lake: unknown field \"lake\": no loaded check"
                + " declares a parameter \"lake\" (known: breakGlassPrincipals, skipChecks,"
                + " suppressions, deliveryMaxAgeHours, logBucket)");
  }

  @Test
  void anUnknownKeyOfASectionNamesTheSectionsKeys() {
    assertThatThrownBy(() -> parse("tags:\n  strict: true\n  owners: [a]\n", OWNERS, STRICT))
        .hasMessage(
            "trailaudit.yml: line 3, column 3: at $.tags.owners: unknown field \"owners\": no"
                + " loaded check declares a parameter \"tags.owners\" (known: ownerKeys, strict)");
  }

  @Test
  void globalKeysNeedNoDeclaration() {
    AuditConfig c = parse("skipChecks: [log-bucket]\nbreakGlassPrincipals: []\nsuppressions: []\n");
    assertThat(c.skipChecks()).containsExactly("log-bucket");
  }

  @Test
  void aDeclaredParameterIsReadByItsType() {
    AuditConfig c =
        parse(
            "logBucket:\n  minRetentionDays: 730\ntags:\n  ownerKeys: [owner, team]\n"
                + "  strict: true\n",
            RETENTION,
            OWNERS,
            STRICT,
            DELIVERY);
    assertThat(c.parameters().integer("logBucket.minRetentionDays")).isEqualTo(730);
    assertThat(c.parameters().strings("tags.ownerKeys")).containsExactly("owner", "team");
    assertThat(c.parameters().bool("tags.strict")).isTrue();
    assertThat(c.parameters().integer("deliveryMaxAgeHours")).isEqualTo(24);
  }

  @Test
  void anEmptyValueIsTheDefault() {
    AuditConfig c = parse("tags:\n  ownerKeys:\n", OWNERS, STRICT);
    assertThat(c.parameters().strings("tags.ownerKeys")).containsExactly("owner");
  }

  @Test
  void aListOfSomethingElseThanStringsIsRefusedAtTheElement() {
    assertThatThrownBy(() -> parse("tags:\n  ownerKeys: [owner, 5]\n", OWNERS))
        .hasMessage(
            "trailaudit.yml: line 2, column 22: at $.tags.ownerKeys[1]: expected a string, found"
                + " the number 5");
    assertThatThrownBy(() -> parse("tags:\n  ownerKeys: owner\n", OWNERS))
        .hasMessage(
            "trailaudit.yml: line 2, column 14: at $.tags.ownerKeys: expected a list, found the"
                + " string \"owner\"");
  }

  @Test
  void aNumberBelowTheDeclaredMinimumIsRefused() {
    assertThat(parse("copies: 2\n", COPIES).parameters().integer("copies")).isEqualTo(2);
    assertThatThrownBy(() -> parse("copies: 1\n", COPIES))
        .hasMessage("trailaudit.yml: line 1, column 1: at $.copies: must be at least 2, not 1");
  }

  @Test
  void aParameterNobodyDeclaredCannotBeRead() {
    assertThatThrownBy(() -> parse("", OWNERS).parameters().integer("copies"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no loaded check declares the parameter copies");
    assertThatThrownBy(() -> parse("", OWNERS).parameters().integer("tags.ownerKeys"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("parameter tags.ownerKeys is read as a whole number, but it holds [owner]");
  }

  @Test
  void theBuilderValidatesAgainstTheDeclarations() {
    AuditConfig c =
        AuditConfig.builder().parameter("copies", 5).declarations(List.of(COPIES)).build();
    assertThat(c.parameters().integer("copies")).isEqualTo(5);
    assertThatThrownBy(
            () ->
                AuditConfig.builder().parameter("copies", 1).declarations(List.of(COPIES)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter copies: must be at least 2, not 1");
  }
}
