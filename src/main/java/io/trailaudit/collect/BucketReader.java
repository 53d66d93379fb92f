package io.trailaudit.collect;

import io.trailaudit.model.Bucket;
import io.trailaudit.model.Observed;
import io.trailaudit.model.PublicAccessBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * A trail bucket's configuration, and an account's S3 Block Public Access (S3 Control).
 *
 * <p>Error shapes with a meaning: {@code NoSuchBucketPolicy} is no policy (known null, and then the
 * policy status is known null without a call); {@code NoSuchPublicAccessBlockConfiguration} is no
 * Block Public Access setting (known null); {@code ObjectLockConfigurationNotFoundError} is Object
 * Lock not enabled (known null); {@code ServerSideEncryptionConfigurationNotFoundError} is no
 * default encryption (known null); {@code NoSuchLifecycleConfiguration} is no lifecycle rule (known
 * empty).
 */
public final class BucketReader {
  private static final String S3 = "s3";
  private final S3Client s3;
  private final S3ControlClient s3control;

  public BucketReader(S3Client s3, S3ControlClient s3control) {
    this.s3 = s3;
    this.s3control = s3control;
  }

  /** A reader with the credentials of {@code scope}, in its region. */
  static BucketReader of(ReadScope scope) {
    return new BucketReader(scope.client(AwsService.S3), scope.client(AwsService.S3_CONTROL));
  }

  /**
   * Reads bucket {@code name} once, one call after the other.
   *
   * @param expectedOwner the account believed to own the bucket, or null: {@code GetBucketLocation}
   *     is sent with it as the expected bucket owner, so that the bucket's account is recorded only
   *     when S3 confirmed it
   */
  public Bucket bucket(String name, String expectedOwner) {
    return bucket(name, expectedOwner, Runnable::run).join();
  }

  /**
   * {@link #bucket(String, String)} with each call a task on {@code reads}: the location first,
   * then every other read at once (the policy status once the policy is known to exist).
   */
  public CompletableFuture<Bucket> bucket(String name, String expectedOwner, Executor reads) {
    return CompletableFuture.supplyAsync(
            () ->
                Reads.read(
                    S3,
                    "GetBucketLocation",
                    () ->
                        region(
                            s3.getBucketLocation(
                                    r -> r.bucket(name).expectedBucketOwner(expectedOwner))
                                .locationConstraintAsString())),
            reads)
        .thenCompose(
            region -> afterLocation(name, region.isKnown() ? expectedOwner : null, region, reads));
  }

  private CompletableFuture<Bucket> afterLocation(
      String name, String owner, Observed<String> region, Executor reads) {
    Fanout f = new Fanout(reads);
    var policy =
        f.read(
            S3,
            "GetBucketPolicy",
            () ->
                orNullOn(
                    "NoSuchBucketPolicy", () -> s3.getBucketPolicy(r -> r.bucket(name)).policy()));
    var policyIsPublic =
        f.then(
            policy,
            p ->
                p.isKnown() && p.value() == null
                    ? CompletableFuture.completedFuture(Observed.<Boolean>known(null))
                    : f.read(
                        S3,
                        "GetBucketPolicyStatus",
                        () ->
                            orNullOn(
                                "NoSuchBucketPolicy",
                                () ->
                                    s3.getBucketPolicyStatus(r -> r.bucket(name))
                                        .policyStatus()
                                        .isPublic())));
    var acl = f.read(S3, "GetBucketAcl", () -> acl(s3.getBucketAcl(r -> r.bucket(name))));
    var publicAccessBlock =
        f.read(
            S3,
            "GetPublicAccessBlock",
            () ->
                orNullOn(
                    "NoSuchPublicAccessBlockConfiguration",
                    () ->
                        publicAccessBlock(
                            s3.getPublicAccessBlock(r -> r.bucket(name))
                                .publicAccessBlockConfiguration())));
    var versioning =
        f.read(
            S3,
            "GetBucketVersioning",
            () -> {
              var v = s3.getBucketVersioning(r -> r.bucket(name));
              return new Bucket.BucketVersioning(v.statusAsString(), v.mfaDeleteAsString());
            });
    var objectLock =
        f.read(
            S3,
            "GetObjectLockConfiguration",
            () ->
                orNullOn(
                    "ObjectLockConfigurationNotFoundError",
                    () ->
                        objectLock(
                            s3.getObjectLockConfiguration(r -> r.bucket(name))
                                .objectLockConfiguration())));
    var logging =
        f.read(
            S3,
            "GetBucketLogging",
            () -> {
              var l = s3.getBucketLogging(r -> r.bucket(name)).loggingEnabled();
              return l == null
                  ? null
                  : new Bucket.BucketLogging(l.targetBucket(), l.targetPrefix());
            });
    var encryption =
        f.read(
            S3,
            "GetBucketEncryption",
            () ->
                orNullOn(
                    "ServerSideEncryptionConfigurationNotFoundError",
                    () ->
                        encryption(
                            s3.getBucketEncryption(r -> r.bucket(name))
                                .serverSideEncryptionConfiguration()
                                .rules())));
    var topLevel =
        f.read(
            S3,
            "ListObjectsV2",
            () -> topLevel(s3.listObjectsV2(r -> r.bucket(name).delimiter("/"))));
    CompletableFuture<Observed<List<Bucket.LifecycleRule>>> lifecycle =
        f.read(
            S3,
            "GetBucketLifecycleConfiguration",
            () -> {
              List<Bucket.LifecycleRule> rules =
                  orNullOn(
                      "NoSuchLifecycleConfiguration",
                      () ->
                          s3.getBucketLifecycleConfiguration(r -> r.bucket(name)).rules().stream()
                              .map(BucketReader::lifecycleRule)
                              .toList());
              return rules == null ? List.of() : rules;
            });
    return f.all()
        .thenApply(
            done ->
                Bucket.builder()
                    .name(name)
                    .accountId(owner)
                    .region(region)
                    .policy(policy.join())
                    .policyIsPublic(policyIsPublic.join())
                    .acl(acl.join())
                    .publicAccessBlock(publicAccessBlock.join())
                    .versioning(versioning.join())
                    .objectLock(objectLock.join())
                    .logging(logging.join())
                    .encryption(encryption.join())
                    .topLevelEntries(topLevel.join())
                    .lifecycleRules(lifecycle.join())
                    .build());
  }

  // The rule-level Prefix is deprecated in favour of Filter, but rules written in the old form
  // still carry it, and only it: what such a rule expires must be read all the same.
  @SuppressWarnings("deprecation")
  private static String legacyPrefix(LifecycleRule r) {
    return r.prefix();
  }

  private static Bucket.LifecycleRule lifecycleRule(LifecycleRule r) {
    LifecycleRuleFilter f = r.filter();
    LifecycleRuleAndOperator and = f == null ? null : f.and();
    String prefix = legacyPrefix(r);
    Map<String, String> tags = new LinkedHashMap<>();
    Long greater = null;
    Long less = null;
    if (f != null) {
      prefix = and != null ? and.prefix() : f.prefix() != null ? f.prefix() : prefix;
      if (f.tag() != null) {
        tags.put(f.tag().key(), f.tag().value());
      }
      if (and != null) {
        and.tags().forEach(t -> tags.put(t.key(), t.value()));
      }
      greater = and != null ? and.objectSizeGreaterThan() : f.objectSizeGreaterThan();
      less = and != null ? and.objectSizeLessThan() : f.objectSizeLessThan();
    }
    LifecycleExpiration e = r.expiration();
    NoncurrentVersionExpiration n = r.noncurrentVersionExpiration();
    List<String> transitions = new ArrayList<>();
    r.transitions()
        .forEach(
            t ->
                transitions.add(
                    t.storageClassAsString()
                        + (t.days() != null ? " after " + t.days() + " days" : " on " + t.date())));
    r.noncurrentVersionTransitions()
        .forEach(
            t ->
                transitions.add(
                    "noncurrent to "
                        + t.storageClassAsString()
                        + " after "
                        + t.noncurrentDays()
                        + " days"));
    return new Bucket.LifecycleRule(
        r.id(),
        r.statusAsString(),
        prefix,
        tags,
        greater,
        less,
        e == null ? null : e.days(),
        e == null || e.date() == null ? null : e.date().toString(),
        e == null ? null : e.expiredObjectDeleteMarker(),
        n == null ? null : n.noncurrentDays(),
        n == null ? null : n.newerNoncurrentVersions(),
        r.abortIncompleteMultipartUpload() == null
            ? null
            : r.abortIncompleteMultipartUpload().daysAfterInitiation(),
        transitions);
  }

  /** The account's S3 Block Public Access; known null when none is configured. */
  public Observed<PublicAccessBlock> accountPublicAccessBlock(String accountId) {
    return Reads.read(
        "s3control",
        "GetPublicAccessBlock",
        () ->
            orNullOn(
                "NoSuchPublicAccessBlockConfiguration",
                () ->
                    publicAccessBlock(
                        s3control
                            .getPublicAccessBlock(r -> r.accountId(accountId))
                            .publicAccessBlockConfiguration())));
  }

  /** {@code call}, or null when AWS answers with the error {@code code}, which means "none". */
  private static <T> T orNullOn(String code, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode())) {
        return null;
      }
      throw e;
    }
  }

  /** S3 reports us-east-1 as an empty constraint and eu-west-1 as the legacy {@code EU}. */
  private static String region(String constraint) {
    if (constraint == null || constraint.isEmpty()) {
      return "us-east-1";
    }
    return constraint.equals("EU") ? "eu-west-1" : constraint;
  }

  private static Bucket.BucketAcl acl(GetBucketAclResponse r) {
    List<Bucket.Grant> grants = new ArrayList<>();
    for (Grant g : r.grants()) {
      var grantee = g.grantee();
      grants.add(
          new Bucket.Grant(
              grantee == null ? null : grantee.typeAsString(),
              grantee == null ? null : grantee.id(),
              grantee == null ? null : grantee.uri(),
              g.permissionAsString()));
    }
    return new Bucket.BucketAcl(r.owner() == null ? null : r.owner().id(), grants);
  }

  /** A flag S3 leaves out is off. */
  private static PublicAccessBlock publicAccessBlock(PublicAccessBlockConfiguration c) {
    return new PublicAccessBlock(
        Boolean.TRUE.equals(c.blockPublicAcls()),
        Boolean.TRUE.equals(c.ignorePublicAcls()),
        Boolean.TRUE.equals(c.blockPublicPolicy()),
        Boolean.TRUE.equals(c.restrictPublicBuckets()));
  }

  private static PublicAccessBlock publicAccessBlock(
      software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration c) {
    return new PublicAccessBlock(
        Boolean.TRUE.equals(c.blockPublicAcls()),
        Boolean.TRUE.equals(c.ignorePublicAcls()),
        Boolean.TRUE.equals(c.blockPublicPolicy()),
        Boolean.TRUE.equals(c.restrictPublicBuckets()));
  }

  private static Bucket.ObjectLockConfiguration objectLock(ObjectLockConfiguration c) {
    if (c == null) {
      return null;
    }
    DefaultRetention d = c.rule() == null ? null : c.rule().defaultRetention();
    return new Bucket.ObjectLockConfiguration(
        c.objectLockEnabledAsString(),
        d == null ? null : new Bucket.Retention(d.modeAsString(), d.days(), d.years()));
  }

  private static Bucket.BucketEncryption encryption(List<ServerSideEncryptionRule> rules) {
    if (rules.isEmpty()) {
      return null;
    }
    ServerSideEncryptionRule rule = rules.get(0);
    var byDefault = rule.applyServerSideEncryptionByDefault();
    return new Bucket.BucketEncryption(
        byDefault == null ? null : byDefault.sseAlgorithmAsString(),
        byDefault == null ? null : byDefault.kmsMasterKeyID(),
        rule.bucketKeyEnabled());
  }

  private static List<String> topLevel(ListObjectsV2Response r) {
    List<String> entries = new ArrayList<>();
    r.commonPrefixes().forEach(p -> entries.add(p.prefix()));
    r.contents().forEach(o -> entries.add(o.key()));
    return List.copyOf(entries);
  }
}
