package io.trailaudit.report;

import java.util.Objects;

/**
 * Something about the run itself that a reader must see besides the findings, such as an expired
 * suppression that no longer mutes, or a suppression that matched nothing.
 *
 * @param kind a stable kebab-case id, e.g. {@code suppression-expired}, {@code suppression-unused},
 *     {@code suppression-check-not-run}
 * @param message one sentence for a person
 */
public record Notice(String kind, String message) {
  public static final String SUPPRESSION_EXPIRED = "suppression-expired";
  public static final String SUPPRESSION_UNUSED = "suppression-unused";

  /** A suppression that matched nothing because none of the checks it names was run. */
  public static final String SUPPRESSION_NOT_RUN = "suppression-check-not-run";

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
