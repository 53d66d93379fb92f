package io.trailaudit.checks;

import java.util.Locale;

/** Finding severity, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** Whether this is at least as severe as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name in any case; throws IllegalArgumentException naming the accepted values. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity \"" + text + "\" (expected critical, high, medium, low or info)");
  }
}
