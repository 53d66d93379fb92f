package io.trailaudit.checks.organizationtrail;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of organization-trail, as its check.json names them. */
enum Requirement implements RequirementId {
  TRAIL_ENABLED,
  MULTI_REGION_MANAGEMENT_EVENTS,
  ALL_REGIONS,
  ORGANIZATION_TRAIL,
  GLOBAL_SERVICE_EVENTS,
  DELIVERY_HEALTHY,
  TAGGED;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
