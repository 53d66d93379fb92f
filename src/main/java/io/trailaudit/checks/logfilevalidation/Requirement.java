package io.trailaudit.checks.logfilevalidation;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of log-file-validation, as its check.json names them. */
enum Requirement implements RequirementId {
  ENABLED,
  DIGESTS_DELIVERED,
  DIGESTS_VERIFIED;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
