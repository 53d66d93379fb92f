package io.trailaudit.checks;

import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Snapshot;
import java.util.List;

/**
 * One CloudTrail practice. Implementations are pure functions of the snapshot and configuration,
 * registered in {@code META-INF/services/io.trailaudit.checks.Check}; their metadata lives in
 * {@code controls.json}.
 */
public interface Check {
  /** The check id as in CHECKS.md; its metadata is {@code ControlCatalog.get().check(id())}. */
  String id();

  /** One finding per resource and requirement. */
  List<Finding> evaluate(Snapshot snapshot, AuditConfig config);

  default CheckInfo info() {
    return ControlCatalog.get().check(id());
  }
}
