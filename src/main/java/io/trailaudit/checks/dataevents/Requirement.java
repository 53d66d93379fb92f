package io.trailaudit.checks.dataevents;

import io.trailaudit.checks.RequirementId;

/** The requirements of data-events, as its check.json names them. */
enum Requirement implements RequirementId {
  S3_WRITE("s3-write"),
  S3_READ("s3-read"),
  LAMBDA("lambda"),
  DYNAMODB("dynamodb");

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
