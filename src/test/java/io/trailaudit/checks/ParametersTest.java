package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailaudit.config.ConfigLoader;
import io.trailaudit.config.ParameterInfo;
import io.trailaudit.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The parameters the checks declare are the configuration file's check keys: same names, same
 * defaults, and documented in config/trailaudit.yml. The engine's own keys stay global.
 */
class ParametersTest {
  static final List<String> GLOBAL = ConfigLoader.GLOBAL_KEYS;

  @Test
  void theDocumentedConfigFileSetsEveryParameterToItsDefault() throws Exception {
    JsonNode yml =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(Path.of("config/trailaudit.yml")));
    Map<String, Object> documented = new TreeMap<>();
    yml.properties()
        .forEach(
            e -> {
              if (GLOBAL.contains(e.getKey())) {
                return;
              }
              if (e.getValue().isObject()) {
                e.getValue()
                    .properties()
                    .forEach(
                        n -> documented.put(e.getKey() + "." + n.getKey(), value(n.getValue())));
              } else {
                documented.put(e.getKey(), value(e.getValue()));
              }
            });
    Map<String, Object> declared = new TreeMap<>();
    Catalogs.builtIn().parameters().forEach((name, p) -> declared.put(name, p.defaultValue()));
    assertThat(documented).isEqualTo(declared);
  }

  @Test
  void aSharedParameterIsDeclaredOnceAndUsedByTheOthers() {
    ControlCatalog catalog = Catalogs.builtIn();
    assertThat(catalog.declarer("deliveryMaxAgeHours").map(CheckInfo::id))
        .contains("organization-trail");
    assertThat(catalog.parametersOf(catalog.check("cloudwatch-alerting")))
        .extracting(ParameterInfo::name)
        .containsExactly("deliveryMaxAgeHours");
    assertThat(new TreeSet<>(catalog.parameters().keySet())).doesNotContainAnyElementsOf(GLOBAL);
  }

  private static Object value(JsonNode n) {
    if (n.isInt()) {
      return n.asInt();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isArray()) {
      List<String> out = new java.util.ArrayList<>();
      n.forEach(v -> out.add(v.asText()));
      return out;
    }
    return n.asText();
  }
}
