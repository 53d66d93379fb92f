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
 * the model's records so that a new list field is covered without being named here. No list holds
 * null. A plain list that is null or left out reads as empty, which suits lists where fewer means a
 * worse posture (older snapshots wrote null for some); one where fewer could mean a better one
 * (exclusions, grants, attachments) says {@code @JsonProperty(required = true)}, and must be there
 * and not null. An {@link Observed} list that is null reads as unavailable ({@link
 * ObservedModule}).
 *
 * @param all every list
 * @param required the lists an object must have, never null
 */
record ListFields(Set<String> all, Set<String> required) {

  static ListFields of() {
    ListFields out = new ListFields(new HashSet<>(), new HashSet<>());
    out.walk(Snapshot.class, "$", new HashSet<>());
    return new ListFields(Set.copyOf(out.all), Set.copyOf(out.required));
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
