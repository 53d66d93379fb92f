package io.trailaudit.checks.networkactivityevents;

import io.trailaudit.checks.RequirementId;

/** The requirements of network-activity-events, as its check.json names them. */
enum Requirement implements RequirementId {
  VPC_ENDPOINTS("vpc-endpoints");

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
