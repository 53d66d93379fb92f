package io.trailaudit.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.InputText;
import io.trailaudit.files.JsonErrors;
import io.trailaudit.files.RecordKeys;
import io.trailaudit.files.StrictMapping;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code trailaudit.yml}: the engine's global keys ({@link #GLOBAL_KEYS}) and the parameters
 * the loaded checks declare, typed and validated by their declarations. An unknown key, a repeated
 * key and a value of the wrong type are errors naming the file, line and key.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** The configuration keys that belong to the engine, not to a check. */
  public static final List<String> GLOBAL_KEYS =
      List.of("breakGlassPrincipals", "skipChecks", "suppressions");

  /** The global keys, typed; the parameters are read from the token stream. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Globals(
      List<String> breakGlassPrincipals, List<String> skipChecks, List<Suppression> suppressions) {}

  /**
   * Reads and validates a configuration file against the loaded checks.
   *
   * @param knownCheckIds the check ids {@code skipChecks} may name
   * @param declared the parameters the loaded checks declare: every key besides the global ones
   *     must be one of them (a dotted name {@code lake.minRetentionDays} is the key {@code
   *     minRetentionDays} of the section {@code lake})
   */
  public static AuditConfig load(
      Path file, Collection<String> knownCheckIds, Collection<ParameterInfo> declared) {
    return parse(file.toString(), InputText.read(file), knownCheckIds, declared);
  }

  public static AuditConfig parse(
      String name,
      String yaml,
      Collection<String> knownCheckIds,
      Collection<ParameterInfo> declared) {
    ObjectMapper mapper =
        StrictMapping.apply(
            new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS));
    Map<String, ParameterInfo> byName = new LinkedHashMap<>();
    declared.forEach(d -> byName.put(d.name(), d));
    Reader reader = new Reader(name, byName);
    Globals globals;
    try (JsonParser keys = mapper.createParser(yaml)) {
      if (!reader.document(keys)) {
        // A file of comments only has no token: the defaults.
        return new AuditConfig(null, null, null, Parameters.defaults(declared));
      }
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    try (JsonParser p = mapper.createParser(yaml)) {
      try {
        globals = mapper.readValue(p, Globals.class);
      } catch (JsonProcessingException e) {
        // Described while the parser is open: the message quotes the offending value.
        throw JsonErrors.describe(name, e);
      }
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    AuditConfig config =
        new AuditConfig(
            globals.breakGlassPrincipals(),
            globals.skipChecks(),
            globals.suppressions(),
            new Parameters(byName, reader.values));
    validate(new Place(name, reader.where), config, knownCheckIds);
    return config;
  }

  /**
   * Walks the file's tokens: checks every key where it stands (so that a message names its line),
   * hands the global keys' values to {@link RecordKeys} and reads the parameters' values by their
   * declared types.
   */
  private static final class Reader {
    final String file;
    final Map<String, ParameterInfo> declared;
    final Map<String, JsonLocation> where = new HashMap<>();
    final Map<String, Object> values = new LinkedHashMap<>();

    Reader(String file, Map<String, ParameterInfo> declared) {
      this.file = file;
      this.declared = declared;
    }

    /** False for a document without a token. */
    boolean document(JsonParser p) throws IOException {
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() == null) {
        return false;
      }
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error(
            p.currentTokenLocation(),
            "$",
            "expected an object (key: value pairs), found " + JsonErrors.found(p));
      }
      section(p, "");
      return true;
    }

    /** The keys of an object, {@code prefix} the dotted names of its section ({@code lake.}). */
    private void section(JsonParser p, String prefix) throws IOException {
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String dotted = prefix + key;
        String path = "$." + dotted;
        JsonLocation at = p.currentTokenLocation();
        if (!seen.add(key)) {
          JsonLocation first = where.get(path);
          throw error(
              at,
              path,
              "duplicate key \""
                  + key
                  + "\" (first at "
                  + JsonErrors.at(first)
                  + "): each key may appear once");
        }
        where.put(path, at);
        p.nextToken();
        ParameterInfo d = declared.get(dotted);
        if (prefix.isEmpty() && GLOBAL_KEYS.contains(key)) {
          RecordKeys.checkValue(file, p, globalType(key), path, where);
        } else if (d != null) {
          Object v = value(p, d, path);
          if (v != null) {
            values.put(dotted, v);
          }
        } else if (declared.keySet().stream().anyMatch(n -> n.startsWith(dotted + "."))) {
          if (p.currentToken() == JsonToken.START_OBJECT) {
            section(p, dotted + ".");
          } else if (p.currentToken() != JsonToken.VALUE_NULL) {
            throw error(
                p.currentTokenLocation(),
                path,
                "expected an object (key: value pairs), found " + JsonErrors.found(p));
          }
        } else {
          throw error(
              at,
              path,
              "unknown field \""
                  + key
                  + "\": no loaded check declares a parameter \""
                  + dotted
                  + "\" (known: "
                  + String.join(", ", known(prefix))
                  + ")");
        }
      }
    }

    /** The keys a section may have: global ones at the top, then the declared ones. */
    private List<String> known(String prefix) {
      Set<String> keys = new LinkedHashSet<>(prefix.isEmpty() ? GLOBAL_KEYS : List.of());
      declared.keySet().stream()
          .filter(n -> n.startsWith(prefix))
          .map(n -> n.substring(prefix.length()).split("\\.")[0])
          .sorted()
          .forEach(keys::add);
      return List.copyOf(keys);
    }

    /** The value of a parameter, or null for an empty one (the default). */
    private Object value(JsonParser p, ParameterInfo d, String path) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      JsonLocation at = p.currentTokenLocation();
      switch (d.type()) {
        case INTEGER -> {
          if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw error(at, path, "expected a whole number, found " + JsonErrors.found(p));
          }
          int v = p.getIntValue();
          if (d.min() != null && v < d.min()) {
            throw error(where.get(path), path, Parameters.belowMin(d, v));
          }
          return v;
        }
        case BOOLEAN -> {
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw error(at, path, "expected true or false, found " + JsonErrors.found(p));
          }
          return p.getBooleanValue();
        }
        case STRING_LIST -> {
          if (t != JsonToken.START_ARRAY) {
            throw error(at, path, "expected a list, found " + JsonErrors.found(p));
          }
          List<String> out = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            String element = path + "[" + out.size() + "]";
            where.put(element, p.currentTokenLocation());
            if (e != JsonToken.VALUE_STRING) {
              throw error(
                  p.currentTokenLocation(),
                  element,
                  "expected a string, found " + JsonErrors.found(p));
            }
            out.add(p.getText());
          }
          return out;
        }
        default -> throw new IllegalStateException(d.type().toString());
      }
    }

    private InputFileException error(JsonLocation loc, String path, String problem) {
      return new InputFileException(
          file
              + ": "
              + (loc == null ? "" : JsonErrors.at(loc) + ": ")
              + "at "
              + path
              + ": "
              + problem);
    }
  }

  private static java.lang.reflect.Type globalType(String key) {
    for (RecordComponent c : Globals.class.getRecordComponents()) {
      if (c.getName().equals(key)) {
        return c.getGenericType();
      }
    }
    throw new IllegalArgumentException(key);
  }

  /** Names a place of the file in a message: {@code file: line 3, column 5: at $.a.b}. */
  private record Place(String file, Map<String, JsonLocation> where) {
    String at(String path) {
      JsonLocation loc = where.get(path);
      return file + ": " + (loc == null ? "" : JsonErrors.at(loc) + ": ") + "at " + path;
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
