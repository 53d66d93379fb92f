package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of tamper-evidence, as its check.json names them. */
enum Requirement implements RequirementId {
  TRAIL_CHANGES,
  BUCKET_CHANGES,
  KEY_CHANGES,
  SCP_CHANGES,
  ALERTING_CHANGES,
  DELIVERY_GAPS;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
