package io.trailaudit.collect;

/** Told how collection goes; called from the collecting threads. */
@FunctionalInterface
public interface Progress {
  Progress NONE = counts -> {};

  void update(Counts counts);

  /**
   * Where collection is.
   *
   * @param regionsTotal the (account, region) pairs known so far: it grows while accounts' enabled
   *     regions are read
   * @param calls API calls made so far
   * @param errors calls that failed after retries
   */
  record Counts(
      int accountsDone,
      int accountsTotal,
      int regionsDone,
      int regionsTotal,
      long calls,
      long errors) {}
}
