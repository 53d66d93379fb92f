package io.trailaudit.checks.logbucket;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.Bucket.BucketAcl;
import io.trailaudit.model.Bucket.BucketLogging;
import io.trailaudit.model.Bucket.BucketVersioning;
import io.trailaudit.model.Bucket.Grant;
import io.trailaudit.model.Bucket.ObjectLockConfiguration;
import io.trailaudit.model.Observed;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Check 4: the trail bucket is locked down. Evaluated once per bucket, however many trails use it.
 */
public final class LogBucketCheck implements Check {
  public static final String ID = "log-bucket";
  static final String MIN_RETENTION_DAYS = "logBucket.minRetentionDays";

  static final Set<String> PUBLIC_GROUPS =
      Set.of(
          "http://acs.amazonaws.com/groups/global/AllUsers",
          "http://acs.amazonaws.com/groups/global/AuthenticatedUsers");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    int minDays = parameters(config).integer(MIN_RETENTION_DAYS);
    Map<String, List<TrailView>> trailsByBucket = new LinkedHashMap<>();
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      if (t.trail().s3BucketName() != null) {
        trailsByBucket.computeIfAbsent(t.trail().s3BucketName(), k -> new ArrayList<>()).add(t);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, List<TrailView>> e : trailsByBucket.entrySet()) {
      BucketContext b = BucketContext.of(snapshot, e.getKey(), e.getValue(), config);
      if (b.bucket().isEmpty()) {
        for (var r : info().requirements()) {
          out.add(f.error(r.id(), b.resource(), b.notCollected()));
        }
        continue;
      }
      out.add(notPublic(f, b));
      out.add(blockPublicAccess(f, b, snapshot));
      out.add(versioning(f, b));
      out.add(mfaDelete(f, b));
      out.add(objectLock(f, b, minDays));
      out.add(accessLogging(f, b));
      out.add(tlsOnly(f, b));
      out.add(denyDelete(f, b));
      out.add(dedicated(f, b));
      out.add(lifecycleRetention(f, b, minDays));
    }
    return out;
  }

  private Finding notPublic(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.NOT_PUBLIC;
    Bucket bucket = b.get();
    // A known public grant is a FAIL even when the other half cannot be read; PASS needs both.
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (bucket.acl().isKnown()) {
      BucketAcl acl = bucket.acl().value();
      for (Grant g : acl == null ? List.<Grant>of() : acl.grants()) {
        if (g.granteeUri() != null && PUBLIC_GROUPS.contains(g.granteeUri())) {
          problems.add(
              "ACL grants "
                  + g.permission()
                  + " to "
                  + g.granteeUri().substring(g.granteeUri().lastIndexOf('/') + 1));
        }
      }
    } else {
      unknown.add(b.unreadable(bucket.acl()));
    }
    Optional<BucketPolicy> policy = Optional.empty();
    if (bucket.policy().isKnown()) {
      try {
        policy = b.policy();
        policy.ifPresent(p -> problems.addAll(p.publicAllows()));
      } catch (PolicyParseException e) {
        unknown.add(b.malformedPolicy(e));
      }
    } else {
      unknown.add(b.unreadable(bucket.policy()));
    }
    Optional<String> status = policyStatusGap(b, policy);
    if (bucket.policyIsPublic() instanceof Observed.Known<Boolean> k
        && Boolean.TRUE.equals(k.value())
        && policy.map(p -> p.publicAllows().isEmpty()).orElse(true)) {
      problems.add("S3 reports the bucket policy as public (GetBucketPolicyStatus IsPublic=true)");
    } else if (status.isPresent()) {
      // without S3's own reading, trailaudit's decides only where no condition had to be read
      boolean decidedAlone = policy.map(p -> p.pinnedByCondition().isEmpty()).orElse(true);
      if (!problems.isEmpty() || decidedAlone) {
        notes.add(status.get());
      } else {
        unknown.add(
            status.get()
                + ", and "
                + String.join(", ", policy.get().pinnedByCondition())
                + " allow * under a condition that trailaudit reads as pinning the caller,"
                + " which S3 has not confirmed");
      }
    }
    String noted = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    if (!problems.isEmpty()) {
      String also = unknown.isEmpty() ? "" : " (also: " + String.join("; ", unknown) + ")";
      return f.fail(
          req,
          b.resource(),
          "bucket " + b.name() + " is public: " + String.join("; ", problems) + also + noted,
          b.args(Map.of("problem", String.join("; ", problems))));
    }
    if (!unknown.isEmpty()) {
      return f.error(req, b.resource(), String.join("; ", unknown));
    }
    return f.pass(
        req,
        b.resource(),
        "no ACL grant to AllUsers or AuthenticatedUsers"
            + (policy.isPresent()
                ? " and no Allow to * in the bucket policy without a condition pinning the caller"
                    + " to fixed values"
                : " and no bucket policy")
            + noted);
  }

  /**
   * Why S3's own reading of the policy ({@code GetBucketPolicyStatus}) is missing; empty when it
   * was read, or when there is no policy to read it for.
   */
  private static Optional<String> policyStatusGap(BucketContext b, Optional<BucketPolicy> policy) {
    Observed<Boolean> status = b.get().policyIsPublic();
    if (!status.isKnown()) {
      return Optional.of(
          "S3's GetBucketPolicyStatus could not be read (" + status.failure().reason() + ")");
    }
    if (status.value() == null && policy.isPresent()) {
      return Optional.of("S3's GetBucketPolicyStatus returned no status for the policy");
    }
    return Optional.empty();
  }

  private Finding blockPublicAccess(FindingFactory f, BucketContext b, Snapshot snapshot) {
    Requirement req = Requirement.BLOCK_PUBLIC_ACCESS;
    Observed<PublicAccessBlock> bucketLevel = b.get().publicAccessBlock();
    if (bucketLevel instanceof Observed.Known<PublicAccessBlock> k
        && k.value() != null
        && k.value().allEnabled()) {
      return f.pass(
          req, b.resource(), "all four Block Public Access settings are on for the bucket");
    }
    Observed<PublicAccessBlock> accountLevel =
        b.accountId()
            .flatMap(snapshot::account)
            .map(AccountSnapshot::s3PublicAccessBlock)
            .orElse(
                Observed.notCollected("account-level Block Public Access of the bucket's account"));
    if (accountLevel instanceof Observed.Known<PublicAccessBlock> k
        && k.value() != null
        && k.value().allEnabled()) {
      return f.pass(
          req,
          b.resource(),
          "all four Block Public Access settings are on for account " + b.accountId().orElse("?"));
    }
    if (!bucketLevel.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(bucketLevel));
    }
    if (!accountLevel.isKnown()) {
      return f.error(
          req,
          b.resource(),
          "bucket-level Block Public Access is incomplete ("
              + offFlags(bucketLevel.value())
              + ") and the account level"
              + b.accountId().map(a -> " of account " + a).orElse("")
              + " could not be read: "
              + accountLevel.failure().reason()
              + b.howToInclude());
    }
    // S3 applies each flag when it is on at either level.
    PublicAccessBlock effective = union(bucketLevel.value(), accountLevel.value());
    if (effective.allEnabled()) {
      return f.pass(
          req,
          b.resource(),
          "all four Block Public Access settings are on, combining the bucket ("
              + offFlags(bucketLevel.value())
              + ") and account "
              + b.accountId().orElse("?")
              + " ("
              + offFlags(accountLevel.value())
              + ") levels");
    }
    return f.fail(
        req,
        b.resource(),
        "Block Public Access is incomplete: "
            + offFlags(effective)
            + " at both the bucket and the account level",
        b.args(Map.of()));
  }

  private static PublicAccessBlock union(PublicAccessBlock a, PublicAccessBlock b) {
    PublicAccessBlock none = new PublicAccessBlock(false, false, false, false);
    PublicAccessBlock x = a == null ? none : a;
    PublicAccessBlock y = b == null ? none : b;
    return new PublicAccessBlock(
        x.blockPublicAcls() || y.blockPublicAcls(),
        x.ignorePublicAcls() || y.ignorePublicAcls(),
        x.blockPublicPolicy() || y.blockPublicPolicy(),
        x.restrictPublicBuckets() || y.restrictPublicBuckets());
  }

  private static String offFlags(PublicAccessBlock p) {
    if (p == null) {
      return "not configured";
    }
    List<String> off = new ArrayList<>();
    if (!p.blockPublicAcls()) {
      off.add("BlockPublicAcls");
    }
    if (!p.ignorePublicAcls()) {
      off.add("IgnorePublicAcls");
    }
    if (!p.blockPublicPolicy()) {
      off.add("BlockPublicPolicy");
    }
    if (!p.restrictPublicBuckets()) {
      off.add("RestrictPublicBuckets");
    }
    return off.isEmpty() ? "all on" : String.join(", ", off) + " off";
  }

  private Finding versioning(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.VERSIONING;
    Observed<BucketVersioning> v = b.get().versioning();
    if (!v.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(v));
    }
    String status = v.value() == null ? null : v.value().status();
    if ("Enabled".equals(status)) {
      return f.pass(req, b.resource(), "versioning is Enabled");
    }
    return f.fail(
        req,
        b.resource(),
        "versioning is "
            + (status == null ? "not enabled" : status)
            + ": overwritten or deleted log files cannot be recovered",
        b.args(Map.of()));
  }

  private Finding mfaDelete(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.MFA_DELETE;
    Observed<BucketVersioning> v = b.get().versioning();
    if (!v.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(v));
    }
    String mfa = v.value() == null ? null : v.value().mfaDelete();
    if ("Enabled".equals(mfa)) {
      return f.pass(req, b.resource(), "MFA delete is Enabled");
    }
    return f.fail(
        req,
        b.resource(),
        "MFA delete is "
            + (mfa == null ? "not configured" : mfa)
            + ": versions can be deleted without the root user's MFA",
        b.args(Map.of()));
  }

  private Finding objectLock(FindingFactory f, BucketContext b, int minDays) {
    Requirement req = Requirement.OBJECT_LOCK;
    Observed<ObjectLockConfiguration> o = b.get().objectLock();
    if (!o.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(o));
    }
    ObjectLockConfiguration c = o.value();
    if (c == null || !"Enabled".equals(c.objectLockEnabled())) {
      return f.fail(req, b.resource(), "Object Lock is not enabled", b.args(Map.of()));
    }
    if (c.defaultRetention() == null) {
      return f.fail(
          req,
          b.resource(),
          "Object Lock is enabled but has no default retention, so new log"
              + " files are not locked",
          b.args(Map.of()));
    }
    var r = c.defaultRetention();
    String period =
        r.days() != null
            ? r.days() + (r.days() == 1 ? " day" : " days")
            : r.years() + (r.years() != null && r.years() == 1 ? " year" : " years");
    // Object Lock counts a year as 365 days.
    int days = r.days() != null ? r.days() : r.years() == null ? 0 : r.years() * 365;
    if (days < minDays) {
      return f.fail(
          req,
          "retention",
          b.resource(),
          "Object Lock's default retention "
              + r.mode()
              + " "
              + period
              + " is shorter than the "
              + minDays
              + " days log files must be kept (logBucket.minRetentionDays)",
          b.args(Map.of("mode", String.valueOf(r.mode()), "days", String.valueOf(minDays))));
    }
    return f.pass(
        req,
        b.resource(),
        "Object Lock is enabled with default retention "
            + r.mode()
            + " "
            + period
            + ", at least "
            + minDays
            + " days");
  }

  /**
   * Lifecycle rules delete log files without any DeleteObject call: an expiration of current or
   * noncurrent versions sooner than {@code minDays}, on keys where the trails write, fails.
   */
  private Finding lifecycleRetention(FindingFactory f, BucketContext b, int minDays) {
    Requirement req = Requirement.LIFECYCLE_RETENTION;
    Observed<List<Bucket.LifecycleRule>> o = b.get().lifecycleRules();
    if (!o.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(o));
    }
    List<Bucket.LifecycleRule> rules = o.value() == null ? List.of() : o.value();
    if (rules.isEmpty()) {
      return f.pass(
          req,
          b.resource(),
          "the bucket has no lifecycle rules (NoSuchLifecycleConfiguration): no log file expires");
    }
    Set<String> roots = new LinkedHashSet<>();
    for (TrailView t : b.trails()) {
      String p = t.trail().s3KeyPrefix();
      roots.add((p == null || p.isBlank() ? "" : p.endsWith("/") ? p : p + "/") + "AWSLogs/");
    }
    List<String> deleting = new ArrayList<>();
    List<String> harmless = new ArrayList<>();
    for (Bucket.LifecycleRule rule : rules) {
      String name = "rule " + (rule.id() == null ? "(no id)" : rule.id());
      if (!"Enabled".equals(rule.status())) {
        harmless.add(name + " is " + rule.status());
        continue;
      }
      String prefix = rule.prefix() == null ? "" : rule.prefix();
      if (roots.stream().noneMatch(r -> r.startsWith(prefix) || prefix.startsWith(r))) {
        harmless.add(name + " applies to " + prefix + " only, not to " + String.join(", ", roots));
        continue;
      }
      // CloudTrail writes its log files untagged: a rule that needs a tag does not select them.
      // Size filters do not exempt them (log files vary in size).
      if (!rule.tags().isEmpty()) {
        harmless.add(
            name
                + " applies only to objects tagged "
                + rule.tags()
                + " (CloudTrail writes log files untagged)");
        continue;
      }
      List<String> deletes = new ArrayList<>();
      if (rule.expirationDate() != null) {
        deletes.add("expires every current version from " + rule.expirationDate());
      }
      if (rule.expirationDays() != null && rule.expirationDays() < minDays) {
        deletes.add("expires current versions after " + rule.expirationDays() + " days");
      }
      if (rule.noncurrentDays() != null && rule.noncurrentDays() < minDays) {
        deletes.add(
            "deletes noncurrent versions "
                + rule.noncurrentDays()
                + " days after they become noncurrent"
                + (rule.newerNoncurrentVersions() == null
                    ? ""
                    : " (beyond the " + rule.newerNoncurrentVersions() + " newest)"));
      }
      if (!deletes.isEmpty()) {
        deleting.add(
            name
                + (prefix.isEmpty() ? " (whole bucket)" : " (prefix " + prefix + ")")
                + " "
                + String.join(" and ", deletes));
      } else {
        harmless.add(name + " " + keeps(rule, minDays));
      }
    }
    if (!deleting.isEmpty()) {
      return f.fail(
          req,
          b.resource(),
          "lifecycle rules delete log files sooner than the "
              + minDays
              + " days they must be kept (logBucket.minRetentionDays): "
              + String.join("; ", deleting),
          b.args(Map.of("days", String.valueOf(minDays))));
    }
    return f.pass(
        req,
        b.resource(),
        "no lifecycle rule expires log files sooner than "
            + minDays
            + " days: "
            + String.join("; ", harmless));
  }

  /** What an enabled rule that deletes nothing too early does instead. */
  private static String keeps(Bucket.LifecycleRule rule, int minDays) {
    List<String> does = new ArrayList<>();
    if (rule.expirationDays() != null) {
      does.add("expires current versions after " + rule.expirationDays() + " days");
    }
    if (rule.noncurrentDays() != null) {
      does.add("deletes noncurrent versions after " + rule.noncurrentDays() + " days");
    }
    if (Boolean.TRUE.equals(rule.expiredObjectDeleteMarker())) {
      does.add("removes expired delete markers");
    }
    if (rule.abortIncompleteMultipartUploadDays() != null) {
      does.add(
          "aborts incomplete uploads after " + rule.abortIncompleteMultipartUploadDays() + " days");
    }
    if (!rule.transitions().isEmpty()) {
      does.add("transitions " + String.join(", ", rule.transitions()));
    }
    return does.isEmpty() ? "has no action" : String.join(", ", does) + " (harmless)";
  }

  private Finding accessLogging(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.ACCESS_LOGGING;
    Observed<BucketLogging> l = b.get().logging();
    if (!l.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(l));
    }
    BucketLogging logging = l.value();
    if (logging == null || logging.targetBucket() == null) {
      return f.fail(req, b.resource(), "server access logging is off", b.args(Map.of()));
    }
    if (logging.targetBucket().equals(b.name())) {
      return f.fail(
          req,
          b.resource(),
          "server access logs are written to the bucket itself: they must go to"
              + " another bucket",
          b.args(Map.of()));
    }
    return f.pass(
        req,
        b.resource(),
        "server access logs go to s3://"
            + logging.targetBucket()
            + "/"
            + (logging.targetPrefix() == null ? "" : logging.targetPrefix()));
  }

  private Finding tlsOnly(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.TLS_ONLY;
    if (!b.get().policy().isKnown()) {
      return f.error(req, b.resource(), b.unreadable(b.get().policy()));
    }
    Optional<BucketPolicy> policy;
    try {
      policy = b.policy();
    } catch (PolicyParseException e) {
      return f.error(req, b.resource(), b.malformedPolicy(e));
    }
    if (policy.isEmpty()) {
      return f.fail(
          req,
          b.resource(),
          "the bucket has no policy, so requests without TLS are allowed",
          b.args(Map.of()));
    }
    Optional<String> missing = policy.get().insecureTransportGap();
    if (missing.isEmpty()) {
      return f.pass(
          req,
          b.resource(),
          "the policy denies every S3 action on the bucket and its objects when"
              + " aws:SecureTransport is false");
    }
    return f.fail(
        req,
        b.resource(),
        "the policy does not deny all requests without TLS: " + missing.get(),
        b.args(Map.of()));
  }

  private Finding denyDelete(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.DENY_DELETE;
    if (!b.get().policy().isKnown()) {
      return f.error(req, b.resource(), b.unreadable(b.get().policy()));
    }
    Optional<BucketPolicy> policy;
    try {
      policy = b.policy();
    } catch (PolicyParseException e) {
      return f.error(req, b.resource(), b.malformedPolicy(e));
    }
    String breakGlass = b.breakGlassJson();
    if (policy.isEmpty()) {
      return f.fail(
          req,
          b.resource(),
          "the bucket has no policy, so anyone with s3:DeleteObject in IAM can"
              + " delete log files",
          b.args(Map.of("breakGlass", breakGlass)));
    }
    BucketPolicy.Deletion deletion = policy.get().deletion(b.breakGlass());
    if (deletion.denied()) {
      return f.pass(req, b.resource(), deletion.explanation());
    }
    return f.fail(
        req, b.resource(), deletion.explanation(), b.args(Map.of("breakGlass", breakGlass)));
  }

  private Finding dedicated(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.DEDICATED;
    Observed<List<String>> entries = b.get().topLevelEntries();
    if (!entries.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(entries));
    }
    Set<String> allowed = new LinkedHashSet<>();
    allowed.add("AWSLogs/");
    for (TrailView t : b.trails()) {
      firstSegment(t.trail().s3KeyPrefix()).ifPresent(allowed::add);
    }
    BucketLogging logging = b.get().logging().isKnown() ? b.get().logging().value() : null;
    if (logging != null && b.name().equals(logging.targetBucket())) {
      firstSegment(logging.targetPrefix()).ifPresent(allowed::add);
    }
    List<String> foreign =
        entries.value() == null
            ? List.of()
            : entries.value().stream().filter(e -> !allowed.contains(e)).toList();
    if (foreign.isEmpty()) {
      return f.pass(
          req,
          b.resource(),
          "the top level holds only CloudTrail prefixes: "
              + String.join(", ", entries.value() == null ? List.of() : entries.value()));
    }
    return f.fail(
        req,
        b.resource(),
        "the bucket holds more than CloudTrail logs at its top level: "
            + String.join(", ", foreign),
        b.args(Map.of("entries", String.join(" ", foreign))));
  }

  /** {@code org/sub} gives {@code org/}: the top-level entry a key prefix writes under. */
  private static Optional<String> firstSegment(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return Optional.empty();
    }
    String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    int slash = p.indexOf('/');
    return Optional.of((slash < 0 ? p : p.substring(0, slash)) + "/");
  }

  static String trailNames(List<TrailView> trails) {
    return trails.stream().map(TrailView::name).collect(Collectors.joining(", "));
  }
}
