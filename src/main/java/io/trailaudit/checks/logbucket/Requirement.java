package io.trailaudit.checks.logbucket;

import io.trailaudit.checks.RequirementId;
import java.util.List;

/** The requirements of log-bucket, as its check.json names them. */
enum Requirement implements RequirementId {
  NOT_PUBLIC,
  BLOCK_PUBLIC_ACCESS,
  VERSIONING,
  MFA_DELETE,
  OBJECT_LOCK,
  ACCESS_LOGGING,
  TLS_ONLY,
  DENY_DELETE,
  DEDICATED,
  LIFECYCLE_RETENTION;

  @Override
  public String toString() {
    return id();
  }

  static List<String> ids() {
    return RequirementId.ids(values());
  }
}
