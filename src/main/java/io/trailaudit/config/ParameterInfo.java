package io.trailaudit.config;

import java.util.List;

/**
 * A configuration key a check declares: its dotted name in the config file ({@code
 * lake.minRetentionDays}), type, default and description.
 *
 * @param defaultValue an {@link Integer}, {@link Boolean} or {@code List<String>} by type
 * @param min the least value of an integer parameter, or null
 */
public record ParameterInfo(
    String name, Type type, Object defaultValue, String description, Integer min) {

  /** The value types a parameter may have, as the config file spells them. */
  public enum Type {
    INTEGER("integer", "a whole number"),
    BOOLEAN("boolean", "true or false"),
    STRING_LIST("list of strings", "a list of strings");

    private final String label;
    private final String article;

    Type(String label, String article) {
      this.label = label;
      this.article = article;
    }

    /** What a value of this type looks like, as a config error message says it. */
    public String article() {
      return article;
    }

    public String label() {
      return label;
    }

    public static Type parse(String s) {
      return switch (s) {
        case "integer" -> INTEGER;
        case "boolean" -> BOOLEAN;
        case "string-list" -> STRING_LIST;
        default -> throw new IllegalArgumentException("unknown parameter type \"" + s + "\"");
      };
    }
  }

  public ParameterInfo {
    if (defaultValue instanceof List<?> l) {
      defaultValue = List.copyOf(l);
    }
  }

  /** The default as the config file would write it. */
  public String defaultLabel() {
    if (defaultValue instanceof List<?> l) {
      return l.isEmpty()
          ? "[]"
          : "[" + String.join(", ", l.stream().map(Object::toString).toList()) + "]";
    }
    return String.valueOf(defaultValue);
  }
}
