package io.trailaudit.selectors;

import java.util.List;

/** What one selector logs of an event set. */
sealed interface Verdict {

  /** Every event of the set. */
  record Contains() implements Verdict {}

  /** Every event of the set except those in {@code holes}, which other selectors may log. */
  record Except(List<EventSet> holes, List<String> reasons) implements Verdict {
    public Except {
      holes = List.copyOf(holes);
      reasons = List.copyOf(reasons);
    }
  }

  /** Possibly some events of the set, not provably all. */
  record Overlaps(List<String> reasons) implements Verdict {
    public Overlaps {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * No event of the set.
   *
   * @param informative false when the selector is simply about other events (another category or
   *     resource type), which is not worth a message
   */
  record Disjoint(String reason, boolean informative) implements Verdict {}
}
