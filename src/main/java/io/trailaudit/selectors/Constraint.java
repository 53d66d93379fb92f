package io.trailaudit.selectors;

/** The values an event set allows for one field of the event record. */
sealed interface Constraint {

  /** Exactly this value. */
  record Exact(String value) implements Constraint {}

  /**
   * Every value starting with {@code prefix}; the empty prefix means any value.
   *
   * @param mayBeAbsent some events of the set lack the field; how the DESELECT operators treat a
   *     missing field is not documented, so no condition on such a field is counted as covering
   */
  record Prefix(String prefix, boolean mayBeAbsent) implements Constraint {}

  static Constraint any(boolean mayBeAbsent) {
    return new Prefix("", mayBeAbsent);
  }

  static Constraint startingWith(String prefix) {
    return new Prefix(prefix, false);
  }
}
