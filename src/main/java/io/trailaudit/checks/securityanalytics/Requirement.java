package io.trailaudit.checks.securityanalytics;

import io.trailaudit.checks.RequirementId;

/** The requirements of security-analytics, as its check.json names them. */
enum Requirement implements RequirementId {
  SECURITY_HUB("security-hub"),
  STANDARDS("standards"),
  ATHENA_TABLE("athena-table");

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
