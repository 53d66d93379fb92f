package io.trailaudit.checks.configrules;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of config-rules, as its check.json names them. */
enum Requirement implements RequirementId {
  RECORDER,
  CLOUDTRAIL_RULES,
  AUTO_REMEDIATION;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
