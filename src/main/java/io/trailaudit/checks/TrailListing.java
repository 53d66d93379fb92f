package io.trailaudit.checks;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.RegionSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the trails visible from an account are all known: a region whose {@code DescribeTrails}
 * failed may hold a trail that was not seen, so "no trail does X" would be a false FAIL there.
 */
public final class TrailListing {
  private TrailListing() {}

  /**
   * Why the account's trail list may be incomplete; empty when it is complete.
   *
   * @param multiRegionOnly the question is about multi-region trails, which every region lists: one
   *     region read is enough to see them all
   */
  public static List<String> gaps(AccountSnapshot account, boolean multiRegionOnly) {
    List<String> gaps = new ArrayList<>();
    if (account.regions().isEmpty()) {
      gaps.add("no region of account " + account.accountId() + " was read");
      return gaps;
    }
    boolean anyRead = account.regions().stream().anyMatch(r -> r.trailArns().isKnown());
    if (multiRegionOnly && anyRead) {
      return gaps;
    }
    for (RegionSnapshot r : account.regions()) {
      if (!r.trailArns().isKnown()) {
        gaps.add(r.region() + ": " + r.trailArns().failure().reason());
      }
    }
    return gaps;
  }
}
