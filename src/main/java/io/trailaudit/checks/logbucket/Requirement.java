package io.trailaudit.checks.logbucket;

import io.trailaudit.checks.RequirementId;

/** The requirements of log-bucket, as its check.json names them. */
enum Requirement implements RequirementId {
  NOT_PUBLIC("not-public"),
  BLOCK_PUBLIC_ACCESS("block-public-access"),
  VERSIONING("versioning"),
  MFA_DELETE("mfa-delete"),
  OBJECT_LOCK("object-lock"),
  ACCESS_LOGGING("access-logging"),
  TLS_ONLY("tls-only"),
  DENY_DELETE("deny-delete"),
  DEDICATED("dedicated"),
  LIFECYCLE_RETENTION("lifecycle-retention");

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
