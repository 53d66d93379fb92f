package io.trailaudit.checks;

import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.EventSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether one trail's selectors log all read and all write management events. Selectors of one
 * trail add up (a read-only and a write-only selector together log both); selectors of different
 * trails do not, so this is computed per trail.
 *
 * @param read every read-only management event is logged
 * @param write every write management event is logged
 * @param some some management events are logged (perhaps narrowed)
 * @param gaps why coverage is not complete, for messages
 */
public record ManagementCoverage(boolean read, boolean write, boolean some, List<String> gaps) {
  static final ManagementCoverage NONE =
      new ManagementCoverage(false, false, false, List.of("selectors unknown"));

  public ManagementCoverage {
    gaps = List.copyOf(gaps);
  }

  public boolean full() {
    return read && write;
  }

  public static ManagementCoverage of(EventSelectors selectors) {
    boolean read = false;
    boolean write = false;
    boolean some = false;
    List<String> gaps = new ArrayList<>();
    for (int i = 0; i < selectors.classic().size(); i++) {
      EventSelector s = selectors.classic().get(i);
      if (!s.includeManagementEvents()) {
        continue;
      }
      some = true;
      if (!s.excludeManagementEventSources().isEmpty()) {
        gaps.add(
            "event selector "
                + (i + 1)
                + " excludes management events from "
                + String.join(", ", s.excludeManagementEventSources()));
        continue;
      }
      String rw = s.readWriteType() == null ? "All" : s.readWriteType();
      read |= rw.equals("All") || rw.equals("ReadOnly");
      write |= rw.equals("All") || rw.equals("WriteOnly");
    }
    for (AdvancedEventSelector s : selectors.advanced()) {
      Selected sel = advanced(s, gaps);
      some |= sel.some;
      read |= sel.read;
      write |= sel.write;
    }
    if (!some) {
      gaps.add("no selector includes management events");
    } else if (!read) {
      gaps.add("read management events are not logged");
    } else if (!write) {
      gaps.add("write management events are not logged");
    }
    return new ManagementCoverage(read, write, some, gaps);
  }

  private record Selected(boolean read, boolean write, boolean some) {}

  private static Selected advanced(AdvancedEventSelector s, List<String> gaps) {
    String name = s.name() == null || s.name().isBlank() ? "(unnamed)" : "'" + s.name() + "'";
    boolean management = false;
    boolean read = true;
    boolean write = true;
    boolean narrowed = false;
    for (FieldSelector f : s.fieldSelectors()) {
      String field = f.field() == null ? "" : f.field();
      if (field.equals("eventCategory")) {
        management = isExactly(f, "Management");
        if (!management) {
          return new Selected(false, false, false);
        }
      } else if (field.equals("readOnly")) {
        if (isBothValues(f)) {
          continue;
        }
        Boolean only = readOnlyValue(f);
        if (only == null) {
          read = false;
          write = false;
        } else {
          read = only;
          write = !only;
        }
      } else {
        narrowed = true;
        gaps.add("advanced selector " + name + " narrows management events by " + field);
      }
    }
    if (!management) {
      return new Selected(false, false, false);
    }
    return narrowed ? new Selected(false, false, true) : new Selected(read, write, true);
  }

  /** The field has only {@code Equals [value]} (one value). */
  private static boolean isExactly(FieldSelector f, String value) {
    return f.equalsValues() != null
        && f.equalsValues().size() == 1
        && f.equalsValues().get(0).equals(value)
        && f.notEquals() == null
        && f.startsWith() == null
        && f.notStartsWith() == null
        && f.endsWith() == null
        && f.notEndsWith() == null;
  }

  private static boolean isBothValues(FieldSelector f) {
    return f.equalsValues() != null
        && f.equalsValues().containsAll(List.of("true", "false"))
        && f.notEquals() == null
        && f.startsWith() == null
        && f.notStartsWith() == null
        && f.endsWith() == null
        && f.notEndsWith() == null;
  }

  /** True for read-only only, false for write only, null when the selector is not understood. */
  private static Boolean readOnlyValue(FieldSelector f) {
    if (isExactly(f, "true")) {
      return true;
    }
    if (isExactly(f, "false")) {
      return false;
    }
    if (f.notEquals() != null && f.notEquals().size() == 1 && f.equalsValues() == null) {
      return !f.notEquals().get(0).toLowerCase(Locale.ROOT).equals("true");
    }
    return null;
  }
}
