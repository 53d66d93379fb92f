package io.trailaudit.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the keys of a document against the components of the records it maps to, on the token
 * stream, so that an unknown key is reported at its own line. Jackson reports unknown properties of
 * records only at the end of the enclosing object.
 */
public final class RecordKeys {
  private RecordKeys() {}

  /**
   * Reads the whole document from {@code p}; throws naming the first unknown or repeated key.
   *
   * @return where each key and list element of the records starts, by JSON path ({@code
   *     $.lake.minRetentionDays}, {@code $.suppressions[1]}), for messages about their values
   */
  public static Map<String, JsonLocation> check(
      String file, JsonParser p, Class<? extends Record> type) throws IOException {
    p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    if (p.currentToken() == null) {
      p.nextToken();
    }
    Map<String, JsonLocation> where = new HashMap<>();
    walk(file, p, type, "$", where);
    return where;
  }

  /**
   * Checks one value of a document, the parser at its first token, as {@link #check} checks a
   * document: for a file whose keys are only partly records (the configuration's parameters).
   */
  public static void checkValue(
      String file, JsonParser p, Type type, String path, Map<String, JsonLocation> where)
      throws IOException {
    walk(file, p, type, path, where);
  }

  private static void walk(
      String file, JsonParser p, Type generic, String path, Map<String, JsonLocation> where)
      throws IOException {
    if (p.currentToken() == JsonToken.START_ARRAY
        && generic instanceof ParameterizedType list
        && list.getRawType() == List.class) {
      // A list of records, such as the suppressions of the configuration: check each element.
      Type element = list.getActualTypeArguments()[0];
      int i = 0;
      for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
        String at = path + "[" + i++ + "]";
        where.put(at, p.currentTokenLocation());
        walk(file, p, element, at, where);
      }
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT
        || !(generic instanceof Class<?> type)
        || !type.isRecord()) {
      p.skipChildren();
      return;
    }
    RecordComponent[] components = type.getRecordComponents();
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation at = p.currentTokenLocation();
      if (!seen.add(key)) {
        JsonLocation first = where.get(path + "." + key);
        throw new InputFileException(
            String.format(
                "%s: line %d, column %d: at %s: duplicate key \"%s\" (first at line %d, column"
                    + " %d): each key may appear once",
                file,
                at.getLineNr(),
                at.getColumnNr(),
                path + "." + key,
                key,
                first.getLineNr(),
                first.getColumnNr()));
      }
      where.put(path + "." + key, at);
      RecordComponent c =
          Arrays.stream(components).filter(rc -> rc.getName().equals(key)).findFirst().orElse(null);
      if (c == null) {
        List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
        throw new InputFileException(
            String.format(
                "%s: line %d, column %d: at %s: unknown field \"%s\"" + " (known: %s)",
                file,
                at.getLineNr(),
                at.getColumnNr(),
                path + "." + key,
                key,
                String.join(", ", known)));
      }
      p.nextToken();
      walk(file, p, c.getGenericType(), path + "." + key, where);
    }
  }
}
