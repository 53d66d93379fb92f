package io.trailaudit.checks;

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
    INTEGER("integer"),
    BOOLEAN("boolean"),
    STRING_LIST("list of strings");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Type parse(String s) {
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
