package io.trailaudit.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy from Jackson's tree model and checks it against the IAM grammar. Unknown elements
 * are rejected rather than ignored: a misspelt {@code "Resources"} would otherwise read as "no
 * Resource", which matches every resource.
 */
final class PolicyParser {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final List<String> STATEMENT_FIELDS =
      List.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final List<String> PRINCIPAL_TYPES =
      List.of(Principals.AWS, Principals.SERVICE, Principals.FEDERATED, Principals.CANONICAL_USER);

  private PolicyParser() {}

  static PolicyDocument parse(String json) {
    JsonNode root = readTree(json);
    if (root == null || root.isMissingNode()) {
      throw new PolicyParseException(null, "policy document is empty");
    }
    if (!root.isObject()) {
      throw new PolicyParseException(
          null, "policy document must be a JSON object, got " + kind(root));
    }
    rejectUnknown(root, TOP_LEVEL, null);
    String version = optionalText(root, "Version", "Version");
    String id = optionalText(root, "Id", "Id");
    JsonNode st = root.get("Statement");
    if (st == null) {
      throw new PolicyParseException(
          "Statement", "missing (a policy needs at least one statement)");
    }
    List<Statement> statements = new ArrayList<>();
    if (st.isObject()) {
      statements.add(statement(st, "Statement"));
    } else if (st.isArray()) {
      for (int i = 0; i < st.size(); i++) {
        statements.add(statement(st.get(i), "Statement[" + i + "]"));
      }
    } else {
      throw new PolicyParseException(
          "Statement", "expected an object or an array of objects, got " + kind(st));
    }
    return new PolicyDocument(version, id, statements);
  }

  private static JsonNode readTree(String json) {
    if (json == null) {
      throw new PolicyParseException(null, "policy document is empty");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc != null && loc.getLineNr() > 0
              ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()
              : "";
      String msg =
          e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
      int cut = msg.indexOf('\n');
      throw new PolicyParseException(
          "invalid JSON" + where + ": " + (cut >= 0 ? msg.substring(0, cut) : msg), e);
    }
  }

  private static Statement statement(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new PolicyParseException(path, "expected a statement object, got " + kind(node));
    }
    rejectUnknown(node, Set.copyOf(STATEMENT_FIELDS), path);
    String sid = optionalText(node, "Sid", path + ".Sid");
    Effect effect = effect(node.get("Effect"), path + ".Effect");
    Principals principal = principals(node.get("Principal"), path + ".Principal");
    Principals notPrincipal = principals(node.get("NotPrincipal"), path + ".NotPrincipal");
    if (principal != null && notPrincipal != null) {
      throw new PolicyParseException(path, "has both Principal and NotPrincipal; use one");
    }
    List<String> actions = stringList(node.get("Action"), path + ".Action");
    List<String> notActions = stringList(node.get("NotAction"), path + ".NotAction");
    if (actions != null && notActions != null) {
      throw new PolicyParseException(path, "has both Action and NotAction; use one");
    }
    if (actions == null && notActions == null) {
      throw new PolicyParseException(path, "has neither Action nor NotAction");
    }
    List<String> resources = stringList(node.get("Resource"), path + ".Resource");
    List<String> notResources = stringList(node.get("NotResource"), path + ".NotResource");
    if (resources != null && notResources != null) {
      throw new PolicyParseException(path, "has both Resource and NotResource; use one");
    }
    List<Condition> conditions = conditions(node.get("Condition"), path + ".Condition");
    return new Statement(
        sid,
        effect,
        principal,
        notPrincipal,
        actions,
        notActions,
        resources,
        notResources,
        conditions);
  }

  private static Effect effect(JsonNode node, String path) {
    if (node == null) {
      throw new PolicyParseException(path, "missing (expected \"Allow\" or \"Deny\")");
    }
    if (node.isTextual() && node.textValue().equals("Allow")) {
      return Effect.ALLOW;
    }
    if (node.isTextual() && node.textValue().equals("Deny")) {
      return Effect.DENY;
    }
    throw new PolicyParseException(path, "expected \"Allow\" or \"Deny\", got " + shown(node));
  }

  private static Principals principals(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      if (node.textValue().equals("*")) {
        return Principals.everyone();
      }
      throw new PolicyParseException(
          path, "expected \"*\" or an object of principal type to values, got " + shown(node));
    }
    if (!node.isObject()) {
      throw new PolicyParseException(
          path, "expected \"*\" or an object of principal type to values, got " + kind(node));
    }
    if (node.isEmpty()) {
      throw new PolicyParseException(path, "names no principal");
    }
    boolean wildcard = false;
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String type = e.getKey();
      if (!PRINCIPAL_TYPES.contains(type)) {
        throw new PolicyParseException(
            path + "." + type, "unknown principal type (expected one of " + PRINCIPAL_TYPES + ")");
      }
      List<String> values = stringList(e.getValue(), path + "." + type);
      if (type.equals(Principals.AWS) && values.contains("*")) {
        wildcard = true;
        values = values.stream().filter(v -> !v.equals("*")).toList();
      }
      if (!values.isEmpty()) {
        byType.put(type, values);
      }
    }
    return new Principals(wildcard, byType);
  }

  private static List<Condition> conditions(JsonNode node, String path) {
    if (node == null) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new PolicyParseException(
          path, "expected an object of operator to {key: values}, got " + kind(node));
    }
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> op : node.properties()) {
      String opPath = path + "." + op.getKey();
      if (!op.getValue().isObject()) {
        throw new PolicyParseException(
            opPath, "expected an object of condition key to values, got " + kind(op.getValue()));
      }
      for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
        String keyPath = opPath + "." + key.getKey();
        out.add(new Condition(op.getKey(), key.getKey(), conditionValues(key.getValue(), keyPath)));
      }
    }
    return out;
  }

  private static List<String> conditionValues(JsonNode node, String path) {
    if (!node.isArray()) {
      return List.of(scalar(node, path));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(scalar(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static String scalar(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    if (node.isNumber()) {
      return node.asText();
    }
    throw new PolicyParseException(
        path, "expected a string, boolean or number (or a list of them), got " + kind(node));
  }

  /** A string or an array of strings; null when the element is absent. */
  private static List<String> stringList(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    if (!node.isArray()) {
      throw new PolicyParseException(
          path, "expected a string or an array of strings, got " + kind(node));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        throw new PolicyParseException(
            path + "[" + i + "]", "expected a string, got " + kind(item));
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static String optionalText(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw new PolicyParseException(path, "expected a string, got " + kind(node));
    }
    return node.textValue();
  }

  private static void rejectUnknown(JsonNode node, Set<String> known, String path) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        String where = path == null ? name : path + "." + name;
        List<String> expected =
            known.equals(TOP_LEVEL) ? List.of("Version", "Id", "Statement") : STATEMENT_FIELDS;
        throw new PolicyParseException(where, "unknown element (expected one of " + expected + ")");
      }
    }
  }

  private static String shown(JsonNode node) {
    return node.isTextual() ? "\"" + node.textValue() + "\"" : kind(node);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number (" + node.asText() + ")";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
