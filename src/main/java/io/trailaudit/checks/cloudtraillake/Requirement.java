package io.trailaudit.checks.cloudtraillake;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of cloudtrail-lake, as its check.json names them. */
enum Requirement implements RequirementId {
  CMK,
  RETENTION,
  ORGANIZATION_ENABLED,
  MULTI_REGION_ENABLED,
  TERMINATION_PROTECTION,
  ENABLED;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
