package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A trail's S3 bucket, read once however many trails share it.
 *
 * @param name the bucket name
 * @param accountId the owning account when known (from the trail, the organization or the role used
 *     to read it), else null
 * @param region {@code GetBucketLocation}
 * @param policy {@code GetBucketPolicy} JSON text; known {@code null} when the bucket has no policy
 * @param policyIsPublic {@code GetBucketPolicyStatus}; known {@code null} when there is no policy
 * @param acl {@code GetBucketAcl}
 * @param publicAccessBlock {@code GetPublicAccessBlock}; known {@code null} when none is set
 * @param versioning {@code GetBucketVersioning}
 * @param objectLock {@code GetObjectLockConfiguration}; known {@code null} when Object Lock is not
 *     enabled
 * @param logging {@code GetBucketLogging}; known {@code null} when access logging is off
 * @param encryption {@code GetBucketEncryption}
 * @param topLevelEntries common prefixes (ending in {@code /}) and object keys at the top level of
 *     the bucket ({@code ListObjectsV2} with delimiter {@code /}), at most one page
 * @param lifecycleRules {@code GetBucketLifecycleConfiguration}; known empty when the bucket has
 *     none ({@code NoSuchLifecycleConfiguration})
 */
public record Bucket(
    String name,
    String accountId,
    Observed<String> region,
    Observed<String> policy,
    Observed<Boolean> policyIsPublic,
    Observed<BucketAcl> acl,
    Observed<PublicAccessBlock> publicAccessBlock,
    Observed<BucketVersioning> versioning,
    Observed<ObjectLockConfiguration> objectLock,
    Observed<BucketLogging> logging,
    Observed<BucketEncryption> encryption,
    Observed<List<String>> topLevelEntries,
    Observed<List<LifecycleRule>> lifecycleRules) {

  public Bucket {
    Objects.requireNonNull(name, "name");
    region = Observed.orNotCollected(region, "bucket region");
    policy = Observed.orNotCollected(policy, "bucket policy");
    policyIsPublic = Observed.orNotCollected(policyIsPublic, "bucket policy status");
    acl = Observed.orNotCollected(acl, "bucket ACL");
    publicAccessBlock = Observed.orNotCollected(publicAccessBlock, "bucket public access block");
    versioning = Observed.orNotCollected(versioning, "bucket versioning");
    objectLock = Observed.orNotCollected(objectLock, "bucket Object Lock configuration");
    logging = Observed.orNotCollected(logging, "bucket logging");
    encryption = Observed.orNotCollected(encryption, "bucket encryption");
    topLevelEntries = Observed.orNotCollected(topLevelEntries, "bucket top-level listing");
    lifecycleRules = Observed.orNotCollected(lifecycleRules, "bucket lifecycle configuration");
  }

  /** A bucket none of whose values could be read, each unavailable for {@code failure}. */
  public static Bucket unreadable(String name, Observed.Unavailable<?> failure) {
    return new Bucket(
        name,
        null,
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped());
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a Bucket by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String name;
    private String accountId;
    private Observed<String> region;
    private Observed<String> policy;
    private Observed<Boolean> policyIsPublic;
    private Observed<BucketAcl> acl;
    private Observed<PublicAccessBlock> publicAccessBlock;
    private Observed<BucketVersioning> versioning;
    private Observed<ObjectLockConfiguration> objectLock;
    private Observed<BucketLogging> logging;
    private Observed<BucketEncryption> encryption;
    private Observed<List<String>> topLevelEntries;
    private Observed<List<LifecycleRule>> lifecycleRules;

    private Builder() {}

    private Builder(Bucket b) {
      name = b.name;
      accountId = b.accountId;
      region = b.region;
      policy = b.policy;
      policyIsPublic = b.policyIsPublic;
      acl = b.acl;
      publicAccessBlock = b.publicAccessBlock;
      versioning = b.versioning;
      objectLock = b.objectLock;
      logging = b.logging;
      encryption = b.encryption;
      topLevelEntries = b.topLevelEntries;
      lifecycleRules = b.lifecycleRules;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder region(Observed<String> region) {
      this.region = region;
      return this;
    }

    public Builder policy(Observed<String> policy) {
      this.policy = policy;
      return this;
    }

    public Builder policyIsPublic(Observed<Boolean> policyIsPublic) {
      this.policyIsPublic = policyIsPublic;
      return this;
    }

    public Builder acl(Observed<BucketAcl> acl) {
      this.acl = acl;
      return this;
    }

    public Builder publicAccessBlock(Observed<PublicAccessBlock> publicAccessBlock) {
      this.publicAccessBlock = publicAccessBlock;
      return this;
    }

    public Builder versioning(Observed<BucketVersioning> versioning) {
      this.versioning = versioning;
      return this;
    }

    public Builder objectLock(Observed<ObjectLockConfiguration> objectLock) {
      this.objectLock = objectLock;
      return this;
    }

    public Builder logging(Observed<BucketLogging> logging) {
      this.logging = logging;
      return this;
    }

    public Builder encryption(Observed<BucketEncryption> encryption) {
      this.encryption = encryption;
      return this;
    }

    public Builder topLevelEntries(Observed<List<String>> topLevelEntries) {
      this.topLevelEntries = topLevelEntries;
      return this;
    }

    public Builder lifecycleRules(Observed<List<LifecycleRule>> lifecycleRules) {
      this.lifecycleRules = lifecycleRules;
      return this;
    }

    public Bucket build() {
      return new Bucket(
          name,
          accountId,
          region,
          policy,
          policyIsPublic,
          acl,
          publicAccessBlock,
          versioning,
          objectLock,
          logging,
          encryption,
          topLevelEntries,
          lifecycleRules);
    }
  }

  public String arn() {
    return "arn:aws:s3:::" + name;
  }

  /** {@code GetBucketAcl}: the owner and grants. */
  public record BucketAcl(String ownerId, @JsonProperty(required = true) List<Grant> grants) {
    public BucketAcl {
      grants = grants == null ? List.of() : List.copyOf(grants);
    }
  }

  /**
   * An ACL grant.
   *
   * @param granteeType {@code CanonicalUser}, {@code Group} or {@code AmazonCustomerByEmail}
   * @param granteeUri the group URI for {@code Group} grantees
   * @param permission {@code FULL_CONTROL}, {@code READ}, {@code WRITE}, {@code READ_ACP}, {@code
   *     WRITE_ACP}
   */
  public record Grant(String granteeType, String granteeId, String granteeUri, String permission) {}

  /**
   * {@code GetBucketVersioning}.
   *
   * @param status {@code Enabled}, {@code Suspended}, or null if versioning was never enabled
   * @param mfaDelete {@code Enabled}, {@code Disabled}, or null if never configured
   */
  public record BucketVersioning(String status, String mfaDelete) {}

  /**
   * {@code GetObjectLockConfiguration}.
   *
   * @param objectLockEnabled {@code Enabled}
   * @param defaultRetention the default retention rule, or null when none is set
   */
  public record ObjectLockConfiguration(String objectLockEnabled, Retention defaultRetention) {}

  /** A default retention rule: {@code mode} GOVERNANCE or COMPLIANCE, and days or years. */
  public record Retention(String mode, Integer days, Integer years) {}

  /**
   * One lifecycle rule ({@code GetBucketLifecycleConfiguration}). The filter is the rule's {@code
   * Filter} (prefix, tags, object sizes, possibly under {@code And}) or its legacy {@code Prefix}.
   *
   * @param status {@code Enabled} or {@code Disabled}
   * @param prefix the key prefix the rule applies to; null or empty means every key
   * @param tags object tags an object must carry for the rule to apply
   * @param expirationDays {@code Expiration.Days}: current versions expire this long after creation
   * @param expirationDate {@code Expiration.Date} (ISO-8601): current versions expire from then on
   * @param expiredObjectDeleteMarker {@code Expiration.ExpiredObjectDeleteMarker}
   * @param noncurrentDays {@code NoncurrentVersionExpiration.NoncurrentDays}
   * @param newerNoncurrentVersions {@code NoncurrentVersionExpiration.NewerNoncurrentVersions}
   * @param abortIncompleteMultipartUploadDays {@code AbortIncompleteMultipartUpload}
   * @param transitions storage class changes, e.g. {@code GLACIER after 90 days}: no deletion
   */
  public record LifecycleRule(
      String id,
      String status,
      String prefix,
      java.util.Map<String, String> tags,
      Long objectSizeGreaterThan,
      Long objectSizeLessThan,
      Integer expirationDays,
      String expirationDate,
      Boolean expiredObjectDeleteMarker,
      Integer noncurrentDays,
      Integer newerNoncurrentVersions,
      Integer abortIncompleteMultipartUploadDays,
      List<String> transitions) {
    public LifecycleRule {
      // Sorted: Map.copyOf iterates in an order that changes from run to run, and reports list
      // these.
      tags =
          tags == null
              ? java.util.Map.of()
              : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tags));
      transitions = transitions == null ? List.of() : List.copyOf(transitions);
    }
  }

  /** {@code GetBucketLogging}: where server access logs go. */
  public record BucketLogging(String targetBucket, String targetPrefix) {}

  /** {@code GetBucketEncryption}: the default encryption rule. */
  public record BucketEncryption(
      String sseAlgorithm, String kmsMasterKeyId, Boolean bucketKeyEnabled) {}
}
