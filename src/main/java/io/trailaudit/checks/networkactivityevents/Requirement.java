package io.trailaudit.checks.networkactivityevents;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of network-activity-events, as its check.json names them. */
enum Requirement implements RequirementId {
  VPC_ENDPOINTS;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
