package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of cloudwatch-alerting, as its check.json names them. */
enum Requirement implements RequirementId {
  LOG_GROUP,
  FILTER_PATTERN;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
