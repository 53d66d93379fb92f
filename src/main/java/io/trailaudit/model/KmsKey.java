package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
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

  /** A key none of whose values could be read, each unavailable for {@code failure}. */
  public static KmsKey unreadable(String arn, Observed.Unavailable<?> failure) {
    return new KmsKey(
        arn, failure.retyped(), failure.retyped(), failure.retyped(), failure.retyped());
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a KmsKey by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String arn;
    private Observed<KeyMetadata> metadata;
    private Observed<Boolean> rotationEnabled;
    private Observed<String> policy;
    private Observed<List<Grant>> grants;

    private Builder() {}

    private Builder(KmsKey k) {
      arn = k.arn;
      metadata = k.metadata;
      rotationEnabled = k.rotationEnabled;
      policy = k.policy;
      grants = k.grants;
    }

    public Builder arn(String arn) {
      this.arn = arn;
      return this;
    }

    public Builder metadata(Observed<KeyMetadata> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder rotationEnabled(Observed<Boolean> rotationEnabled) {
      this.rotationEnabled = rotationEnabled;
      return this;
    }

    public Builder policy(Observed<String> policy) {
      this.policy = policy;
      return this;
    }

    public Builder grants(Observed<List<Grant>> grants) {
      this.grants = grants;
      return this;
    }

    public KmsKey build() {
      return new KmsKey(arn, metadata, rotationEnabled, policy, grants);
    }
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
      @JsonProperty(required = true) List<String> operations,
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
