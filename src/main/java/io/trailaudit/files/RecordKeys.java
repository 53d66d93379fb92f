package io.trailaudit.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the keys of a document against the components of the records it maps to, on the token
 * stream, so that an unknown key is reported at its own line. Jackson reports unknown properties of
 * records only at the end of the enclosing object.
 */
public final class RecordKeys {
  private RecordKeys() {}

  /** Reads the whole document from {@code p}; throws naming the first unknown key. */
  public static void check(String file, JsonParser p, Class<? extends Record> type)
      throws IOException {
    if (p.currentToken() == null) {
      p.nextToken();
    }
    walk(file, p, type, "$");
  }

  private static void walk(String file, JsonParser p, Type generic, String path)
      throws IOException {
    if (p.currentToken() == JsonToken.START_ARRAY
        && generic instanceof ParameterizedType list
        && list.getRawType() == List.class) {
      // A list of records, such as the suppressions of the configuration: check each element.
      Type element = list.getActualTypeArguments()[0];
      int i = 0;
      for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
        walk(file, p, element, path + "[" + i++ + "]");
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
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation at = p.currentTokenLocation();
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
      walk(file, p, c.getGenericType(), path + "." + key);
    }
  }
}
