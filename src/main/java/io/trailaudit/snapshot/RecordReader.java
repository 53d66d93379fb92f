package io.trailaudit.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps snapshot JSON onto the model's records straight from the token stream, for a file it fully
 * understands, and declines (empty) on anything else, so that {@link Snapshots} maps that file with
 * Jackson, which names the problem and its place.
 *
 * <p>Why a second reader: Jackson builds a deserializer for each of the model's ~60 record types
 * before it reads a byte, about 100 ms of CPU at start-up, a fifth of a snapshot audit on two
 * cores. This one knows only the shapes the model uses (records, strings, booleans, ints, longs,
 * doubles, ISO-8601 instants in UTC, enums by name, lists, string-keyed maps, untyped JSON, {@link
 * Observed}) and follows the rules of {@link Snapshots}' mapper for them. It declines an unknown or
 * repeated field, a value of another JSON type, a null inside a list or map or for a primitive or
 * required field, a missing primitive or required field, a number out of range, an instant in any
 * other spelling, an unknown enum name, and a record constructor that throws. RecordReaderTest
 * holds the two readers equal on every snapshot of the repository and on thousands of edited copies
 * of them.
 */
final class RecordReader {
  /** ISO_INSTANT's UTC form; another offset or a number goes to Jackson. */
  private static final Pattern INSTANT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

  private final JsonParser p;
  private final Map<Class<?>, Shape> shapes = new HashMap<>();
  private final Map<Class<?>, Boolean> plainEnums = new HashMap<>();

  private RecordReader(JsonParser p) {
    this.p = p;
  }

  /** The snapshot, or empty when Jackson's mapping must read (and judge) this file. */
  static Optional<Snapshot> read(JsonFactory factory, byte[] json) {
    try (JsonParser p = factory.createParser(json)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      RecordReader reader = new RecordReader(p);
      p.nextToken();
      Object snapshot = reader.value(Snapshot.class);
      if (snapshot == null || p.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of((Snapshot) snapshot);
    } catch (Decline | IOException e) {
      return Optional.empty();
    }
  }

  /** Jackson's mapping decides this file. Stackless: it is control flow. */
  private static final class Decline extends RuntimeException {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  private static Decline decline() {
    return Decline.INSTANCE;
  }

  /** The value of {@code type} at the current token. */
  private Object value(Type type) throws IOException {
    JsonToken t = p.currentToken();
    if (type instanceof ParameterizedType pt) {
      Type raw = pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (raw == Observed.class) {
        return observed(args[0]);
      }
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (raw == List.class) {
        return list(args[0]);
      }
      if (raw == Map.class && args[0] == String.class) {
        return map(args[1]);
      }
      throw decline();
    }
    if (!(type instanceof Class<?> c)) {
      throw decline();
    }
    if (t == JsonToken.VALUE_NULL) {
      if (c.isPrimitive()) {
        throw decline();
      }
      return null;
    }
    if (c == String.class) {
      return expect(t, JsonToken.VALUE_STRING).getText();
    }
    if (c == Object.class) {
      return untyped(t);
    }
    if (c == int.class || c == Integer.class) {
      expect(t, JsonToken.VALUE_NUMBER_INT);
      if (p.getNumberType() != JsonParser.NumberType.INT) {
        throw decline();
      }
      return p.getIntValue();
    }
    if (c == long.class || c == Long.class) {
      expect(t, JsonToken.VALUE_NUMBER_INT);
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw decline();
      }
      return p.getLongValue();
    }
    if (c == double.class || c == Double.class) {
      // A JSON integer for a double is Jackson's coercion to judge.
      return expect(t, JsonToken.VALUE_NUMBER_FLOAT).getDoubleValue();
    }
    if (c == boolean.class || c == Boolean.class) {
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      throw decline();
    }
    if (c == Instant.class) {
      String s = expect(t, JsonToken.VALUE_STRING).getText();
      if (!INSTANT.matcher(s).matches()) {
        throw decline();
      }
      return Instant.parse(s);
    }
    if (c.isEnum()) {
      return constant(c, expect(t, JsonToken.VALUE_STRING).getText());
    }
    if (c.isRecord()) {
      expect(t, JsonToken.START_OBJECT);
      p.nextToken();
      return record(shape(c));
    }
    throw decline();
  }

  /**
   * Any JSON value, as Jackson's untyped deserializer maps it: maps, lists, strings, booleans, an
   * integer as the smallest of Integer, Long and BigInteger that holds it, a fraction as Double.
   */
  private Object untyped(JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case START_ARRAY:
        return list(Object.class);
      case START_OBJECT:
        return map(Object.class);
      default:
        throw decline();
    }
  }

  private JsonParser expect(JsonToken actual, JsonToken wanted) {
    if (actual != wanted) {
      throw decline();
    }
    return p;
  }

  private List<Object> list(Type element) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY);
    List<Object> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        throw decline();
      }
      out.add(value(element));
    }
    return out;
  }

  private Map<String, Object> map(Type valueType) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    p.nextToken();
    return entries(valueType);
  }

  /** A map's entries, the parser at its first key (or its end). */
  private Map<String, Object> entries(Type valueType) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonToken t = p.currentToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw decline();
      }
      String key = p.currentName();
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        throw decline();
      }
      out.put(key, value(valueType));
    }
    return out;
  }

  /** As ObservedModule's deserializer: the value itself, or the one-field "unavailable" marker. */
  private Observed<?> observed(Type valueType) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      // ObservedModule's null value: a container the snapshot lacks, or a known absence.
      return isContainer(valueType)
          ? Observed.unavailable("trailaudit", "snapshot", "NullValue", "null, not a list")
          : Observed.known(null);
    }
    if (t == JsonToken.START_OBJECT) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.FIELD_NAME && ObservedModule.UNAVAILABLE.equals(p.currentName())) {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        Map<String, String> marker = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (!List.of("service", "operation", "errorCode", "message").contains(name)) {
            throw decline();
          }
          marker.put(name, expect(p.nextToken(), JsonToken.VALUE_STRING).getText());
        }
        if (p.nextToken() != JsonToken.END_OBJECT
            || !marker.containsKey("service")
            || !marker.containsKey("operation")
            || !marker.containsKey("errorCode")) {
          throw decline();
        }
        return Observed.unavailable(
            marker.get("service"),
            marker.get("operation"),
            marker.get("errorCode"),
            marker.getOrDefault("message", ""));
      }
      // Another object: the value, its first field already current.
      if (valueType instanceof Class<?> c && c.isRecord()) {
        return Observed.known(record(shape(c)));
      }
      if (valueType instanceof ParameterizedType pt
          && pt.getRawType() == Map.class
          && pt.getActualTypeArguments()[0] == String.class) {
        return Observed.known(entries(pt.getActualTypeArguments()[1]));
      }
      throw decline();
    }
    return Observed.known(value(valueType));
  }

  private static boolean isContainer(Type type) {
    Type raw = type instanceof ParameterizedType pt ? pt.getRawType() : type;
    return raw instanceof Class<?> c
        && (java.util.Collection.class.isAssignableFrom(c)
            || Map.class.isAssignableFrom(c)
            || c.isArray());
  }

  /** A record's fields, the parser at its first field name (or its end). */
  private Object record(Shape shape) throws IOException {
    Object[] args = new Object[shape.types.length];
    boolean[] seen = new boolean[args.length];
    for (JsonToken t = p.currentToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw decline();
      }
      Integer i = shape.index.get(p.currentName());
      if (i == null || seen[i]) {
        throw decline();
      }
      seen[i] = true;
      p.nextToken();
      args[i] = value(shape.types[i]);
      if (args[i] == null && shape.required[i]) {
        throw decline();
      }
    }
    for (int i = 0; i < args.length; i++) {
      if (!seen[i] && (shape.required[i] || shape.primitive[i])) {
        throw decline();
      }
    }
    try {
      return shape.constructor.newInstance(args);
    } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
      throw decline();
    }
  }

  private Object constant(Class<?> type, String name) {
    // A renamed or aliased constant, or a creator, is Jackson's to read.
    if (plainEnums.computeIfAbsent(type, RecordReader::isPlainEnum) != Boolean.TRUE) {
      throw decline();
    }
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
    }
    throw decline();
  }

  private static boolean isPlainEnum(Class<?> type) {
    if (hasJackson(type.getDeclaredAnnotations())) {
      return false;
    }
    for (Field f : type.getDeclaredFields()) {
      if (hasJackson(f.getDeclaredAnnotations())) {
        return false;
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (hasJackson(m.getDeclaredAnnotations())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasJackson(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (isJackson(a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJackson(Annotation a) {
    return a.annotationType().getName().startsWith("com.fasterxml.");
  }

  private Shape shape(Class<?> type) {
    Shape s = shapes.get(type);
    if (s == null) {
      s = Shape.of(type);
      shapes.put(type, s);
    }
    return s;
  }

  /** What a record's JSON object may hold, by field name. */
  private record Shape(
      Constructor<?> constructor,
      Map<String, Integer> index,
      Type[] types,
      boolean[] required,
      boolean[] primitive) {
    static Shape of(Class<?> type) {
      if (hasJackson(type.getDeclaredAnnotations())) {
        // Jackson annotations on the type (ignored or renamed fields, a creator) change the rules.
        throw decline();
      }
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] raw = new Class<?>[components.length];
      Type[] types = new Type[components.length];
      for (int i = 0; i < components.length; i++) {
        raw[i] = components[i].getType();
        types[i] = components[i].getGenericType();
      }
      Constructor<?> constructor;
      try {
        constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException | RuntimeException e) {
        throw decline();
      }
      Annotation[][] parameters = constructor.getParameterAnnotations();
      boolean[] required = new boolean[components.length];
      boolean[] primitive = new boolean[components.length];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        primitive[i] = raw[i].isPrimitive();
        // @JsonProperty does not target record components: javac puts it on the field, the
        // accessor and the constructor parameter, and Jackson reads all three.
        List<Annotation> annotations = new ArrayList<>(List.of(parameters[i]));
        annotations.addAll(List.of(c.getAccessor().getDeclaredAnnotations()));
        try {
          annotations.addAll(List.of(type.getDeclaredField(c.getName()).getDeclaredAnnotations()));
        } catch (NoSuchFieldException e) {
          throw decline();
        }
        String name = c.getName();
        for (Annotation a : annotations) {
          if (!isJackson(a)) {
            continue;
          }
          if (!(a instanceof JsonProperty jp)
              || jp.access() != JsonProperty.Access.AUTO
              || !jp.defaultValue().isEmpty()
              || !jp.namespace().isEmpty()) {
            throw decline();
          }
          String named = jp.value().isEmpty() ? c.getName() : jp.value();
          if (!named.equals(name) && !name.equals(c.getName())) {
            throw decline();
          }
          name = named;
          required[i] |= jp.required();
        }
        if (index.put(name, i) != null) {
          throw decline();
        }
      }
      return new Shape(constructor, index, types, required, primitive);
    }
  }
}
