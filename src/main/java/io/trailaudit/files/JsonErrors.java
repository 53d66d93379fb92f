package io.trailaudit.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;

/** Turns Jackson's exceptions into one line for a person: file, line and column, path, problem. */
public final class JsonErrors {
  private JsonErrors() {}

  /** {@code file: line 3, column 7: at $.a[0].b: problem}. */
  public static InputFileException describe(String file, JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(file).append(": ");
    JsonLocation loc = e.getLocation();
    // The start of the offending token (the key, or the value) is where a person should look;
    // the parser's own location is after it.
    if (e.getProcessor() instanceof JsonParser p
        && p.currentTokenLocation() != null
        && p.currentTokenLocation().getLineNr() > 0) {
      loc = p.currentTokenLocation();
    }
    if (loc != null && loc.getLineNr() > 0) {
      sb.append("line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
      sb.append(": ");
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      sb.append("at ").append(path(m.getPath())).append(": ");
    }
    sb.append(problem(e));
    return new InputFileException(sb.toString(), e);
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

  private static String problem(JsonProcessingException e) {
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
    // Jackson appends a hint that names our classes; the path already says where.
    int cut = msg.indexOf("\n");
    msg = cut >= 0 ? msg.substring(0, cut) : msg;
    return msg.replace("io.trailaudit.model.", "")
        .replaceAll("\\s+\\(for Object starting at.*", "");
  }
}
