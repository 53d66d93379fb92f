package io.trailaudit.checks;

import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the checks on the class path and runs a selection of them over a snapshot. */
public final class CheckRunner {
  private final List<Check> checks;

  public CheckRunner(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The checks registered through {@link ServiceLoader}, in practice order. */
  public static CheckRunner discover() {
    ControlCatalog catalog = ControlCatalog.get();
    List<Check> found = new ArrayList<>();
    for (Check c : ServiceLoader.load(Check.class, CheckRunner.class.getClassLoader())) {
      if (catalog.find(c.id()).isEmpty()) {
        throw new IllegalStateException("check " + c.id() + " has no metadata in controls.json");
      }
      found.add(c);
    }
    found.sort(Comparator.comparingInt((Check c) -> c.info().number()).thenComparing(Check::id));
    return new CheckRunner(found);
  }

  public List<Check> checks() {
    return checks;
  }

  public List<String> ids() {
    return checks.stream().map(Check::id).toList();
  }

  /**
   * Runs the checks whose ids are in {@code selected} (all when empty) and not skipped by the
   * configuration. A check that throws is a bug; its requirements are reported as ERROR so that the
   * audit never reads as complete. The engine's {@code audit/scope} rule always runs after them
   * (see {@link AuditScope}): an audit of no account, of fewer accounts than the organization lists
   * without a recorded reason, or with no finding at all, is ERROR, never a silent pass.
   */
  public List<Finding> run(Snapshot snapshot, AuditConfig config, List<String> selected) {
    List<Finding> findings = new ArrayList<>();
    for (Check c : checks) {
      if ((!selected.isEmpty() && !selected.contains(c.id()))
          || config.skipChecks().contains(c.id())) {
        continue;
      }
      try {
        findings.addAll(c.evaluate(snapshot, config));
      } catch (RuntimeException e) {
        FindingFactory f = new FindingFactory(c.info());
        for (RequirementInfo r : c.info().requirements()) {
          findings.add(
              f.error(
                  r.id(),
                  new Resource("-", Resource.GLOBAL, "-"),
                  "internal error in check " + c.id() + ": " + e + " (please report it)"));
        }
      }
    }
    findings.addAll(AuditScope.findings(snapshot, findings.size()));
    return findings;
  }
}
