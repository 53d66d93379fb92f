package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.checks.RequirementId;

/** The requirements of cloudwatch-alerting, as its check.json names them. */
enum Requirement implements RequirementId {
  LOG_GROUP("log-group"),
  FILTER_PATTERN("filter-pattern");

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
