package io.trailaudit.selectors;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A set of events a question is about: some fields constrained, every other field free.
 *
 * @param alwaysPresent free fields that every event of the set carries
 */
record EventSet(Map<String, Constraint> fields, Set<String> alwaysPresent) {
  EventSet {
    fields = Map.copyOf(fields);
    alwaysPresent = Set.copyOf(alwaysPresent);
  }

  Constraint constraint(String field) {
    Constraint c = fields.get(field);
    return c != null ? c : Constraint.any(!alwaysPresent.contains(field));
  }

  EventSet with(String field, Constraint constraint) {
    Map<String, Constraint> narrowed = new HashMap<>(fields);
    narrowed.put(field, constraint);
    return new EventSet(narrowed, alwaysPresent);
  }

  boolean isCategory(String category) {
    return constraint(Fields.EVENT_CATEGORY) instanceof Constraint.Exact e
        && e.value().equals(category);
  }
}
