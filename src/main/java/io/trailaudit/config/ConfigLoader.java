package io.trailaudit.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.InputText;
import io.trailaudit.files.JsonErrors;
import io.trailaudit.files.RecordKeys;
import io.trailaudit.files.StrictMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads {@code trailaudit.yml}: unknown keys and wrong types are errors naming the key. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Reads and validates a configuration file.
   *
   * @param knownCheckIds the check ids {@code skipChecks} may name
   */
  public static AuditConfig load(Path file, Collection<String> knownCheckIds) {
    return parse(file.toString(), InputText.read(file), knownCheckIds);
  }

  /**
   * Reads and validates a configuration file against the loaded checks: {@code skipChecks} may name
   * their ids, and every key besides the global ones ({@link #GLOBAL_KEYS}) must be a parameter one
   * of them declares.
   */
  public static AuditConfig load(
      Path file, Collection<String> knownCheckIds, Collection<String> declaredParameters) {
    return parse(file.toString(), InputText.read(file), knownCheckIds, declaredParameters);
  }

  public static AuditConfig parse(String name, String yaml, Collection<String> knownCheckIds) {
    return parse(name, yaml, knownCheckIds, null);
  }

  /** The configuration keys that belong to the engine, not to a check. */
  public static final List<String> GLOBAL_KEYS =
      List.of("breakGlassPrincipals", "skipChecks", "suppressions");

  /**
   * @param declaredParameters the dotted names of the parameters the loaded checks declare; null to
   *     accept every key AuditConfig knows
   */
  public static AuditConfig parse(
      String name,
      String yaml,
      Collection<String> knownCheckIds,
      Collection<String> declaredParameters) {
    ObjectMapper mapper =
        StrictMapping.apply(
            new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS));
    AuditConfig config;
    Map<String, JsonLocation> where;
    try (JsonParser keys = mapper.createParser(yaml)) {
      where = RecordKeys.check(name, keys, AuditConfig.class);
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    Place place = new Place(name, where);
    try (JsonParser p = mapper.createParser(yaml)) {
      try {
        // A file of comments only has no token: the defaults.
        config = p.nextToken() == null ? null : mapper.readValue(p, AuditConfig.class);
      } catch (JsonProcessingException e) {
        // Described while the parser is open: the message quotes the offending value.
        throw JsonErrors.describe(name, e);
      }
      if (config != null) {
        positive(place, "$", mapper.readTree(yaml));
      }
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (config == null) {
      return AuditConfig.defaults();
    }
    // After the typed read, so that a value of the wrong type is named as such.
    if (declaredParameters != null) {
      declared(place, where, declaredParameters);
    }
    validate(place, config, knownCheckIds);
    return config;
  }

  /**
   * A check key no loaded check declares (its check is not on the class path) is refused like an
   * unknown key, at its line.
   */
  private static void declared(
      Place place, Map<String, JsonLocation> where, Collection<String> declaredParameters) {
    List<String> paths =
        where.keySet().stream()
            .filter(k -> !k.contains("["))
            .sorted(
                java.util.Comparator.comparingInt((String k) -> where.get(k).getLineNr())
                    .thenComparingInt(k -> where.get(k).getColumnNr()))
            .toList();
    for (String path : paths) {
      String key = path.substring(2);
      String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      // A section (lake:) is judged by its keys.
      boolean parent =
          where.keySet().stream().anyMatch(k -> k.startsWith(path + "."))
              || declaredParameters.stream().anyMatch(d -> d.startsWith(key + "."));
      if (GLOBAL_KEYS.contains(top) || parent || declaredParameters.contains(key)) {
        continue;
      }
      throw new InputFileException(
          place.at(path)
              + ": no loaded check declares the parameter \""
              + key
              + "\" (declared: "
              + String.join(", ", new java.util.TreeSet<>(declaredParameters))
              + ")");
    }
  }

  /** Names a place of the file in a message: {@code file: line 3, column 5: at $.a.b}. */
  private record Place(String file, Map<String, JsonLocation> where) {
    String at(String path) {
      JsonLocation loc = where.get(path);
      return file + ": " + (loc == null ? "" : JsonErrors.at(loc) + ": ") + "at " + path;
    }
  }

  /**
   * Every duration in the file ({@code ...Hours}, {@code ...Days}, at any depth, so that keys added
   * later are covered too) is a positive number: a zero or negative age or retention would make a
   * requirement that nothing, or everything, meets.
   */
  private static void positive(Place place, String path, JsonNode node) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (var e : node.properties()) {
      String key = e.getKey();
      String at = path + "." + key;
      String unit = key.endsWith("Hours") ? "hours" : key.endsWith("Days") ? "days" : null;
      if (unit != null && e.getValue().isNumber() && e.getValue().asDouble() <= 0) {
        throw new InputFileException(
            place.at(at)
                + ": must be a positive number of "
                + unit
                + ", not "
                + e.getValue().asText());
      }
      positive(place, at, e.getValue());
    }
  }

  private static void validate(Place place, AuditConfig c, Collection<String> knownCheckIds) {
    for (int i = 0; i < c.skipChecks().size(); i++) {
      String id = c.skipChecks().get(i);
      if (!knownCheckIds.contains(id)) {
        throw new InputFileException(
            place.at("$.skipChecks[" + i + "]")
                + ": unknown check \""
                + id
                + "\" (known: "
                + String.join(", ", knownCheckIds)
                + ")");
      }
    }
    for (int i = 0; i < c.breakGlassPrincipals().size(); i++) {
      String p = c.breakGlassPrincipals().get(i);
      if (p == null || !p.startsWith("arn:")) {
        throw new InputFileException(
            place.at("$.breakGlassPrincipals[" + i + "]")
                + ": \""
                + p
                + "\" is not a principal ARN (arn:aws:iam::ACCOUNT:role/NAME, * and ? allowed)");
      }
    }
    for (int i = 0; i < c.suppressions().size(); i++) {
      Suppression s = c.suppressions().get(i);
      String at = place.at("$.suppressions[" + i + "]");
      if (s == null) {
        throw new InputFileException(at + ": empty suppression (rule and reason are required)");
      }
      if (s.rule() == null || s.rule().isBlank()) {
        throw new InputFileException(
            at
                + ".rule: required: a rule id, * allowed (e.g. log-bucket/mfa-delete, log-bucket/*)");
      }
      if (s.reason() == null || s.reason().isBlank()) {
        throw new InputFileException(
            at + ".reason: required: say why the finding is accepted (shown on the finding)");
      }
      if (s.matchesEveryRule() && !s.allowAll()) {
        throw new InputFileException(
            at
                + ".rule: \""
                + s.rule()
                + "\" matches every rule and would mute every FAIL finding; name the rules"
                + " (e.g. log-bucket/*), or add allowAll: true if that is really meant");
      }
    }
  }
}
