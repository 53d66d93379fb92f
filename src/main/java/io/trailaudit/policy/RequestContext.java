package io.trailaudit.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request context keys a condition is evaluated against, e.g. {@code aws:SecureTransport ->
 * [false]}. Keys are case-insensitive; a key may have several values (multivalued keys such as
 * {@code aws:CalledVia}). Single-valued keys also serve as policy variable values.
 */
public record RequestContext(Map<String, List<String>> values) {
  public RequestContext {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = Collections.unmodifiableMap(copy);
  }

  public static RequestContext empty() {
    return new RequestContext(Map.of());
  }

  /** A copy with {@code key} set to {@code keyValues}. */
  public RequestContext with(String key, String... keyValues) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    copy.put(key, List.of(keyValues));
    return new RequestContext(copy);
  }

  /** The key's values; empty when the key is not in the request. */
  public Optional<List<String>> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Single-valued keys, for substituting policy variables such as {@code ${aws:username}}. */
  public Map<String, String> variables() {
    Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach(
        (k, v) -> {
          if (v.size() == 1) {
            vars.put(k, v.get(0));
          }
        });
    return vars;
  }
}
