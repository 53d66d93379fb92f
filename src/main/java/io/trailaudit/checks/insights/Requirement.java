package io.trailaudit.checks.insights;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of insights, as its check.json names them. */
enum Requirement implements RequirementId {
  API_CALL_RATE,
  API_ERROR_RATE,
  DATA_EVENTS,
  DATA_EVENT_AGGREGATION;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
