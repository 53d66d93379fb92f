package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.RequirementId;

/** The requirements of tamper-evidence, as its check.json names them. */
enum Requirement implements RequirementId {
  TRAIL_CHANGES("trail-changes"),
  BUCKET_CHANGES("bucket-changes"),
  KEY_CHANGES("key-changes"),
  SCP_CHANGES("scp-changes"),
  ALERTING_CHANGES("alerting-changes"),
  DELIVERY_GAPS("delivery-gaps");

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
