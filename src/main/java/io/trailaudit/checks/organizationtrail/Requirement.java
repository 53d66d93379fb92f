package io.trailaudit.checks.organizationtrail;

import io.trailaudit.checks.RequirementId;

/** The requirements of organization-trail, as its check.json names them. */
enum Requirement implements RequirementId {
  TRAIL_ENABLED("trail-enabled"),
  MULTI_REGION_MANAGEMENT_EVENTS("multi-region-management-events"),
  ALL_REGIONS("all-regions"),
  ORGANIZATION_TRAIL("organization-trail"),
  GLOBAL_SERVICE_EVENTS("global-service-events"),
  DELIVERY_HEALTHY("delivery-healthy"),
  TAGGED("tagged");

  private final String id;

  Requirement(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  static java.util.List<String> ids() {
    return java.util.Arrays.stream(values()).map(Requirement::id).toList();
  }
}
