package io.trailaudit.checks.logbucket;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.FindingFactory;
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

/**
 * A trail bucket with the trails that write to it and what the check needs to word findings: the
 * messages of the bucket's reads, from the check's templates ({@code words}).
 */
record BucketContext(
    String name,
    List<TrailView> trails,
    Optional<Bucket> bucket,
    boolean ownerAudited,
    List<String> breakGlass,
    Optional<BucketPolicy> parsedPolicy,
    PolicyParseException policyError,
    FindingFactory words) {

  static BucketContext of(
      Snapshot snapshot,
      String name,
      List<TrailView> trails,
      AuditConfig config,
      FindingFactory words) {
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
        error,
        words);
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

  /** The values of every message and remediation of the bucket, to add to. */
  Map<String, String> values() {
    Map<String, String> values = new HashMap<>();
    values.put("bucket", name);
    values.put("bucketAccount", accountId().orElse(trails.get(0).account()));
    return values;
  }

  /** The ERROR message of a bucket the snapshot does not hold. */
  String notCollected(Requirement req) {
    Map<String, String> values = values();
    values.put("trails", Messages.names(trails));
    values.put("howToInclude", howToInclude(req));
    return words.text(req, message("not-collected"), values);
  }

  /** Why a bucket read failed, naming the account and how to read it. */
  String unreadable(Requirement req, Observed<?> value) {
    Map<String, String> values = values();
    values.put("owner", accountId().isPresent() ? words.text(req, message("owner"), values) : "");
    values.put("reason", String.valueOf(value.failure().reason()));
    values.put("howToInclude", howToInclude(req));
    return words.text(req, message("unreadable"), values);
  }

  /**
   * Why the policy cannot be had for {@code req}: it could not be read, or it is not a valid policy
   * document; empty when {@link #policy()} answers.
   */
  Optional<String> policyUnknown(Requirement req) {
    if (!get().policy().isKnown()) {
      return Optional.of(unreadable(req, get().policy()));
    }
    if (policyError != null) {
      Map<String, String> values = values();
      values.put("reason", String.valueOf(policyError.getMessage()));
      return Optional.of(words.text(req, message("malformed-policy"), values));
    }
    return Optional.empty();
  }

  /** How to read the bucket's account when it was not audited; empty when it was. */
  String howToInclude(Requirement req) {
    String account = accountId().orElse(null);
    if (account == null) {
      return words.text(req, message("owner-unknown"), Map.of());
    }
    if (!ownerAudited) {
      return Messages.includeAccount(account);
    }
    return "";
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
