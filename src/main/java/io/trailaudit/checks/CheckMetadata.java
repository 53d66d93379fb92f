package io.trailaudit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.config.ParameterInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a check's metadata file, {@code check.json} in the check's package. Invalid
 * metadata is a bug in the check, reported when the catalog is built rather than as an ERROR
 * finding in some audit: every remediation placeholder must be one the check declares it supplies,
 * every requirement must map controls or say {@code "controls": "none"}.
 */
public final class CheckMetadata {
  /** The metadata file's name, beside the check's class. */
  public static final String FILE = "check.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private static final Set<String> CHECK_KEYS =
      Set.of(
          "id",
          "number",
          "title",
          "severity",
          "description",
          "placeholders",
          "parameters",
          "uses",
          "requirements",
          "requirementTemplate");
  private static final Set<String> REQUIREMENT_KEYS =
      Set.of("id", "title", "severity", "passesWhen", "controls", "remediation", "messages");

  private static final ClassValue<CheckInfo> CACHE =
      new ClassValue<>() {
        @Override
        protected CheckInfo computeValue(Class<?> type) {
          return of(type);
        }
      };

  private CheckMetadata() {}

  /** {@link #of(Class)}, read once per class. */
  public static CheckInfo cached(Class<?> check) {
    return CACHE.get(check);
  }

  /** The metadata of {@code check}, from the {@code check.json} beside its class. */
  public static CheckInfo of(Class<?> check) {
    return of(check, FILE, t -> List.of());
  }

  /**
   * The metadata of {@code check} from {@code resource} (relative to its package), with the
   * requirements {@code generated} makes from the file's {@code requirementTemplate}.
   */
  public static CheckInfo of(
      Class<?> check,
      String resource,
      Function<RequirementTemplate, List<RequirementInfo>> generated) {
    String name = check.getPackageName().replace('.', '/') + "/" + resource;
    try (InputStream in = check.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CatalogException(name + ": missing (the check's metadata file)");
      }
      return parse(name, JSON.readTree(in), Frameworks.load(), generated);
    } catch (IOException e) {
      throw new CatalogException(name + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * The requirements the code names ({@code named}; empty: not said) are those of the metadata.
   *
   * @throws CatalogException naming the requirements one has and the other lacks
   */
  public static void sameRequirements(CheckInfo info, java.util.Collection<String> named) {
    if (named.isEmpty()) {
      return;
    }
    Set<String> declared = new LinkedHashSet<>();
    info.requirements().forEach(r -> declared.add(r.id()));
    Set<String> missing = new TreeSet<>(named);
    missing.removeAll(declared);
    Set<String> unnamed = new TreeSet<>(declared);
    unnamed.removeAll(named);
    if (!missing.isEmpty()) {
      throw new CatalogException(
          info.id()
              + ": the code names the requirements "
              + String.join(", ", missing)
              + ", which its check.json lacks");
    }
    if (!unnamed.isEmpty()) {
      throw new CatalogException(
          info.id()
              + ": check.json declares the requirements "
              + String.join(", ", unnamed)
              + ", which its code does not name");
    }
  }

  static CheckInfo parse(
      String source,
      JsonNode c,
      Frameworks frameworks,
      Function<RequirementTemplate, List<RequirementInfo>> generated) {
    unknownKeys(source, "", c, CHECK_KEYS);
    String id = text(source, c, "id");
    String where = source + ": " + id;
    if (!c.path("number").isInt()) {
      throw new CatalogException(where + ": \"number\" must be an integer");
    }
    Severity checkSeverity = severity(where, text(where, c, "severity"));
    List<String> placeholders = strings(where, c.path("placeholders"));
    List<RequirementInfo> reqs = new ArrayList<>();
    for (JsonNode r : c.path("requirements")) {
      String rid = text(where, r, "id");
      String at = where + "/" + rid;
      unknownKeys(source, rid, r, REQUIREMENT_KEYS);
      Map<String, String> remediations = remediations(at, r.path("remediation"), placeholders);
      reqs.add(
          new RequirementInfo(
              rid,
              text(at, r, "title"),
              r.has("severity") ? severity(at, r.path("severity").asText()) : checkSeverity,
              text(at, r, "passesWhen"),
              controls(at, r.get("controls"), frameworks),
              remediations,
              messages(at, r.path("messages"), placeholders)));
    }
    JsonNode template = c.get("requirementTemplate");
    if (template != null) {
      String at = where + "/requirementTemplate";
      reqs.addAll(
          generated.apply(
              new RequirementTemplate(
                  text(at, template, "prefix"),
                  severity(at, text(at, template, "severity")),
                  remediations(at, template.path("remediation"), placeholders),
                  messages(at, template.path("messages"), placeholders))));
    }
    if (reqs.isEmpty()) {
      throw new CatalogException(where + ": no requirements");
    }
    Set<String> seen = new HashSet<>();
    for (RequirementInfo r : reqs) {
      if (!seen.add(r.id())) {
        throw new CatalogException(where + "/" + r.id() + ": duplicate requirement id");
      }
    }
    unusedPlaceholders(where, c, placeholders);
    List<ParameterInfo> parameters = new ArrayList<>();
    for (JsonNode p : c.path("parameters")) {
      parameters.add(ParameterDeclarations.parse(where, p));
    }
    return new CheckInfo(
        id,
        c.path("number").asInt(),
        text(where, c, "title"),
        checkSeverity,
        text(where, c, "description"),
        reqs,
        placeholders,
        parameters,
        strings(where, c.path("uses")));
  }

  /**
   * The controls of a requirement: {@code "none"}, said explicitly, or Security Hub ids and CIS ids
   * by version, at least one.
   */
  private static List<ControlRef> controls(String at, JsonNode node, Frameworks frameworks) {
    if (node == null) {
      throw new CatalogException(
          at + ": no \"controls\" (map them, or say \"controls\": \"none\")");
    }
    if (node.isTextual() && node.asText().equals("none")) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new CatalogException(at + ": \"controls\" must be an object or \"none\"");
    }
    unknownKeys(at, "controls", node, Set.of("securityHub", "cis"));
    List<ControlRef> controls = new ArrayList<>();
    node.path("securityHub").forEach(id -> controls.add(ControlRef.securityHub(id.asText())));
    JsonNode cis = node.path("cis");
    cis.fieldNames()
        .forEachRemaining(
            v -> {
              if (!frameworks.cisVersions().contains(v)) {
                throw new CatalogException(
                    at
                        + ": unknown CIS version "
                        + v
                        + " (frameworks.json lists "
                        + String.join(", ", frameworks.cisVersions())
                        + ")");
              }
            });
    for (String version : frameworks.cisVersions()) {
      JsonNode id = cis.get(version);
      if (id != null) {
        controls.add(ControlRef.cis(version, id.asText()));
      }
    }
    if (controls.isEmpty()) {
      throw new CatalogException(
          at + ": \"controls\" maps nothing (map them, or say \"controls\": \"none\")");
    }
    return controls;
  }

  private static Map<String, String> remediations(
      String at, JsonNode node, List<String> placeholders) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    if (!out.containsKey("default")) {
      throw new CatalogException(at + ": no \"default\" remediation");
    }
    for (Map.Entry<String, String> e : out.entrySet()) {
      Set<String> undeclared = new TreeSet<>(placeholdersOf(e.getValue()));
      undeclared.removeAll(placeholders);
      if (!undeclared.isEmpty()) {
        throw new CatalogException(
            at
                + ": remediation \""
                + e.getKey()
                + "\" uses {"
                + String.join("}, {", undeclared)
                + "}, which the check does not declare in \"placeholders\"");
      }
    }
    return out;
  }

  /** Message templates by key; every placeholder one uses must be declared. */
  private static Map<String, String> messages(String at, JsonNode node, List<String> placeholders) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    for (Map.Entry<String, String> e : out.entrySet()) {
      Set<String> undeclared = new TreeSet<>(placeholdersOf(e.getValue()));
      undeclared.removeAll(placeholders);
      if (!undeclared.isEmpty()) {
        throw new CatalogException(
            at
                + ": message \""
                + e.getKey()
                + "\" uses {"
                + String.join("}, {", undeclared)
                + "}, which the check does not declare in \"placeholders\"");
      }
    }
    return out;
  }

  /** A declared placeholder no template uses is a stale declaration. */
  private static void unusedPlaceholders(String where, JsonNode c, List<String> placeholders) {
    Set<String> used = new HashSet<>();
    for (JsonNode r : c.path("requirements")) {
      r.path("remediation").forEach(t -> used.addAll(placeholdersOf(t.asText())));
      r.path("messages").forEach(t -> used.addAll(placeholdersOf(t.asText())));
    }
    c.path("requirementTemplate")
        .path("remediation")
        .forEach(t -> used.addAll(placeholdersOf(t.asText())));
    c.path("requirementTemplate")
        .path("messages")
        .forEach(t -> used.addAll(placeholdersOf(t.asText())));
    Set<String> unused = new TreeSet<>(placeholders);
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      throw new CatalogException(
          where
              + ": \"placeholders\" declares {"
              + String.join("}, {", unused)
              + "}, which no remediation uses");
    }
  }

  static Set<String> placeholdersOf(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void unknownKeys(String at, String what, JsonNode node, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                throw new CatalogException(
                    at + (what.isEmpty() ? "" : ": " + what) + ": unknown key \"" + k + "\"");
              }
            });
  }

  static String text(String at, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new CatalogException(at + ": \"" + key + "\" is required (a non-empty string)");
    }
    return v.asText();
  }

  private static Severity severity(String at, String s) {
    try {
      return Severity.parse(s);
    } catch (RuntimeException e) {
      throw new CatalogException(at + ": unknown severity \"" + s + "\"");
    }
  }

  private static List<String> strings(String at, JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (!v.isTextual()) {
        throw new CatalogException(at + ": expected strings, found " + v);
      }
      out.add(v.asText());
    }
    return out;
  }
}
