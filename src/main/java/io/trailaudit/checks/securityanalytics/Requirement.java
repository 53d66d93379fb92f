package io.trailaudit.checks.securityanalytics;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of security-analytics, as its check.json names them. */
enum Requirement implements RequirementId {
  SECURITY_HUB,
  STANDARDS,
  ATHENA_TABLE;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
