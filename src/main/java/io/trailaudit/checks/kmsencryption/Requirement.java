package io.trailaudit.checks.kmsencryption;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of kms-encryption, as its check.json names them. */
enum Requirement implements RequirementId {
  SSE_KMS,
  CUSTOMER_MANAGED_KEY,
  KEY_ROTATION,
  KEY_POLICY,
  GRANTS;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
