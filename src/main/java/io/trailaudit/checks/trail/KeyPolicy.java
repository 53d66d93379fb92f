package io.trailaudit.checks.trail;

import io.trailaudit.policy.KmsCloudTrailResult;
import io.trailaudit.policy.PolicyDocument;
import io.trailaudit.policy.PolicyQuestions;
import java.util.List;

/** The key-policy question of {@code kms-encryption}, worded for findings. */
final class KeyPolicy {
  private KeyPolicy() {}

  /** What is wrong with the policy for CloudTrail use; empty when it is right. */
  static List<String> problems(String policyJson) {
    KmsCloudTrailResult r =
        PolicyQuestions.kmsKeyCloudTrailAccess(PolicyDocument.parse(policyJson));
    return r.satisfied() ? List.of() : List.of(r.explanation());
  }
}
