package io.trailaudit.selectors;

import java.util.Objects;

/**
 * How much of a set of events a trail's selectors log.
 *
 * @param explanation what logs it, or what narrows it (for finding messages)
 */
public record Coverage(Level level, String explanation) {
  /** FULL: every event of the set is logged; PARTIAL: some are; NONE: none is. */
  public enum Level {
    FULL,
    PARTIAL,
    NONE
  }

  public Coverage {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean full() {
    return level == Level.FULL;
  }
}
