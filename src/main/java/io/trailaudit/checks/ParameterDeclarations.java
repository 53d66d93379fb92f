package io.trailaudit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailaudit.config.ParameterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the {@code parameters} of a check's metadata. */
final class ParameterDeclarations {
  private static final Set<String> KEYS = Set.of("name", "type", "default", "min", "description");

  private ParameterDeclarations() {}

  static ParameterInfo parse(String where, JsonNode p) {
    String name = CheckMetadata.text(where, p, "name");
    String at = where + ": parameter " + name;
    p.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw new CatalogException(at + ": unknown key \"" + k + "\"");
              }
            });
    ParameterInfo.Type type;
    try {
      type = ParameterInfo.Type.parse(CheckMetadata.text(at, p, "type"));
    } catch (IllegalArgumentException e) {
      throw new CatalogException(at + ": " + e.getMessage());
    }
    JsonNode d = p.get("default");
    Object value =
        switch (type) {
          case INTEGER -> d != null && d.isInt() ? d.asInt() : null;
          case BOOLEAN -> d != null && d.isBoolean() ? d.asBoolean() : null;
          case STRING_LIST -> d != null && d.isArray() ? strings(d) : null;
        };
    if (value == null) {
      throw new CatalogException(at + ": \"default\" must be a " + type.label());
    }
    Integer min = null;
    if (p.has("min")) {
      if (type != ParameterInfo.Type.INTEGER || !p.get("min").isInt()) {
        throw new CatalogException(at + ": \"min\" is for integer parameters");
      }
      min = p.get("min").asInt();
      if ((Integer) value < min) {
        throw new CatalogException(at + ": \"default\" is below \"min\"");
      }
    }
    return new ParameterInfo(name, type, value, CheckMetadata.text(at, p, "description"), min);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return null;
      }
      out.add(v.asText());
    }
    return out;
  }
}
