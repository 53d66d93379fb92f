package io.trailaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import io.trailaudit.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configuration file is validated against the parameters the loaded checks declare. */
class ConfigParametersTest {
  static final List<String> CHECKS = List.of("organization-trail", "log-bucket");

  @Test
  void theDocumentedFilesLoadAgainstTheBuiltInChecks() throws Exception {
    var catalog = Catalogs.builtIn();
    List<String> ids = catalog.checks().stream().map(c -> c.id()).toList();
    for (String f : List.of("config/trailaudit.yml", "examples/config/demo-org.yml")) {
      AuditConfig c =
          ConfigLoader.parse(f, Files.readString(Path.of(f)), ids, catalog.parameters().keySet());
      assertThat(c).isNotNull();
    }
  }

  @Test
  void aKeyOfACheckThatIsNotLoadedIsRefusedAtItsLine() {
    // cloudtrail-lake is not on this class path: its lake.* keys are declared by nobody.
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "trailaudit.yml",
                    "deliveryMaxAgeHours: 6\nlake:\n  minRetentionDays: 30\n",
                    CHECKS,
                    Set.of("deliveryMaxAgeHours", "logBucket.minRetentionDays")))
        .isInstanceOf(InputFileException.class)
        .hasMessage(
            "trailaudit.yml: line 3, column 3: at $.lake.minRetentionDays: no loaded check declares"
                + " the parameter \"lake.minRetentionDays\" (declared: deliveryMaxAgeHours,"
                + " logBucket.minRetentionDays)");
  }

  @Test
  void globalKeysNeedNoDeclaration() {
    AuditConfig c =
        ConfigLoader.parse(
            "trailaudit.yml",
            "skipChecks: [log-bucket]\nbreakGlassPrincipals: []\nsuppressions: []\n",
            CHECKS,
            Set.of());
    assertThat(c.skipChecks()).containsExactly("log-bucket");
  }

  @Test
  void aDeclaredParameterIsRead() {
    AuditConfig c =
        ConfigLoader.parse(
            "trailaudit.yml",
            "logBucket:\n  minRetentionDays: 730\n",
            CHECKS,
            Set.of("logBucket.minRetentionDays"));
    assertThat(c.logBucket().minRetentionDays()).isEqualTo(730);
  }
}
