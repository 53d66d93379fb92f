package io.trailaudit.checks.scpprotection;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of scp-protection, as its check.json names them. */
enum Requirement implements RequirementId {
  SCP_ENABLED,
  TRAIL_TAMPER_DENIED,
  BUCKET_TAMPER_DENIED,
  KEY_TAMPER_DENIED,
  MANAGEMENT_ACCOUNT;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
