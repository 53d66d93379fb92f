package io.trailaudit.selectors;

import io.trailaudit.selectors.Coverage.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the union of a trail's selectors logs every event of a set. A selector that logs the set
 * except some holes (NotEquals, NotStartsWith) still counts when other selectors log every hole;
 * everything else must be logged by one selector alone.
 */
final class CoverageSolver {
  /** Holes of holes are rare; the bound only keeps pathological selectors cheap. */
  private static final int MAX_DEPTH = 4;

  private final List<Selector> selectors;

  CoverageSolver(List<Selector> selectors) {
    this.selectors = List.copyOf(selectors);
  }

  /**
   * @param by the selectors that log the set, when FULL
   * @param reasons what narrows or excludes, when not FULL
   */
  record Outcome(Level level, Set<String> by, Set<String> reasons) {
    // By hand: a record's generated equals and hashCode are linked through invokedynamic on first
    // use, a few ms of start-up CPU for this map key of every coverage answer.
    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome other
          && level == other.level
          && by.equals(other.by)
          && reasons.equals(other.reasons);
    }

    @Override
    public int hashCode() {
      return (31 * level.hashCode() + by.hashCode()) * 31 + reasons.hashCode();
    }
  }

  Outcome solve(EventSet set) {
    return solve(set, 0);
  }

  private Outcome solve(EventSet set, int depth) {
    boolean overlaps = false;
    Set<String> reasons = new LinkedHashSet<>();
    for (Selector s : selectors) {
      Verdict v = s.against(set);
      if (v instanceof Verdict.Contains) {
        return new Outcome(Level.FULL, Set.of(s.label()), Set.of());
      } else if (v instanceof Verdict.Except e) {
        Set<String> by = depth < MAX_DEPTH ? holesLoggedBy(e.holes(), depth) : null;
        if (by != null) {
          Set<String> all = new LinkedHashSet<>();
          all.add(s.label());
          all.addAll(by);
          return new Outcome(Level.FULL, all, Set.of());
        }
        overlaps = true;
        reasons.addAll(e.reasons());
      } else if (v instanceof Verdict.Overlaps o) {
        overlaps = true;
        reasons.addAll(o.reasons());
      } else if (v instanceof Verdict.Disjoint d && d.informative()) {
        reasons.add(d.reason());
      }
    }
    return new Outcome(overlaps ? Level.PARTIAL : Level.NONE, Set.of(), reasons);
  }

  /** The selectors logging every hole, or null when some hole is not fully logged. */
  private Set<String> holesLoggedBy(List<EventSet> holes, int depth) {
    Set<String> by = new LinkedHashSet<>();
    for (EventSet hole : holes) {
      Outcome o = solve(hole, depth + 1);
      if (o.level() != Level.FULL) {
        return null;
      }
      by.addAll(o.by());
    }
    return by;
  }
}
