package io.trailaudit.selectors;

import java.util.Objects;

/**
 * How much of one event source's network activity (VPC endpoint) events a trail logs.
 *
 * @param explanation what logs it, or what narrows it (for finding messages)
 */
public record NetworkCoverage(Level level, String explanation) {
  /**
   * FULL: all network activity events of the source; ERRORS_ONLY: every event denied by a VPC
   * endpoint policy ({@code errorCode = VpceAccessDenied}) but not all activity, a cheaper and
   * weaker setting; PARTIAL: some events, not even all denials; NONE: none.
   */
  public enum Level {
    FULL,
    ERRORS_ONLY,
    PARTIAL,
    NONE
  }

  public NetworkCoverage {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(explanation, "explanation");
  }
}
