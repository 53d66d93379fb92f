package io.trailaudit.checks.logfilevalidation;

import io.trailaudit.checks.RequirementId;

/** The requirements of log-file-validation, as its check.json names them. */
enum Requirement implements RequirementId {
  ENABLED("enabled"),
  DIGESTS_DELIVERED("digests-delivered"),
  DIGESTS_VERIFIED("digests-verified");

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
