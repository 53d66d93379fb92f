package io.trailaudit.integrity;

/** How many digest or log files were found valid, invalid, deleted or unreadable. */
public record FileCounts(int valid, int invalid, int notFound, int unreadable) {
  public static final FileCounts ZERO = new FileCounts(0, 0, 0, 0);

  public int total() {
    return valid + invalid + notFound + unreadable;
  }

  /** Invalid as the AWS CLI counts it: modified and deleted files. */
  public int invalidOrMissing() {
    return invalid + notFound;
  }

  FileCounts plus(ItemResult.Verdict v) {
    return switch (v) {
      case VALID -> new FileCounts(valid + 1, invalid, notFound, unreadable);
      case INVALID -> new FileCounts(valid, invalid + 1, notFound, unreadable);
      case NOT_FOUND -> new FileCounts(valid, invalid, notFound + 1, unreadable);
      case UNREADABLE -> new FileCounts(valid, invalid, notFound, unreadable + 1);
    };
  }
}
