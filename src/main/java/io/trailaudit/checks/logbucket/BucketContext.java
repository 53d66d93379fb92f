package io.trailaudit.checks.logbucket;

import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.PolicyParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A trail bucket with the trails that write to it and what the check needs to word findings. */
record BucketContext(
    String name,
    List<TrailView> trails,
    Optional<Bucket> bucket,
    boolean ownerAudited,
    List<String> breakGlass,
    Optional<BucketPolicy> parsedPolicy,
    PolicyParseException policyError) {

  static BucketContext of(
      Snapshot snapshot, String name, List<TrailView> trails, AuditConfig config) {
    Optional<Bucket> bucket = snapshot.bucket(name);
    boolean ownerAudited =
        bucket.map(Bucket::accountId).map(id -> snapshot.account(id).isPresent()).orElse(false);
    Optional<BucketPolicy> policy = Optional.empty();
    PolicyParseException error = null;
    if (bucket.isPresent()
        && bucket.get().policy() instanceof Observed.Known<String> k
        && k.value() != null) {
      try {
        policy = Optional.of(BucketPolicy.parse(name, k.value()));
      } catch (PolicyParseException e) {
        error = e;
      }
    }
    return new BucketContext(
        name,
        List.copyOf(trails),
        bucket,
        ownerAudited,
        config.breakGlassPrincipals(),
        policy,
        error);
  }

  Bucket get() {
    return bucket.orElseThrow();
  }

  /** The owning account when the snapshot knows it. */
  Optional<String> accountId() {
    return bucket.map(Bucket::accountId);
  }

  Resource resource() {
    String account = accountId().orElse(trails.get(0).account());
    String region =
        bucket
            .map(Bucket::region)
            .filter(Observed::isKnown)
            .map(Observed::value)
            .filter(r -> !r.isBlank())
            .orElse(trails.get(0).region());
    return new Resource(account, region, "arn:aws:s3:::" + name);
  }

  /** The parsed policy, if the bucket has one; throws when the policy text is malformed. */
  Optional<BucketPolicy> policy() {
    if (policyError != null) {
      throw policyError;
    }
    return parsedPolicy;
  }

  String notCollected() {
    return "bucket "
        + name
        + " of trail(s) "
        + LogBucketCheck.trailNames(trails)
        + " is not in the snapshot, so it could not be checked"
        + howToInclude();
  }

  /** Why a bucket read failed, naming the account and how to read it. */
  String unreadable(Observed<?> value) {
    return "bucket "
        + name
        + accountLabel()
        + " could not be read: "
        + value.failure().reason()
        + howToInclude();
  }

  String malformedPolicy(PolicyParseException e) {
    return "the policy of bucket " + name + " is not a valid policy document: " + e.getMessage();
  }

  private String accountLabel() {
    return accountId().map(a -> " (account " + a + ")").orElse("");
  }

  /** How to read the bucket's account when it was not audited; empty when it was. */
  String howToInclude() {
    String account = accountId().orElse(null);
    if (account == null) {
      return ". Its owner account is unknown: audit with a role in the account that owns it";
    }
    if (!ownerAudited) {
      return Messages.includeAccount(account);
    }
    return "";
  }

  Map<String, String> args(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("bucket", name);
    args.put("bucketAccount", accountId().orElse(trails.get(0).account()));
    return args;
  }

  /** The break-glass principals as a JSON array for the remediation, or a placeholder. */
  String breakGlassJson() {
    List<String> principals =
        breakGlass.isEmpty()
            ? List.of(
                "arn:aws:iam::" + accountId().orElse(trails.get(0).account()) + ":role/BreakGlass")
            : breakGlass;
    return principals.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",", "[", "]"));
  }
}
