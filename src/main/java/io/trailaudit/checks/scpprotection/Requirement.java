package io.trailaudit.checks.scpprotection;

import io.trailaudit.checks.RequirementId;

/** The requirements of scp-protection, as its check.json names them. */
enum Requirement implements RequirementId {
  SCP_ENABLED("scp-enabled"),
  TRAIL_TAMPER_DENIED("trail-tamper-denied"),
  BUCKET_TAMPER_DENIED("bucket-tamper-denied"),
  KEY_TAMPER_DENIED("key-tamper-denied"),
  MANAGEMENT_ACCOUNT("management-account");

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
