package io.trailaudit.filterpattern;

/**
 * A filter pattern that cannot be parsed, or one that is not a JSON pattern. The message names the
 * problem and the 0-based character offset where it was found, for example {@code expected ")" at
 * position 42}.
 */
public final class FilterPatternException extends IllegalArgumentException {
  private final int position;
  private final String reason;

  public FilterPatternException(String reason, int position) {
    super(reason + " at position " + position);
    this.reason = reason;
    this.position = position;
  }

  /** The 0-based character offset in the pattern text where the problem was found. */
  public int position() {
    return position;
  }

  /** The problem without its position. */
  public String reason() {
    return reason;
  }
}
