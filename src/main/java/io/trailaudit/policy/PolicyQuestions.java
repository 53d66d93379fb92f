package io.trailaudit.policy;

import java.util.List;

/** The policy questions trailaudit's checks ask; each answer says enough to explain a FAIL. */
public final class PolicyQuestions {
  private PolicyQuestions() {}

  /**
   * Allow statements open to everyone ({@code *}, {@code {"AWS":"*"}} or NotPrincipal) with no
   * condition restricting the caller (see {@link CallerRestrictions}).
   */
  public static List<PublicAllow> publicAllows(PolicyDocument doc) {
    return PublicAccess.publicAllows(doc);
  }

  /**
   * Whether Deny statements for every principal and every S3 action, conditioned only on {@code
   * Bool aws:SecureTransport false}, cover the bucket and all its objects.
   */
  public static SecureTransportResult deniesInsecureTransport(
      PolicyDocument doc, String bucketName) {
    return SecureTransport.evaluate(doc, bucketName);
  }

  /**
   * Whether {@code s3:DeleteObject} and {@code s3:DeleteObjectVersion} on every object are denied
   * to every principal, exempting at most {@code breakGlassPrincipals} (ARN wildcard patterns).
   */
  public static ObjectDeletionResult deniesObjectDeletion(
      PolicyDocument doc, String bucketName, List<String> breakGlassPrincipals) {
    return ObjectDeletion.evaluate(doc, bucketName, breakGlassPrincipals);
  }

  /** How a KMS key policy lets CloudTrail encrypt, and whether kms:Decrypt is public. */
  public static KmsCloudTrailResult kmsKeyCloudTrailAccess(PolicyDocument doc) {
    return KmsCloudTrail.evaluate(doc);
  }
}
