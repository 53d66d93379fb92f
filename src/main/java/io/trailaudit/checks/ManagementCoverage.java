package io.trailaudit.checks;

import io.trailaudit.model.EventSelectors;
import io.trailaudit.selectors.Coverage;
import io.trailaudit.selectors.SelectorEvaluator;
import java.util.List;

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

  /** Coverage by the one selector evaluator: read and write each in full, or some. */
  public static ManagementCoverage of(EventSelectors selectors, String partition) {
    SelectorEvaluator evaluator = SelectorEvaluator.of(selectors, partition);
    Coverage read = evaluator.management(true, false);
    Coverage write = evaluator.management(false, true);
    Coverage both = evaluator.management(true, true);
    List<String> gaps = both.full() ? List.of() : List.of(both.explanation());
    return new ManagementCoverage(
        read.full(), write.full(), both.level() != Coverage.Level.NONE, gaps);
  }
}
