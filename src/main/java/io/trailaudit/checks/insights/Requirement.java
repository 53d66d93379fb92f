package io.trailaudit.checks.insights;

import io.trailaudit.checks.RequirementId;

/** The requirements of insights, as its check.json names them. */
enum Requirement implements RequirementId {
  API_CALL_RATE("api-call-rate"),
  API_ERROR_RATE("api-error-rate"),
  DATA_EVENTS("data-events"),
  DATA_EVENT_AGGREGATION("data-event-aggregation");

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
