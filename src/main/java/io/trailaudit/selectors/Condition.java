package io.trailaudit.selectors;

import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field condition, normalized so that every operator list is non-null.
 *
 * <p>Matching follows "How CloudTrail evaluates multiple conditions for a field" (CloudTrail User
 * Guide, filtering-data-events): SELECT operators (Equals, StartsWith, EndsWith) are OR'd, also
 * across operators; DESELECT operators (NotEquals, NotStartsWith, NotEndsWith) are AND'd, so any
 * one met drops the event; the two groups are AND'd.
 */
record Condition(
    String field,
    List<String> equalsValues,
    List<String> startsWith,
    List<String> endsWith,
    List<String> notEquals,
    List<String> notStartsWith,
    List<String> notEndsWith) {

  Condition {
    field = field == null ? "" : field;
    equalsValues = clean(equalsValues);
    startsWith = clean(startsWith);
    endsWith = clean(endsWith);
    notEquals = clean(notEquals);
    notStartsWith = clean(notStartsWith);
    notEndsWith = clean(notEndsWith);
  }

  static Condition of(FieldSelector f) {
    return new Condition(
        f.field(),
        f.equalsValues(),
        f.startsWith(),
        f.endsWith(),
        f.notEquals(),
        f.notStartsWith(),
        f.notEndsWith());
  }

  static Condition equalTo(String field, List<String> values) {
    return new Condition(field, values, null, null, null, null, null);
  }

  static Condition startingWith(String field, List<String> values) {
    return new Condition(field, null, values, null, null, null, null);
  }

  static Condition selecting(String field, List<String> equalTo, List<String> startingWith) {
    return new Condition(field, equalTo, startingWith, null, null, null, null);
  }

  static Condition notEqualTo(String field, List<String> values) {
    return new Condition(field, null, null, null, values, null, null);
  }

  boolean hasSelect() {
    return !equalsValues.isEmpty() || !startsWith.isEmpty() || !endsWith.isEmpty();
  }

  boolean accepts(String value) {
    boolean selected =
        !hasSelect()
            || equalsValues.contains(value)
            || startsWith.stream().anyMatch(value::startsWith)
            || endsWith.stream().anyMatch(value::endsWith);
    return selected && !deselects(value);
  }

  private boolean deselects(String value) {
    return notEquals.contains(value)
        || notStartsWith.stream().anyMatch(value::startsWith)
        || notEndsWith.stream().anyMatch(value::endsWith);
  }

  FieldVerdict against(Constraint allowed) {
    if (allowed instanceof Constraint.Exact exact) {
      return accepts(exact.value())
          ? new FieldVerdict.Contains()
          : new FieldVerdict.Disjoint(describe());
    }
    return against((Constraint.Prefix) allowed);
  }

  private FieldVerdict against(Constraint.Prefix allowed) {
    String p = allowed.prefix();
    if (hasSelect() && !selectsSomeWithin(p)) {
      return new FieldVerdict.Disjoint(describe());
    }
    if (notStartsWith.stream().anyMatch(p::startsWith)) {
      return new FieldVerdict.Disjoint(describe());
    }
    // Only a StartsWith value that is a prefix of p selects all of p; Equals and EndsWith never
    // select every value of an open-ended set.
    boolean narrows =
        hasSelect() && (allowed.mayBeAbsent() || startsWith.stream().noneMatch(p::startsWith));
    narrows |= !notEndsWith.isEmpty();
    List<Constraint> holes = new ArrayList<>();
    for (String n : notStartsWith) {
      if (n.startsWith(p)) {
        holes.add(Constraint.startingWith(n));
      }
    }
    for (String n : notEquals) {
      if (n.startsWith(p)) {
        holes.add(new Constraint.Exact(n));
      }
    }
    if (!holes.isEmpty() && allowed.mayBeAbsent()) {
      narrows = true;
    }
    if (narrows) {
      return new FieldVerdict.Narrows(describe());
    }
    return holes.isEmpty()
        ? new FieldVerdict.Contains()
        : new FieldVerdict.Except(holes, describe());
  }

  /** Whether some value starting with {@code p} passes both operator groups. */
  private boolean selectsSomeWithin(String p) {
    for (String e : equalsValues) {
      if (e.startsWith(p) && accepts(e)) {
        return true;
      }
    }
    for (String s : startsWith) {
      if (s.startsWith(p) || p.startsWith(s)) {
        String longer = s.length() >= p.length() ? s : p;
        if (notStartsWith.stream().noneMatch(longer::startsWith)) {
          return true;
        }
      }
    }
    for (String x : endsWith) {
      if (notEndsWith.stream().noneMatch(x::endsWith)) {
        return true;
      }
    }
    return false;
  }

  /** A phrase for messages, e.g. "logs only readOnly=false". */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!Fields.KNOWN.contains(field)) {
      parts.add("filters on unrecognized field '" + field + "'");
    }
    String select = describeSelect();
    if (!select.isEmpty()) {
      parts.add(select);
    }
    if (!notEquals.isEmpty()) {
      parts.add("excludes " + field + " " + String.join(", ", notEquals));
    }
    if (!notStartsWith.isEmpty()) {
      parts.add("excludes " + field + " starting with " + String.join(", ", notStartsWith));
    }
    if (!notEndsWith.isEmpty()) {
      parts.add("excludes " + field + " ending with " + String.join(", ", notEndsWith));
    }
    return String.join(" and ", parts);
  }

  private String describeSelect() {
    List<String> kinds = new ArrayList<>();
    if (!equalsValues.isEmpty()) {
      kinds.add("equal to " + String.join(", ", equalsValues));
    }
    if (!startsWith.isEmpty()) {
      kinds.add("starting with " + String.join(", ", startsWith));
    }
    if (!endsWith.isEmpty()) {
      kinds.add("ending with " + String.join(", ", endsWith));
    }
    if (kinds.size() != 1 || !startsWith.isEmpty() || !endsWith.isEmpty()) {
      return kinds.isEmpty() ? "" : "logs only " + field + " " + String.join(" or ", kinds);
    }
    return equalsValues.size() == 1
        ? "logs only " + field + "=" + equalsValues.get(0)
        : "limits " + field + " to " + String.join(", ", equalsValues);
  }

  private static List<String> clean(List<String> values) {
    return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
  }
}
