package io.trailaudit.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one line for a person: file, line and column, path, problem. */
public final class JsonErrors {
  private JsonErrors() {}

  /** {@code file: line 3, column 7: at $.a[0].b: problem}. */
  public static InputFileException describe(String file, JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(file).append(": ");
    JsonLocation loc = e.getLocation();
    JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : null;
    // The start of the offending token (the key, or the value) is where a person should look;
    // the parser's own location is after it.
    if (parser != null
        && parser.currentTokenLocation() != null
        && parser.currentTokenLocation().getLineNr() > 0) {
      loc = parser.currentTokenLocation();
    }
    if (loc != null && loc.getLineNr() > 0) {
      sb.append(at(loc)).append(": ");
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      sb.append("at ").append(path(m.getPath())).append(": ");
    } else if (parser != null && parser.getParsingContext() != null) {
      String path = path(parser.getParsingContext());
      if (!path.equals("$")) {
        sb.append("at ").append(path).append(": ");
      }
    }
    sb.append(problem(e, parser));
    return new InputFileException(sb.toString(), e);
  }

  /** {@code line 3, column 7}. */
  public static String at(JsonLocation loc) {
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** A JSON path such as {@code $.accounts[0].trails[1].name}. */
  public static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The path of the parser's current place, from its contexts. */
  public static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      }
    }
    StringBuilder sb = new StringBuilder("$");
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.toString();
  }

  private static String problem(JsonProcessingException e, JsonParser parser) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field \"" + u.getPropertyName() + "\"";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      Throwable cause = v.getCause();
      if (cause instanceof NullPointerException && cause.getMessage() != null) {
        return "missing required field \"" + cause.getMessage() + "\"";
      }
      return cause.getMessage();
    }
    String msg = e.getOriginalMessage();
    if (msg == null) {
      return e.getClass().getSimpleName();
    }
    if (msg.startsWith("Cannot map `null` into type")) {
      // A primitive (true/false, a number) that is missing or null: never defaulted.
      return "missing or null value: a "
          + msg.substring("Cannot map `null` into type `".length()).replaceAll("`.*", "")
          + " is required";
    }
    if (msg.startsWith("Duplicate field '")) {
      String key = msg.substring("Duplicate field '".length(), msg.indexOf('\'', 17));
      return "duplicate key \"" + key + "\": each key may appear once";
    }
    if (e instanceof MismatchedInputException m
        && m.getTargetType() != null
        && msg.startsWith("Cannot ")
        && parser != null) {
      // Jackson's wording names our classes; say what was expected in the user's words.
      return "expected " + expected(m.getTargetType()) + ", found " + found(parser);
    }
    // Jackson appends a hint that names our classes; the path already says where.
    int cut = msg.indexOf("\n");
    msg = cut >= 0 ? msg.substring(0, cut) : msg;
    return msg.replaceAll("`?io\\.trailaudit\\.[a-z.]*\\.", "`")
        .replaceAll("\\s+\\(for Object starting at.*", "");
  }

  /** What a value of {@code type} looks like, for a person. */
  static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class) {
      return "a UTC time such as \"2026-11-20T09:30:00Z\"";
    }
    if (type == LocalDate.class) {
      return "a date such as 2026-12-31";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name())
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping of names to values";
    }
    return "an object (key: value pairs)";
  }

  /** The offending value as a person sees it in the file. */
  public static String found(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "nothing";
    }
    try {
      return switch (t) {
        case START_ARRAY -> "a list";
        case START_OBJECT, FIELD_NAME -> "an object";
        case VALUE_STRING -> "the string \"" + shorten(p.getText()) + "\"";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
        case VALUE_TRUE -> "true";
        case VALUE_FALSE -> "false";
        case VALUE_NULL -> "null";
        default -> t.asString() == null ? "a value" : t.asString();
      };
    } catch (java.io.IOException e) {
      return "a value";
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
