package io.trailaudit.scenarios;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.scenarios.Scenario.Expected;
import io.trailaudit.scenarios.Scenario.Others;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Compares a check's findings with a scenario's expectations; the problems, empty when none. */
final class ScenarioVerifier {
  private ScenarioVerifier() {}

  static List<String> problems(
      String checkId, List<Expected> expect, Others others, List<Finding> actual) {
    List<String> problems = new ArrayList<>();
    List<Finding> unmatched = new ArrayList<>(actual);
    for (Expected x : expect) {
      List<Finding> candidates = actual.stream().filter(f -> identifies(x, f)).toList();
      if (candidates.size() != 1) {
        problems.add(candidates.size() + " findings for " + describe(x) + ", expected exactly one");
        unmatched.removeAll(candidates);
        continue;
      }
      Finding f = candidates.get(0);
      unmatched.remove(f);
      String who = describe(x);
      if (f.status() != x.status()) {
        problems.add(who + ": status " + f.status() + ", expected " + x.status());
      }
      if (x.severity() != null && !x.severity().equals(f.severity().name())) {
        problems.add(who + ": severity " + f.severity() + ", expected " + x.severity());
      }
      if (x.message() != null && !x.message().equals(f.message())) {
        problems.add(who + ": message \"" + f.message() + "\", expected \"" + x.message() + "\"");
      }
      if (x.starts() != null && !f.message().startsWith(x.starts())) {
        problems.add(
            who + ": message \"" + f.message() + "\" does not start \"" + x.starts() + "\"");
      }
      if (x.ends() != null && !f.message().endsWith(x.ends())) {
        problems.add(who + ": message \"" + f.message() + "\" does not end \"" + x.ends() + "\"");
      }
      for (String s : x.never()) {
        if (f.message().contains(s)) {
          problems.add(who + ": message \"" + f.message() + "\" says \"" + s + "\"");
        }
      }
      if (x.remediationIs() != null && !x.remediationIs().equals(f.remediation())) {
        problems.add(
            who
                + ": remediation \""
                + f.remediation()
                + "\", expected \""
                + x.remediationIs()
                + "\"");
      }
      for (String s : x.says()) {
        if (!f.message().contains(s)) {
          problems.add(who + ": message \"" + f.message() + "\" does not say \"" + s + "\"");
        }
      }
      for (String s : x.remediation()) {
        if (f.remediation() == null || !f.remediation().contains(s)) {
          problems.add(who + ": remediation does not contain \"" + s + "\"");
        }
      }
      String fix = f.remediation() == null ? "" : f.remediation();
      if (x.remediationStarts() != null && !fix.startsWith(x.remediationStarts())) {
        problems.add(who + ": remediation does not start \"" + x.remediationStarts() + "\"");
      }
      if (x.remediationEnds() != null && !fix.endsWith(x.remediationEnds())) {
        problems.add(who + ": remediation does not end \"" + x.remediationEnds() + "\"");
      }
      for (String s : x.remediationNever()) {
        if (fix.contains(s)) {
          problems.add(who + ": remediation contains \"" + s + "\"");
        }
      }
    }
    for (Finding f : unmatched) {
      boolean allowed =
          switch (others) {
            case NONE -> false;
            case PASS -> f.status() == Status.PASS;
            case ANY -> true;
          };
      if (!allowed) {
        problems.add("unexpected finding (others: " + others + "): " + line(f));
      }
    }
    for (Finding f : actual) {
      if (!f.checkId().equals(checkId)) {
        problems.add("finding of another check: " + line(f));
      }
      // FindingFactory's contract, which every report format relies on.
      if ((f.status() == Status.FAIL) != (f.remediation() != null)) {
        problems.add("a remediation exactly when FAIL: " + line(f));
      }
    }
    return problems;
  }

  private static boolean identifies(Expected x, Finding f) {
    return f.ruleId().equals(x.rule())
        && (x.resource() == null || Objects.equals(x.resource(), f.resourceArn()))
        && (x.account() == null || Objects.equals(x.account(), f.account()))
        && (x.region() == null || Objects.equals(x.region(), f.region()));
  }

  static String describe(Expected x) {
    StringBuilder sb = new StringBuilder(x.rule());
    if (x.resource() != null) {
      sb.append(" on ").append(x.resource());
    }
    if (x.account() != null) {
      sb.append(" in account ").append(x.account());
    }
    if (x.region() != null) {
      sb.append(" in ").append(x.region());
    }
    return sb.toString();
  }

  static String line(Finding f) {
    return f.ruleId()
        + " "
        + f.status()
        + " "
        + f.resourceArn()
        + " ("
        + f.account()
        + ", "
        + f.region()
        + "): "
        + f.message();
  }
}
