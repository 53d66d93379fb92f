package io.trailaudit.checks.cloudtraillake;

import io.trailaudit.checks.RequirementId;

/** The requirements of cloudtrail-lake, as its check.json names them. */
enum Requirement implements RequirementId {
  CMK("cmk"),
  RETENTION("retention"),
  ORGANIZATION_ENABLED("organization-enabled"),
  MULTI_REGION_ENABLED("multi-region-enabled"),
  TERMINATION_PROTECTION("termination-protection"),
  ENABLED("enabled");

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
