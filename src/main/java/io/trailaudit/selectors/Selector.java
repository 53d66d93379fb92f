package io.trailaudit.selectors;

import io.trailaudit.model.AdvancedEventSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One selector in advanced form (classic selectors are translated to it): the conjunction of its
 * conditions.
 *
 * @param label how messages name it, e.g. "selector 'S3 writes'" or "event selector 1"
 */
record Selector(String label, List<Condition> conditions) {
  /** Fields that only say which kind of events a selector is about. */
  private static final Set<String> SCOPE_FIELDS =
      Set.of(Fields.EVENT_CATEGORY, Fields.RESOURCES_TYPE);

  Selector {
    // Scope fields first, so a selector about other events is reported as such.
    conditions =
        conditions.stream().sorted(Comparator.comparingInt(c -> scopeRank(c.field()))).toList();
  }

  static Selector of(AdvancedEventSelector s, int index) {
    String label =
        s.name() == null || s.name().isBlank()
            ? "advanced selector " + (index + 1)
            : "selector '" + s.name() + "'";
    return new Selector(label, s.fieldSelectors().stream().map(Condition::of).toList());
  }

  Verdict against(EventSet set) {
    List<EventSet> holes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    boolean narrows = false;
    for (Condition c : conditions) {
      FieldVerdict v = c.against(set.constraint(c.field()));
      if (v instanceof FieldVerdict.Disjoint d) {
        return new Verdict.Disjoint(label + " " + d.reason(), !SCOPE_FIELDS.contains(c.field()));
      } else if (v instanceof FieldVerdict.Narrows n) {
        narrows = true;
        reasons.add(label + " " + n.reason());
      } else if (v instanceof FieldVerdict.Except e) {
        e.holes().forEach(h -> holes.add(set.with(c.field(), h)));
        reasons.add(label + " " + e.reason());
      }
    }
    List<String> invalid = invalidFor(set);
    if (!invalid.isEmpty()) {
      narrows = true;
      reasons.addAll(invalid);
    }
    if (narrows) {
      return new Verdict.Overlaps(reasons);
    }
    return holes.isEmpty() ? new Verdict.Contains() : new Verdict.Except(holes, reasons);
  }

  /**
   * CloudTrail requires eventCategory, and resources.type for data events. A selector without them
   * cannot be relied on, however broad it looks.
   */
  private List<String> invalidFor(EventSet set) {
    List<String> problems = new ArrayList<>();
    if (!has(Fields.EVENT_CATEGORY)) {
      problems.add(
          label
              + " has no eventCategory field selector, which CloudTrail requires;"
              + " not counted as full coverage");
    }
    if (set.isCategory(Fields.DATA) && !has(Fields.RESOURCES_TYPE)) {
      problems.add(
          label
              + " has no resources.type field selector, which CloudTrail requires for data"
              + " events; not counted as full coverage");
    }
    return problems;
  }

  boolean has(String field) {
    return conditions.stream().anyMatch(c -> c.field().equals(field));
  }

  private static int scopeRank(String field) {
    if (field.equals(Fields.EVENT_CATEGORY)) {
      return 0;
    }
    return field.equals(Fields.RESOURCES_TYPE) ? 1 : 2;
  }
}
