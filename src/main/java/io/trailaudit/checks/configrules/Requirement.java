package io.trailaudit.checks.configrules;

import io.trailaudit.checks.RequirementId;

/** The requirements of config-rules, as its check.json names them. */
enum Requirement implements RequirementId {
  RECORDER("recorder"),
  CLOUDTRAIL_RULES("cloudtrail-rules"),
  AUTO_REMEDIATION("auto-remediation");

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
