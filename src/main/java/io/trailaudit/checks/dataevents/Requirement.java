package io.trailaudit.checks.dataevents;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of data-events, as its check.json names them. */
enum Requirement implements RequirementId {
  S3_WRITE,
  S3_READ,
  LAMBDA,
  DYNAMODB;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
