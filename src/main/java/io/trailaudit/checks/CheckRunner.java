package io.trailaudit.checks;

import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the checks on the class path, catalogues their metadata and runs a selection of them over a
 * snapshot.
 */
public final class CheckRunner {
  private final List<Check> checks;
  private final ControlCatalog catalog;

  /**
   * @throws CatalogException when a check's metadata is invalid or names another id
   */
  public CheckRunner(List<Check> checks) {
    List<Check> sorted = new ArrayList<>(checks);
    // Each check.json is read and validated on its own; side by side on a multi-core start-up.
    List<CheckInfo> read = sorted.parallelStream().map(Check::info).toList();
    List<CheckInfo> infos = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Check c = sorted.get(i);
      CheckInfo info = read.get(i);
      if (!info.id().equals(c.id())) {
        throw new CatalogException(
            c.getClass().getName() + ": id " + c.id() + " but its metadata says " + info.id());
      }
      CheckMetadata.sameRequirements(info, c.requirementIds());
      infos.add(info);
    }
    this.catalog = ControlCatalog.of(infos);
    sorted.sort(Comparator.comparingInt((Check c) -> c.info().number()).thenComparing(Check::id));
    this.checks = List.copyOf(sorted);
  }

  /**
   * The checks registered through {@link ServiceLoader} with the thread's context class loader (the
   * class path, external check jars included), in practice order.
   */
  public static CheckRunner discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /** The checks registered through {@link ServiceLoader} with {@code loader} (null: this one's). */
  public static CheckRunner discover(ClassLoader loader) {
    List<Check> found = new ArrayList<>();
    for (Check c :
        ServiceLoader.load(
            Check.class, loader == null ? CheckRunner.class.getClassLoader() : loader)) {
      found.add(c);
    }
    return new CheckRunner(found);
  }

  public List<Check> checks() {
    return checks;
  }

  public List<String> ids() {
    return checks.stream().map(Check::id).toList();
  }

  /** The metadata of these checks and of the engine's rules. */
  public ControlCatalog catalog() {
    return catalog;
  }

  /**
   * The ids of the checks a run runs, in practice order: those in {@code requested} (all when
   * empty) that {@code skipped} does not name. The one place that decides it.
   *
   * @throws IllegalArgumentException naming a requested id that is no loaded check
   */
  public List<String> selection(List<String> requested, Collection<String> skipped) {
    for (String id : requested) {
      if (!ids().contains(id)) {
        throw new IllegalArgumentException(
            "unknown check \"" + id + "\" (known: " + String.join(", ", ids()) + ")");
      }
    }
    return ids().stream()
        .filter(id -> (requested.isEmpty() || requested.contains(id)) && !skipped.contains(id))
        .toList();
  }

  /**
   * Runs the checks of {@link #selection} for {@code selected} and the configuration's {@code
   * skipChecks}. A check that throws is a bug; its requirements are reported as ERROR so that the
   * audit never reads as complete. The engine's {@code audit/scope} rule always runs after them
   * (see {@link AuditScope}): an audit of no account, of fewer accounts than the organization lists
   * without a recorded reason, or with no finding at all, is ERROR, never a silent pass.
   */
  public List<Finding> run(Snapshot snapshot, AuditConfig config, List<String> selected) {
    List<String> run = selection(selected, config.skipChecks());
    // Every loaded check's declarations, so that a parameter one check declares and another uses
    // has its default.
    AuditConfig bound =
        new AuditConfig(
            config.breakGlassPrincipals(),
            config.skipChecks(),
            config.suppressions(),
            config.parameters().declaring(catalog.parameters().values()));
    // Checks are pure functions of the snapshot (Check), so they run side by side; their findings
    // are reported in practice order all the same.
    List<List<Finding>> each =
        checks.stream().filter(c -> run.contains(c.id())).toList().parallelStream()
            .map(c -> evaluate(c, snapshot, bound))
            .toList();
    List<Finding> findings = new ArrayList<>();
    each.forEach(findings::addAll);
    findings.addAll(AuditScope.findings(snapshot, findings.size()));
    return findings;
  }

  private static List<Finding> evaluate(Check c, Snapshot snapshot, AuditConfig config) {
    try {
      return c.evaluate(snapshot, config);
    } catch (RuntimeException e) {
      FindingFactory f = new FindingFactory(c.info());
      List<Finding> errors = new ArrayList<>();
      for (RequirementInfo r : c.info().requirements()) {
        errors.add(
            f.error(
                r.id(),
                new Resource("-", Resource.GLOBAL, "-"),
                "internal error in check " + c.id() + ": " + e + " (please report it)"));
      }
      return errors;
    }
  }
}
