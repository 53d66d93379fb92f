package io.trailaudit.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of the check parameters an audit runs with: those the configuration file sets, typed
 * and validated by the declarations of the loaded checks, and the declared defaults for the rest. A
 * check reads its parameters by their declared names ({@code integer("lake.minRetentionDays")}); a
 * name nobody declared is a bug in the check and throws.
 *
 * @param declared the declarations, by name
 * @param values the values set (by the file or a builder), by name
 */
public record Parameters(Map<String, ParameterInfo> declared, Map<String, Object> values) {

  /**
   * @throws IllegalArgumentException when a value set is not of its declaration's type or below its
   *     minimum
   */
  public Parameters {
    declared = Map.copyOf(declared);
    Map<String, Object> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, v instanceof List<?> l ? List.copyOf(l) : v));
    values = java.util.Collections.unmodifiableMap(copy);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      ParameterInfo p = declared.get(e.getKey());
      String problem = p == null ? null : problem(p, e.getValue());
      if (problem != null) {
        throw new IllegalArgumentException("parameter " + e.getKey() + ": " + problem);
      }
    }
  }

  /** No declaration and no value: what a configuration built without the checks holds. */
  public static Parameters none() {
    return new Parameters(Map.of(), Map.of());
  }

  /** The defaults of {@code declarations}. */
  public static Parameters defaults(Collection<ParameterInfo> declarations) {
    return none().declaring(declarations);
  }

  /**
   * These values with {@code more} declarations added (a name already declared keeps its
   * declaration), so that a check can read its own parameters' defaults from any configuration.
   */
  public Parameters declaring(Collection<ParameterInfo> more) {
    Map<String, ParameterInfo> all = new LinkedHashMap<>(declared);
    more.forEach(p -> all.putIfAbsent(p.name(), p));
    return all.size() == declared.size() ? this : new Parameters(all, values);
  }

  /**
   * Why {@code value} does not fit {@code p}, in the config file's words, or null when it does.
   * {@code expected a whole number} and the like; a number below the minimum says the minimum.
   */
  public static String problem(ParameterInfo p, Object value) {
    boolean fits =
        switch (p.type()) {
          case INTEGER -> value instanceof Integer;
          case BOOLEAN -> value instanceof Boolean;
          case STRING_LIST ->
              value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
        };
    if (!fits) {
      return "expected " + p.type().article() + ", found " + value;
    }
    if (p.min() != null && (Integer) value < p.min()) {
      return belowMin(p, (Integer) value);
    }
    return null;
  }

  /**
   * A duration ({@code ...Hours}, {@code ...Days}) of minimum 1 is "a positive number of hours": a
   * zero or negative age or retention would make a requirement that nothing, or everything, meets.
   */
  static String belowMin(ParameterInfo p, int value) {
    String unit = p.name().endsWith("Hours") ? "hours" : p.name().endsWith("Days") ? "days" : null;
    if (p.min() == 1 && unit != null) {
      return "must be a positive number of " + unit + ", not " + value;
    }
    return "must be at least " + p.min() + ", not " + value;
  }

  public int integer(String name) {
    return (Integer) value(name, ParameterInfo.Type.INTEGER);
  }

  public boolean bool(String name) {
    return (Boolean) value(name, ParameterInfo.Type.BOOLEAN);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String name) {
    return (List<String>) value(name, ParameterInfo.Type.STRING_LIST);
  }

  /** Every declared parameter with the value it has: set, else its default. */
  public Map<String, Object> resolved() {
    Map<String, Object> out = new TreeMap<>();
    declared.keySet().forEach(n -> out.put(n, value(n, declared.get(n).type())));
    return out;
  }

  private Object value(String name, ParameterInfo.Type type) {
    ParameterInfo p = declared.get(name);
    Object v = values.containsKey(name) ? values.get(name) : p == null ? null : p.defaultValue();
    if (v == null) {
      throw new IllegalStateException("no loaded check declares the parameter " + name);
    }
    ParameterInfo as = p != null ? p : new ParameterInfo(name, type, v, "", null);
    if (as.type() != type || problem(as, v) != null) {
      throw new IllegalStateException(
          "parameter " + name + " is read as " + type.article() + ", but it holds " + v);
    }
    return v;
  }
}
