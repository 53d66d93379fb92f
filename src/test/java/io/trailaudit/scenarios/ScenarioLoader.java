package io.trailaudit.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailaudit.checks.Status;
import io.trailaudit.scenarios.JsonEdits.Edit;
import io.trailaudit.scenarios.JsonEdits.Op;
import io.trailaudit.scenarios.Scenario.Expected;
import io.trailaudit.scenarios.Scenario.Others;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the scenario files under {@code src/test/resources/checks/<check id>/*.yaml} (format in
 * docs/scenarios.md). Unknown keys are errors, so a misspelt expectation never passes silently.
 */
final class ScenarioLoader {
  static final String BASES = "_base";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FILE_KEYS =
      Set.of("description", "base", "config", "others", "where", "cases");

  /** The keys a file's {@code where} gives every expectation that does not set them. */
  private static final Set<String> WHERE_KEYS = Set.of("resource", "account", "region");

  private static final Set<String> CASE_KEYS =
      Set.of("name", "description", "base", "edits", "config", "others", "expect");
  private static final Set<String> EXPECT_KEYS =
      Set.of(
          "rule",
          "status",
          "resource",
          "account",
          "region",
          "severity",
          "message",
          "starts",
          "ends",
          "says",
          "never",
          "remediationIs",
          "remediation",
          "remediationStarts",
          "remediationEnds",
          "remediationNever");

  private ScenarioLoader() {}

  /** The scenario root on the test class path. */
  static Path root() {
    try {
      return Path.of(ScenarioLoader.class.getResource("/checks").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The check folders: every directory of {@code root} but {@value #BASES}. */
  static List<Path> checkFolders(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().equals(BASES))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(Path checkFolder) {
    try (Stream<Path> s = Files.list(checkFolder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of one file; the check id is the name of its folder. */
  static List<Scenario> load(Path root, Path file) {
    String checkId = file.getParent().getFileName().toString();
    String where = root.relativize(file).toString();
    JsonNode doc;
    try {
      doc = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    keys(doc, FILE_KEYS, where);
    JsonNode defaults = doc.path("where");
    if (!defaults.isMissingNode()) {
      keys(defaults, WHERE_KEYS, where + ": where");
    }
    JsonNode cases = doc.path("cases");
    if (!cases.isArray() || cases.isEmpty()) {
      throw new IllegalArgumentException(where + ": \"cases\" must be a non-empty list");
    }
    List<Scenario> out = new ArrayList<>();
    for (JsonNode c : cases) {
      String name = text(c, "name", where, true);
      String at = where + ": case \"" + name + "\"";
      keys(c, CASE_KEYS, at);
      String base = c.has("base") ? text(c, "base", at, true) : text(doc, "base", where, true);
      String config =
          c.has("config") ? text(c, "config", at, true) : text(doc, "config", at, false);
      String others =
          c.has("others") ? text(c, "others", at, true) : text(doc, "others", where, false);
      out.add(
          new Scenario(
              checkId,
              file,
              name,
              text(c, "description", at, true),
              basePath(root, file, base, at),
              edits(c.path("edits"), at),
              config == null ? "" : config,
              others == null ? Others.NONE : Others.valueOf(others.toUpperCase(Locale.ROOT)),
              expectations(c.path("expect"), defaults, at)));
      Scenario last = out.get(out.size() - 1);
      if (last.expect().isEmpty() && last.others() != Others.NONE) {
        throw new IllegalArgumentException(at + ": an empty \"expect\" needs \"others: none\"");
      }
    }
    return out;
  }

  /** {@code name} is {@code _base/name.json}; a path ending in .json is next to the file. */
  private static Path basePath(Path root, Path file, String base, String at) {
    Path p =
        base.endsWith(".json")
            ? file.getParent().resolve(base)
            : root.resolve(BASES).resolve(base + ".json");
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(at + ": no base snapshot " + p);
    }
    return p;
  }

  private static List<Edit> edits(JsonNode edits, String at) {
    List<Edit> out = new ArrayList<>();
    if (edits.isMissingNode()) {
      return out;
    }
    for (JsonNode e : edits) {
      List<Op> ops =
          Stream.of(Op.values()).filter(op -> e.has(op.name().toLowerCase(Locale.ROOT))).toList();
      if (ops.size() != 1) {
        throw new IllegalArgumentException(at + ": an edit has one of set, add, remove: " + e);
      }
      Op op = ops.get(0);
      keys(
          e,
          op == Op.REMOVE
              ? Set.of("remove", "within")
              : Set.of(op.name().toLowerCase(Locale.ROOT), "value", "within"),
          at);
      if (op != Op.REMOVE && !e.has("value")) {
        throw new IllegalArgumentException(at + ": edit " + e + " needs a value");
      }
      out.add(
          new Edit(
              op,
              e.get(op.name().toLowerCase(Locale.ROOT)).asText(),
              e.get("value"),
              e.has("within") ? e.get("within").asText() : null));
    }
    return out;
  }

  private static List<Expected> expectations(JsonNode expect, JsonNode defaults, String at) {
    if (!expect.isArray()) {
      throw new IllegalArgumentException(at + ": \"expect\" must be a list");
    }
    List<Expected> out = new ArrayList<>();
    for (JsonNode given : expect) {
      keys(given, EXPECT_KEYS, at);
      ObjectNode x = ((ObjectNode) given).deepCopy();
      for (String k : WHERE_KEYS) {
        if (!x.has(k) && defaults.has(k)) {
          x.set(k, defaults.get(k));
        }
      }
      out.add(
          new Expected(
              text(x, "rule", at, true),
              Status.valueOf(text(x, "status", at, true)),
              text(x, "resource", at, false),
              text(x, "account", at, false),
              text(x, "region", at, false),
              text(x, "severity", at, false),
              text(x, "message", at, false),
              text(x, "starts", at, false),
              text(x, "ends", at, false),
              strings(x.path("says"), at),
              strings(x.path("never"), at),
              text(x, "remediationIs", at, false),
              strings(x.path("remediation"), at),
              text(x, "remediationStarts", at, false),
              text(x, "remediationEnds", at, false),
              strings(x.path("remediationNever"), at)));
    }
    return out;
  }

  private static List<String> strings(JsonNode n, String at) {
    if (n.isMissingNode()) {
      return List.of();
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : n) {
      if (!s.isTextual()) {
        throw new IllegalArgumentException(at + ": not a string: " + s);
      }
      out.add(s.asText());
    }
    return out;
  }

  private static String text(JsonNode n, String key, String at, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(at + ": missing \"" + key + "\"");
      }
      return null;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(at + ": \"" + key + "\" must be a scalar");
    }
    return v.asText();
  }

  private static void keys(JsonNode n, Set<String> allowed, String at) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(at + ": expected a mapping, got " + n);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(at + ": unknown key \"" + k + "\"; allowed " + allowed);
      }
    }
  }
}
