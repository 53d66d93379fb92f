package io.trailaudit.checks.kmsencryption;

import io.trailaudit.checks.RequirementId;

/** The requirements of kms-encryption, as its check.json names them. */
enum Requirement implements RequirementId {
  SSE_KMS("sse-kms"),
  CUSTOMER_MANAGED_KEY("customer-managed-key"),
  KEY_ROTATION("key-rotation"),
  KEY_POLICY("key-policy"),
  GRANTS("grants");

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
