package io.trailaudit.checks;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.selectors.SelectorEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trails of one account that can satisfy a selector question: known to be logging with known
 * selectors, and the ones that might (status or selectors unreadable, or regions whose trails could
 * not be listed), with why.
 */
public record TrailCandidates(List<TrailView> usable, List<String> uncertain) {

  public static TrailCandidates of(
      AccountSnapshot account, List<TrailView> trails, boolean multiRegionOnly) {
    List<TrailView> usable = new ArrayList<>();
    // A region whose trails could not be listed may hide a trail that would answer.
    List<String> uncertain = new ArrayList<>(TrailListing.gaps(account, multiRegionOnly));
    for (TrailView t : trails) {
      if ((multiRegionOnly && !t.trail().isMultiRegionTrail()) || t.isKnownStopped()) {
        continue;
      }
      if (!t.status().isKnown()) {
        uncertain.add(Messages.trailReadFailed(t, t.status(), "status"));
      } else if (!t.selectorsRead()) {
        uncertain.add(selectorsUnknown(t));
      } else {
        usable.add(t);
      }
    }
    return new TrailCandidates(usable, uncertain);
  }

  /**
   * Why a trail's event selectors cannot be used: the failed read, or a known null (a snapshot
   * holding {@code null}), which {@link Messages#trailReadFailed} cannot describe.
   */
  public static String selectorsUnknown(TrailView t) {
    return t.selectors().isKnown()
        ? "event selectors of trail " + t.label() + " are missing (null) in the snapshot"
        : Messages.trailReadFailed(t, t.selectors(), "event selectors");
  }

  public static SelectorEvaluator evaluator(TrailView t) {
    return SelectorEvaluator.of(t.selectors().value(), Arns.partition(t.arn()));
  }

  /** Remediation names for the first usable trail, or placeholders when there is none. */
  public Map<String, String> remediationArgs() {
    if (!usable.isEmpty()) {
      return usable.get(0).remediationArgs();
    }
    return Map.of(
        "trailArn", "<multi-region-trail>",
        "trailName", "<trail>",
        "trailRegion", "<trail-home-region>",
        "trailAccount", "<account>",
        "bucket", "<log-bucket>");
  }
}
