package io.trailaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * A trail's KMS key, read once however many trails use it.
 *
 * @param arn the key ARN as the trail names it
 * @param metadata {@code kms:DescribeKey}
 * @param rotationEnabled {@code kms:GetKeyRotationStatus}
 * @param policy {@code kms:GetKeyPolicy} (policy name {@code default}), JSON text
 * @param grants {@code kms:ListGrants}, all pages
 */
public record KmsKey(
    String arn,
    Observed<KeyMetadata> metadata,
    Observed<Boolean> rotationEnabled,
    Observed<String> policy,
    Observed<List<Grant>> grants) {

  public KmsKey {
    Objects.requireNonNull(arn, "arn");
    metadata = Observed.orNotCollected(metadata, "key metadata");
    rotationEnabled = Observed.orNotCollected(rotationEnabled, "key rotation status");
    policy = Observed.orNotCollected(policy, "key policy");
    grants = Observed.orNotCollected(grants, "key grants");
  }

  /** A key read without its grants (not collected). */
  public KmsKey(
      String arn,
      Observed<KeyMetadata> metadata,
      Observed<Boolean> rotationEnabled,
      Observed<String> policy) {
    this(arn, metadata, rotationEnabled, policy, null);
  }

  /**
   * A grant on the key ({@code ListGrants}).
   *
   * @param granteePrincipal who may use the grant: an IAM ARN, an account root, or an AWS service
   *     principal
   * @param operations e.g. {@code Decrypt}, {@code ReEncryptFrom}, {@code CreateGrant}
   * @param constrained whether the grant carries encryption context constraints
   */
  public record Grant(
      String grantId,
      String name,
      String granteePrincipal,
      String retiringPrincipal,
      String issuingAccount,
      List<String> operations,
      boolean constrained) {
    public Grant {
      operations = operations == null ? List.of() : List.copyOf(operations);
    }
  }

  /** Whether a trail's {@code KmsKeyId} (key ARN, key id or alias) names this key. */
  public boolean isNamedBy(String keyIdOrArn) {
    if (keyIdOrArn == null) {
      return false;
    }
    if (arn.equals(keyIdOrArn)) {
      return true;
    }
    if (metadata instanceof Observed.Known<KeyMetadata> k && k.value() != null) {
      return keyIdOrArn.equals(k.value().keyId()) || keyIdOrArn.equals(k.value().arn());
    }
    return false;
  }

  public String accountId() {
    return Arns.account(arn);
  }

  /**
   * {@code kms:DescribeKey} metadata.
   *
   * @param keyManager {@code CUSTOMER} or {@code AWS}
   * @param keyState {@code Enabled}, {@code Disabled}, {@code PendingDeletion}, …
   */
  public record KeyMetadata(
      String keyId,
      String arn,
      String accountId,
      String keyManager,
      String keyState,
      String keySpec,
      String keyUsage,
      String origin,
      boolean multiRegion) {}
}
