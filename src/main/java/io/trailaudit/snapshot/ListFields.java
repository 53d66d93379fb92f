package io.trailaudit.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The path patterns (as {@link SnapshotRules} writes them) of every list in a snapshot, read from
 * the model's records so that a new list field is covered without being named here. A null list, a
 * null element, or a plain list left out would read as "none", which the file never said. A list
 * field whose component says {@code @JsonSetter(nulls = Nulls.SET)} may be null or left out (a
 * selector operator that was not given); an {@link Observed} list left out is not collected.
 *
 * @param all every list: never null (unless optional), never holding null
 * @param required the plain lists, which an object must have
 * @param optional the lists that may be null or left out
 */
record ListFields(Set<String> all, Set<String> required, Set<String> optional) {

  static ListFields of() {
    ListFields out = new ListFields(new HashSet<>(), new HashSet<>(), new HashSet<>());
    out.walk(Snapshot.class, "$", new HashSet<>());
    return new ListFields(Set.copyOf(out.all), Set.copyOf(out.required), Set.copyOf(out.optional));
  }

  private void walk(Class<?> record, String at, Set<Class<?>> path) {
    if (!record.isRecord() || !path.add(record)) {
      return;
    }
    for (RecordComponent c : record.getRecordComponents()) {
      // Jackson's annotations do not target record components; they reach the accessor.
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      boolean needed = renamed != null && renamed.required();
      value(c.getGenericType(), at + "." + name, needed, path);
    }
    path.remove(record);
  }

  private void value(Type type, String at, boolean needed, Set<Class<?>> path) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type arg = p.getActualTypeArguments()[0];
      if (raw == Observed.class) {
        value(arg, at, needed, path);
      } else if (List.class.isAssignableFrom(raw)) {
        all.add(at);
        if (needed) {
          required.add(at);
        }
        value(arg, at + "[]", false, path);
      }
    } else if (type instanceof Class<?> c) {
      walk(c, at, path);
    }
  }
}
