package io.trailaudit.policy;

import java.util.List;

/** The policy questions trailaudit's checks ask; each answer says enough to explain a FAIL. */
public final class PolicyQuestions {
  private PolicyQuestions() {}

  /**
   * Allow statements open to everyone ({@code *}, {@code {"AWS":"*"}} or NotPrincipal) with no
   * condition pinning the caller to fixed values (see {@link CallerRestrictions}).
   */
  public static List<PublicAllow> publicAllows(PolicyDocument doc) {
    return PublicAccess.publicAllows(doc);
  }

  /**
   * Allow statements to everyone that are not public only because a condition pins the caller:
   * trailaudit's reading, which S3's {@code GetBucketPolicyStatus} confirms or contradicts.
   */
  public static List<StatementRef> allowsPinnedByCondition(PolicyDocument doc) {
    return PublicAccess.pinnedByCondition(doc);
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

  /**
   * As {@link #deniesObjectDeletion(PolicyDocument, String, List)}, resolving {@code aws:userid}
   * exemptions with {@code knownIds} (principal unique id, e.g. a role's {@code AROA…}, to its
   * ARN).
   */
  public static ObjectDeletionResult deniesObjectDeletion(
      PolicyDocument doc,
      String bucketName,
      List<String> breakGlassPrincipals,
      java.util.Map<String, String> knownIds) {
    return ObjectDeletion.evaluate(doc, bucketName, breakGlassPrincipals, knownIds);
  }

  /**
   * Whether the service control policies of {@code organization} deny one request (see {@link
   * ServiceControlPolicies}).
   */
  public static ScpDecision scpDecision(
      io.trailaudit.model.OrganizationTree organization, ScpRequest request) {
    return ServiceControlPolicies.of(organization).decide(request);
  }

  /**
   * Whether the SCPs in force in a member account deny {@code actions} on a resource to every
   * principal outside the break-glass list.
   */
  public static ScpProtection scpProtection(
      io.trailaudit.model.OrganizationTree organization,
      String accountId,
      String resourceArn,
      List<String> actions,
      List<String> breakGlassPrincipals) {
    return ServiceControlPolicies.of(organization)
        .protection(accountId, resourceArn, actions, breakGlassPrincipals);
  }

  /**
   * How a KMS key policy lets CloudTrail encrypt, whether only for the trails of {@code
   * trustedAccounts} (the key owner, the accounts whose trails use the key, the organization's),
   * and whether kms:Decrypt is public.
   */
  public static KmsCloudTrailResult kmsKeyCloudTrailAccess(
      PolicyDocument doc, java.util.Set<String> trustedAccounts) {
    return KmsCloudTrail.evaluate(doc, trustedAccounts);
  }
}
