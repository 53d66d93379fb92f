package io.trailaudit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator over the OCSF schema source (the ocsf-schema repository's files, not a JSON Schema),
 * copied under {@code src/test/resources/schemas/ocsf-1.6.0}. A class or object is compiled as the
 * OCSF server does: its {@code extends} chain merged parent first, {@code $include}d profile
 * attributes tagged with their profile, and each attribute deep-merged over its dictionary entry
 * (so a class's enum adds to and overrides the dictionary's). An attribute of a profile counts only
 * when the event's {@code metadata.profiles} names the profile.
 *
 * <p>{@link #validate} reports: a required attribute missing; an attribute the class, object or an
 * applied profile does not define, or one marked deprecated; a value not of its dictionary type
 * (string, integer, long, float, boolean, object, array; the type's regex, max_len, range); an enum
 * id not in the enum, or its sibling caption not the enum's caption (free text only for 99
 * "Other"); an object's at_least_one/just_one constraint broken; and class_uid, category_uid,
 * type_uid and their names not as the class defines them.
 */
public final class OcsfSchema {
  static final String ROOT = "/schemas/ocsf-1.6.0/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode dictionary = read("dictionary.json").get("attributes");
  private final JsonNode types = read("dictionary.json").at("/types/attributes");
  private final Map<String, Compiled> objects = new HashMap<>();

  /** A compiled class or object: attributes by name, and the constraints that apply. */
  record Compiled(String caption, Map<String, ObjectNode> attributes, JsonNode constraints) {}

  /** Validates one event of the class in {@code eventFile}; an empty list means valid. */
  public List<String> validate(String eventFile, JsonNode event) {
    JsonNode raw = read(eventFile);
    Compiled cls = compile(eventFile, true);
    Set<String> profiles = new HashSet<>();
    event.at("/metadata/profiles").forEach(p -> profiles.add(p.asText()));
    String categoryName = inherited(eventFile, "category");
    JsonNode category = read("categories.json").at("/attributes/" + categoryName);
    int classUid = category.get("uid").asInt() * 1000 + raw.get("uid").asInt();
    // As the server does: base_event's placeholder enums become this class's and category's.
    enumOf(cls, "class_uid", classUid, raw.get("caption").asText());
    enumOf(cls, "category_uid", category.get("uid").asInt(), category.get("caption").asText());
    List<String> errors = new ArrayList<>();
    checkObject("", cls, event, profiles, errors);
    expect(errors, "class_uid", event.path("class_uid").asInt(-1), classUid);
    expect(errors, "class_name", event.path("class_name").asText(), raw.get("caption").asText());
    expect(
        errors, "category_uid", event.path("category_uid").asInt(-1), category.get("uid").asInt());
    expect(
        errors,
        "category_name",
        event.path("category_name").asText(),
        category.get("caption").asText());
    int activity = event.path("activity_id").asInt(-1);
    expect(errors, "type_uid", event.path("type_uid").asLong(-1), (long) classUid * 100 + activity);
    String activityCaption =
        cls.attributes()
            .get("activity_id")
            .path("enum")
            .path(String.valueOf(activity))
            .path("caption")
            .asText();
    expect(
        errors,
        "type_name",
        event.path("type_name").asText(),
        raw.get("caption").asText() + ": " + activityCaption);
    return errors;
  }

  private static void enumOf(Compiled cls, String attribute, int uid, String caption) {
    ObjectNode values = cls.attributes().get(attribute).putObject("enum");
    values.putObject(String.valueOf(uid)).put("caption", caption);
  }

  private static void expect(List<String> errors, String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      errors.add(what + ": " + actual + ", the class says " + expected);
    }
  }

  private void checkObject(
      String path, Compiled c, JsonNode value, Set<String> profiles, List<String> errors) {
    if (!value.isObject()) {
      errors.add(path + ": not an object");
      return;
    }
    for (Map.Entry<String, ObjectNode> a : c.attributes().entrySet()) {
      if (active(a.getValue(), profiles)
          && "required".equals(a.getValue().path("requirement").asText())
          && !value.has(a.getKey())) {
        errors.add(path + "/" + a.getKey() + ": required by " + c.caption() + " and missing");
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String at = path + "/" + field.getKey();
      ObjectNode def = c.attributes().get(field.getKey());
      if (def == null || !active(def, profiles)) {
        errors.add(at + ": not an attribute of " + c.caption() + " or of an applied profile");
        continue;
      }
      if (def.has("@deprecated")) {
        errors.add(at + ": deprecated in " + c.caption());
      }
      checkValue(at, def, field.getValue(), profiles, errors);
      checkEnum(at, field.getKey(), def, value, errors);
    }
    checkConstraints(path, c, value, errors);
  }

  private void checkConstraints(String path, Compiled c, JsonNode value, List<String> errors) {
    if (c.constraints() == null) {
      return;
    }
    for (String kind : List.of("at_least_one", "just_one")) {
      JsonNode names = c.constraints().get(kind);
      if (names == null) {
        continue;
      }
      int present = 0;
      for (JsonNode n : names) {
        present += value.has(n.asText()) ? 1 : 0;
      }
      if (present == 0 || (kind.equals("just_one") && present > 1)) {
        errors.add(path + ": " + c.caption() + " needs " + kind + " of " + names);
      }
    }
  }

  private void checkEnum(
      String at, String name, ObjectNode def, JsonNode owner, List<String> errors) {
    JsonNode values = def.get("enum");
    if (values == null) {
      return;
    }
    String key = owner.get(name).asText();
    if (!values.has(key)) {
      errors.add(at + ": " + key + " is not in the enum " + fieldNames(values));
      return;
    }
    String sibling = def.path("sibling").asText(null);
    if (sibling != null && owner.has(sibling) && !key.equals("99")) {
      String caption = values.get(key).get("caption").asText();
      if (!caption.equals(owner.get(sibling).asText())) {
        errors.add(
            at
                + ": "
                + key
                + " is "
                + caption
                + " but "
                + sibling
                + " says "
                + owner.get(sibling).asText());
      }
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void checkValue(
      String at, ObjectNode def, JsonNode value, Set<String> profiles, List<String> errors) {
    String type = def.path("type").asText();
    if (def.path("is_array").asBoolean()) {
      if (!value.isArray()) {
        errors.add(at + ": not an array of " + type);
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        checkType(at + "/" + i, type, value.get(i), profiles, errors);
      }
    } else {
      checkType(at, type, value, profiles, errors);
    }
  }

  private void checkType(
      String at, String type, JsonNode value, Set<String> profiles, List<String> errors) {
    if (type.equals("object")) {
      if (!value.isObject()) {
        errors.add(at + ": not an object");
      }
    } else if (types.has(type)) {
      checkPrimitive(at, type, value, errors);
    } else {
      checkObject(at, compile("objects/" + type + ".json", false), value, profiles, errors);
    }
  }

  private void checkPrimitive(String at, String type, JsonNode value, List<String> errors) {
    JsonNode t = types.get(type);
    boolean ok =
        switch (type) {
          case "string_t" -> value.isTextual();
          case "integer_t" -> value.isIntegralNumber() && value.canConvertToInt();
          case "long_t" -> value.isIntegralNumber() && value.canConvertToLong();
          case "float_t" -> value.isNumber();
          case "boolean_t" -> value.isBoolean();
          case "json_t" -> true;
          default -> true;
        };
    if (!ok) {
      errors.add(at + ": " + value + " is not a " + type);
      return;
    }
    if (t.has("type")) {
      checkPrimitive(at, t.get("type").asText(), value, errors);
    }
    if (t.has("regex")
        && !Pattern.compile(t.get("regex").asText()).matcher(value.asText()).find()) {
      errors.add(at + ": " + value + " does not match " + type + "'s pattern");
    }
    if (t.has("max_len") && value.asText().length() > t.get("max_len").asInt()) {
      errors.add(at + ": longer than " + type + "'s max_len");
    }
    if (t.has("range")
        && (value.asLong() < t.get("range").get(0).asLong()
            || value.asLong() > t.get("range").get(1).asLong())) {
      errors.add(at + ": " + value + " out of " + type + "'s range");
    }
  }

  private static boolean active(ObjectNode def, Set<String> profiles) {
    JsonNode p = def.get("profile");
    return p == null || p.isNull() || profiles.contains(p.asText());
  }

  /** The class's or object's attributes, each merged over its dictionary entry. */
  Compiled compile(String file, boolean event) {
    Compiled known = event ? null : objects.get(file);
    if (known != null) {
      return known;
    }
    Map<String, ObjectNode> raw = new LinkedHashMap<>();
    JsonNode constraints = collect(file, event, raw);
    Map<String, ObjectNode> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, ObjectNode> a : raw.entrySet()) {
      JsonNode entry = dictionary.get(a.getKey());
      if (entry == null) {
        throw new IllegalStateException(file + ": " + a.getKey() + " is not in the dictionary");
      }
      ObjectNode merged = entry.deepCopy();
      merge(merged, a.getValue());
      attributes.put(a.getKey(), merged);
    }
    Compiled c = new Compiled(read(file).path("caption").asText(file), attributes, constraints);
    if (!event) {
      objects.put(file, c);
    }
    return c;
  }

  /**
   * Fills {@code into} with the raw attributes of the file and its parents; returns constraints.
   */
  private JsonNode collect(String file, boolean event, Map<String, ObjectNode> into) {
    JsonNode node = read(file);
    JsonNode constraints = null;
    if (node.has("extends")) {
      constraints = collect(parent(file, node.get("extends").asText(), event), event, into);
    }
    if (node.has("constraints")) {
      constraints = node.get("constraints");
    }
    JsonNode attributes = node.path("attributes");
    for (JsonNode include : attributes.path("$include")) {
      JsonNode profile = read(include.asText());
      for (Map.Entry<String, JsonNode> a : profile.get("attributes").properties()) {
        ObjectNode def = a.getValue().deepCopy();
        def.put("profile", profile.get("name").asText());
        into.merge(a.getKey(), def, (old, add) -> merge(old, add));
      }
    }
    for (Map.Entry<String, JsonNode> a : attributes.properties()) {
      if (!a.getKey().equals("$include")) {
        ObjectNode def = a.getValue().deepCopy();
        into.merge(a.getKey(), def, (old, add) -> merge(old, add));
      }
    }
    return constraints;
  }

  private String parent(String file, String name, boolean event) {
    if (!event) {
      return "objects/" + name + ".json";
    }
    String sibling = file.substring(0, file.lastIndexOf('/') + 1) + name + ".json";
    return exists(sibling) ? sibling : "events/" + name + ".json";
  }

  private String inherited(String file, String key) {
    JsonNode node = read(file);
    if (node.has(key)) {
      return node.get(key).asText();
    }
    return inherited(parent(file, node.get("extends").asText(), true), key);
  }

  /** Deep merge: objects merge field by field, anything else (null included) replaces. */
  static ObjectNode merge(ObjectNode into, JsonNode add) {
    for (Map.Entry<String, JsonNode> f : add.properties()) {
      JsonNode old = into.get(f.getKey());
      if (old instanceof ObjectNode o && f.getValue().isObject()) {
        merge(o, f.getValue());
      } else {
        into.set(f.getKey(), f.getValue().deepCopy());
      }
    }
    return into;
  }

  private static boolean exists(String file) {
    return OcsfSchema.class.getResource(ROOT + file) != null;
  }

  static JsonNode read(String file) {
    try (InputStream in = OcsfSchema.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema file "
                + file
                + " is not under src/test/resources"
                + ROOT
                + ": copy it from"
                + " the OCSF 1.6.0 schema source");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
