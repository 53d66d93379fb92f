package io.trailaudit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks JSON values against a shape of the Security Hub API model (the botocore service-2.json
 * copied under {@code src/test/resources/schemas/asff}), recursively: a structure's required
 * members present and no member it does not define, lists and maps of their member shapes, strings
 * in their enum, of their pattern and min/max length, numbers and booleans of their type. Many
 * limits are only in a member's documentation ("Length Constraints: Minimum length of 1. Maximum
 * length of 512."); those are read from there too.
 */
public final class AsffModel {
  private static final Pattern MIN = Pattern.compile("Minimum (?:length )?of (\\d+)");
  private static final Pattern MAX = Pattern.compile("Maximum (?:length )?of (\\d+)");
  private final JsonNode shapes;

  public AsffModel() {
    try (InputStream in =
        AsffModel.class.getResourceAsStream(
            "/schemas/asff/securityhub-2018-10-26-service-2.json")) {
      shapes = new ObjectMapper().readTree(in).get("shapes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors of {@code value} as shape {@code shape}; empty when it conforms. */
  public List<String> validate(String shape, JsonNode value) {
    List<String> errors = new ArrayList<>();
    check("", shape, null, value, errors);
    return errors;
  }

  private void check(String at, String name, String doc, JsonNode value, List<String> errors) {
    JsonNode s = shapes.get(name);
    if (s == null) {
      throw new IllegalStateException("shape " + name + " is not in the copied model");
    }
    switch (s.get("type").asText()) {
      case "structure" -> structure(at, name, s, value, errors);
      case "list" -> {
        if (!value.isArray()) {
          errors.add(at + ": not a list (" + name + ")");
          return;
        }
        size(at, s, doc, value.size(), errors);
        for (int i = 0; i < value.size(); i++) {
          check(at + "/" + i, s.at("/member/shape").asText(), null, value.get(i), errors);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          errors.add(at + ": not a map (" + name + ")");
          return;
        }
        size(at, s, doc, value.size(), errors);
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          check(
              at + "/" + e.getKey() + "(key)",
              s.at("/key/shape").asText(),
              null,
              new ObjectMapper().getNodeFactory().textNode(e.getKey()),
              errors);
          check(at + "/" + e.getKey(), s.at("/value/shape").asText(), null, e.getValue(), errors);
        }
      }
      case "string" -> string(at, name, s, doc, value, errors);
      case "integer", "long" -> {
        if (!value.isIntegralNumber()) {
          errors.add(at + ": " + value + " is not an integer (" + name + ")");
        } else {
          range(at, s, value.asLong(), errors);
        }
      }
      case "double", "float" -> {
        if (!value.isNumber()) {
          errors.add(at + ": " + value + " is not a number (" + name + ")");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(at + ": " + value + " is not a boolean (" + name + ")");
        }
      }
      case "timestamp" -> {
        if (!value.isTextual() && !value.isNumber()) {
          errors.add(at + ": " + value + " is not a timestamp (" + name + ")");
        }
      }
      default -> errors.add(at + ": shape type " + s.get("type") + " not handled");
    }
  }

  private void structure(String at, String name, JsonNode s, JsonNode value, List<String> errors) {
    if (!value.isObject()) {
      errors.add(at + ": not a structure (" + name + ")");
      return;
    }
    for (JsonNode r : s.path("required")) {
      if (!value.has(r.asText())) {
        errors.add(at + "/" + r.asText() + ": required by " + name + " and missing");
      }
    }
    for (Map.Entry<String, JsonNode> f : value.properties()) {
      JsonNode member = s.path("members").get(f.getKey());
      if (member == null) {
        errors.add(at + "/" + f.getKey() + ": not a member of " + name);
        continue;
      }
      check(
          at + "/" + f.getKey(),
          member.get("shape").asText(),
          member.path("documentation").asText(""),
          f.getValue(),
          errors);
    }
  }

  private void string(
      String at, String name, JsonNode s, String doc, JsonNode value, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(at + ": " + value + " is not a string (" + name + ")");
      return;
    }
    String v = value.asText();
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= e.asText().equals(v);
      }
      if (!found) {
        errors.add(at + ": " + v + " is not one of " + s.get("enum") + " (" + name + ")");
      }
    }
    if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v).matches()) {
      errors.add(at + ": \"" + v + "\" does not match " + s.get("pattern") + " (" + name + ")");
    }
    size(at, s, doc, v.length(), errors);
  }

  private static void size(String at, JsonNode s, String doc, int size, List<String> errors) {
    long min = s.path("min").asLong(documented(MIN, doc, 0));
    long max = s.path("max").asLong(documented(MAX, doc, Long.MAX_VALUE));
    if (size < min || size > max) {
      errors.add(at + ": length " + size + " outside " + min + ".." + max);
    }
  }

  private static void range(String at, JsonNode s, long v, List<String> errors) {
    if ((s.has("min") && v < s.get("min").asLong())
        || (s.has("max") && v > s.get("max").asLong())) {
      errors.add(at + ": " + v + " outside the shape's range");
    }
  }

  private static long documented(Pattern p, String doc, long fallback) {
    if (doc == null) {
      return fallback;
    }
    Matcher m = p.matcher(doc.replaceAll("<[^>]+>", ""));
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }
}
