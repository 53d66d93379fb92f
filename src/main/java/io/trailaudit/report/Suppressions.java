package io.trailaudit.report;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.Status;
import io.trailaudit.config.Suppression;
import io.trailaudit.policy.Glob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Applies the configuration's suppressions to findings: a pure function of the findings, the
 * suppressions and the day. A FAIL that an active suppression matches becomes a new MUTED finding
 * carrying the reason; nothing else changes status. Expired suppressions and suppressions that
 * match no FAIL are reported as notices, never dropped silently.
 */
public final class Suppressions {
  private Suppressions() {}

  /** The findings after muting, and the notices about the suppressions themselves. */
  public record Result(List<Finding> findings, List<Notice> notices) {
    public Result {
      findings = List.copyOf(findings);
      notices = List.copyOf(notices);
    }
  }

  /** Applies {@code suppressions} on the current day of {@code clock} in UTC. */
  public static Result apply(List<Finding> findings, List<Suppression> suppressions, Clock clock) {
    return apply(findings, suppressions, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  /**
   * Applies {@code suppressions} on the current day of {@code clock} in UTC, for an audit that ran
   * the checks {@code ranChecks}: a suppression that matched nothing because none of its rules was
   * run gets its own notice, not the advice to remove it.
   */
  public static Result apply(
      List<Finding> findings,
      List<Suppression> suppressions,
      Clock clock,
      ControlCatalog catalog,
      Collection<String> ranChecks) {
    return apply(
        findings,
        suppressions,
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
        catalog,
        ranChecks);
  }

  /** Applies {@code suppressions} as of {@code today}; the expiry day itself still mutes. */
  public static Result apply(
      List<Finding> findings, List<Suppression> suppressions, LocalDate today) {
    return apply(findings, suppressions, today, null, null);
  }

  /**
   * Applies {@code suppressions} as of {@code today}; {@code ranChecks} are the checks that ran, or
   * null when unknown (every unused suppression is then "matched no FAIL finding"); {@code catalog}
   * holds their rules.
   */
  public static Result apply(
      List<Finding> findings,
      List<Suppression> suppressions,
      LocalDate today,
      ControlCatalog catalog,
      Collection<String> ranChecks) {
    List<Selector> selectors = suppressions.stream().map(Selector::of).toList();
    int[] matched = new int[suppressions.size()];
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Suppression muting = null;
      if (f.status() == Status.FAIL) {
        for (int i = 0; i < suppressions.size(); i++) {
          if (selectors.get(i).matches(f)) {
            matched[i]++;
            if (muting == null && suppressions.get(i).activeOn(today)) {
              muting = suppressions.get(i);
            }
          }
        }
      }
      out.add(muting == null ? f : muted(f, muting.reason()));
    }
    List<Notice> notices = new ArrayList<>();
    for (int i = 0; i < suppressions.size(); i++) {
      Suppression s = suppressions.get(i);
      String name = "suppressions[" + i + "] (rule " + s.rule() + ")";
      if (!s.activeOn(today)) {
        notices.add(
            new Notice(
                Notice.SUPPRESSION_EXPIRED,
                name
                    + " expired on "
                    + s.expires()
                    + " and no longer mutes: "
                    + matched[i]
                    + " FAIL finding(s) it would have muted are reported as FAIL."));
      } else if (matched[i] == 0
          && ranChecks != null
          && onlyNotRun(selectors.get(i), catalog, ranChecks)) {
        notices.add(
            new Notice(
                Notice.SUPPRESSION_NOT_RUN,
                name
                    + " matched nothing because no check it names was run (--checks or"
                    + " skipChecks): keep it; it applies when its check runs."));
      } else if (matched[i] == 0) {
        notices.add(
            new Notice(
                Notice.SUPPRESSION_UNUSED,
                name + " matched no FAIL finding: remove it, or correct its selector."));
      }
    }
    return new Result(out, notices);
  }

  /**
   * Whether the suppression's rule names catalogued rules, but none of a check that ran. A rule
   * that names no catalogued rule at all (a typo) is not "not run": it can never match.
   */
  private static boolean onlyNotRun(
      Selector selector, ControlCatalog catalog, Collection<String> ranChecks) {
    boolean named = false;
    for (CheckInfo check : catalog.checks()) {
      for (RequirementInfo r : check.requirements()) {
        if (selector.matchesRule(check.id() + "/" + r.id())) {
          if (ranChecks.contains(check.id())) {
            return false;
          }
          named = true;
        }
      }
    }
    return named;
  }

  private static Finding muted(Finding f, String reason) {
    return new Finding(
        f.ruleId(),
        f.checkId(),
        f.requirement(),
        Status.MUTED,
        f.severity(),
        f.account(),
        f.region(),
        f.resourceArn(),
        f.message(),
        f.remediation(),
        f.controls(),
        reason);
  }

  /** The compiled patterns of one suppression; an absent field matches everything. */
  private record Selector(Glob rule, Glob account, Glob region, Glob resource) {
    static Selector of(Suppression s) {
      return new Selector(glob(s.rule()), glob(s.account()), glob(s.region()), glob(s.resource()));
    }

    private static Glob glob(String pattern) {
      return pattern == null ? null : Glob.of(pattern);
    }

    boolean matchesRule(String ruleId) {
      return matches(rule, ruleId);
    }

    boolean matches(Finding f) {
      return matches(rule, f.ruleId())
          && matches(account, f.account())
          && matches(region, f.region())
          && matches(resource, f.resourceArn());
    }

    private static boolean matches(Glob glob, String value) {
      return glob == null || (value != null && glob.matches(value, false));
    }
  }
}
