package io.trailaudit.checks;

import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.Parameters;
import io.trailaudit.model.Snapshot;
import java.util.List;

/**
 * One CloudTrail practice: a folder {@code checks/<id>/} holding the code and its metadata file
 * {@code check.json}, registered in {@code META-INF/services/io.trailaudit.checks.Check}.
 * Implementations are pure functions of the snapshot and configuration, and are run side by side
 * with the other checks (on other threads), so they keep no mutable state of their own. A check
 * from another jar on the class path is found, catalogued and run like a built-in one
 * (docs/adding-a-check.md).
 */
public interface Check {
  /** The check id as in CHECKS.md, equal to the {@code id} of its metadata. */
  String id();

  /** One finding per resource and requirement. */
  List<Finding> evaluate(Snapshot snapshot, AuditConfig config);

  /**
   * The parameters of {@code config}, the defaults of those this check declares included even when
   * the configuration was built without the catalog. Read them by their declared names.
   */
  default Parameters parameters(AuditConfig config) {
    return config.parameters().declaring(info().parameters());
  }

  /**
   * The requirement ids the code names, compared with those of {@code check.json} when the catalog
   * is built: a requirement one names and the other lacks is a bug in the check. Empty for a check
   * that does not say (an external check naming its requirements as strings).
   */
  default List<String> requirementIds() {
    return List.of();
  }

  /** The metadata, read from the {@code check.json} beside the class and validated. */
  default CheckInfo info() {
    return CheckMetadata.cached(getClass());
  }
}
