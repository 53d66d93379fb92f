package io.trailaudit.selectors;

import java.util.List;

/** What one condition does to the values an event set allows for its field. */
sealed interface FieldVerdict {

  /** Accepts every allowed value. */
  record Contains() implements FieldVerdict {}

  /** Accepts every allowed value except those in {@code holes}, each narrower than the set's. */
  record Except(List<Constraint> holes, String reason) implements FieldVerdict {
    public Except {
      holes = List.copyOf(holes);
    }
  }

  /** May accept some allowed values, not provably all. */
  record Narrows(String reason) implements FieldVerdict {}

  /** Accepts none of the allowed values. */
  record Disjoint(String reason) implements FieldVerdict {}
}
