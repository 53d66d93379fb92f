package io.trailaudit.checks.logbucket;

import static io.trailaudit.checks.FindingFactory.message;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
      BucketContext b = BucketContext.of(snapshot, e.getKey(), e.getValue(), config, f);
      if (b.bucket().isEmpty()) {
        for (Requirement r : Requirement.values()) {
          out.add(f.error(r, b.resource(), b.notCollected(r)));
        }
        continue;
      }
      out.add(notPublic(f, b));
      out.add(blockPublicAccess(f, b, snapshot));
      out.add(versioningSetting(f, b, Requirement.VERSIONING, BucketVersioning::status));
      out.add(versioningSetting(f, b, Requirement.MFA_DELETE, BucketVersioning::mfaDelete));
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
              f.text(
                  req,
                  message("acl-grant"),
                  Map.of(
                      "permission",
                      String.valueOf(g.permission()),
                      "grantee",
                      g.granteeUri().substring(g.granteeUri().lastIndexOf('/') + 1))));
        }
      }
    } else {
      unknown.add(b.unreadable(req, bucket.acl()));
    }
    Optional<String> policyUnknown = b.policyUnknown(req);
    policyUnknown.ifPresent(unknown::add);
    Optional<BucketPolicy> policy = policyUnknown.isPresent() ? Optional.empty() : b.policy();
    policy.ifPresent(p -> problems.addAll(p.publicAllows()));
    Optional<String> status = policyStatusGap(f, b, policy);
    if (bucket.policyIsPublic() instanceof Observed.Known<Boolean> k
        && Boolean.TRUE.equals(k.value())
        && policy.map(p -> p.publicAllows().isEmpty()).orElse(true)) {
      problems.add(part(f, req, "reported-public"));
    } else if (status.isPresent()) {
      // without S3's own reading, trailaudit's decides only where no condition had to be read
      boolean decidedAlone = policy.map(p -> p.pinnedByCondition().isEmpty()).orElse(true);
      if (!problems.isEmpty() || decidedAlone) {
        notes.add(status.get());
      } else {
        unknown.add(
            f.text(
                req,
                message("unconfirmed"),
                Map.of(
                    "statusGap",
                    status.get(),
                    "pinned",
                    String.join(", ", policy.get().pinnedByCondition()))));
      }
    }
    Map<String, String> values = b.values();
    values.put(
        "noted", notes.isEmpty() ? "" : part(f, req, "noted", "notes", String.join("; ", notes)));
    if (!problems.isEmpty()) {
      values.put("problem", String.join("; ", problems));
      values.put(
          "also",
          unknown.isEmpty() ? "" : part(f, req, "also", "unknown", String.join("; ", unknown)));
      return f.fail(req, b.resource(), message("fail"), values);
    }
    if (!unknown.isEmpty()) {
      return f.error(req, b.resource(), String.join("; ", unknown));
    }
    return f.pass(
        req, b.resource(), message(policy.isPresent() ? "pass" : "pass-no-policy"), values);
  }

  /**
   * Why S3's own reading of the policy ({@code GetBucketPolicyStatus}) is missing; empty when it
   * was read, or when there is no policy to read it for.
   */
  private static Optional<String> policyStatusGap(
      FindingFactory f, BucketContext b, Optional<BucketPolicy> policy) {
    Requirement req = Requirement.NOT_PUBLIC;
    Observed<Boolean> status = b.get().policyIsPublic();
    if (!status.isKnown()) {
      return Optional.of(part(f, req, "status-unreadable", "reason", status.failure().reason()));
    }
    if (status.value() == null && policy.isPresent()) {
      return Optional.of(part(f, req, "status-missing"));
    }
    return Optional.empty();
  }

  private Finding blockPublicAccess(FindingFactory f, BucketContext b, Snapshot snapshot) {
    Requirement req = Requirement.BLOCK_PUBLIC_ACCESS;
    Map<String, String> values = b.values();
    Observed<PublicAccessBlock> bucketLevel = b.get().publicAccessBlock();
    if (allEnabled(bucketLevel)) {
      return f.pass(req, b.resource(), message("pass-bucket"), values);
    }
    Observed<PublicAccessBlock> accountLevel =
        b.accountId()
            .flatMap(snapshot::account)
            .map(AccountSnapshot::s3PublicAccessBlock)
            .orElse(Observed.notCollected(part(f, req, "account-level")));
    // a known account level means a known account: {bucketAccount} is the bucket's own
    if (allEnabled(accountLevel)) {
      return f.pass(req, b.resource(), message("pass-account"), values);
    }
    if (!bucketLevel.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, bucketLevel));
    }
    values.put("bucketOff", offFlags(f, bucketLevel.value()));
    if (!accountLevel.isKnown()) {
      values.put(
          "ofAccount", b.accountId().isPresent() ? f.text(req, message("of-account"), values) : "");
      values.put("reason", String.valueOf(accountLevel.failure().reason()));
      values.put("howToInclude", b.howToInclude(req));
      return f.error(req, b.resource(), message("account-unreadable"), values);
    }
    // S3 applies each flag when it is on at either level.
    PublicAccessBlock effective = union(bucketLevel.value(), accountLevel.value());
    if (effective.allEnabled()) {
      values.put("accountOff", offFlags(f, accountLevel.value()));
      return f.pass(req, b.resource(), message("pass-combined"), values);
    }
    values.put("off", offFlags(f, effective));
    return f.fail(req, b.resource(), message("fail"), values);
  }

  private static boolean allEnabled(Observed<PublicAccessBlock> level) {
    return level instanceof Observed.Known<PublicAccessBlock> k
        && k.value() != null
        && k.value().allEnabled();
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

  private static String offFlags(FindingFactory f, PublicAccessBlock p) {
    Requirement req = Requirement.BLOCK_PUBLIC_ACCESS;
    if (p == null) {
      return part(f, req, "not-configured");
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
    return off.isEmpty()
        ? part(f, req, "flags-on")
        : part(f, req, "flags-off", "flags", String.join(", ", off));
  }

  /**
   * versioning and mfa-delete: PASS when {@code setting} of the bucket's versioning is {@code
   * Enabled}, FAIL naming it otherwise.
   */
  private Finding versioningSetting(
      FindingFactory f,
      BucketContext b,
      Requirement req,
      Function<BucketVersioning, String> setting) {
    Observed<BucketVersioning> v = b.get().versioning();
    if (!v.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, v));
    }
    String status = v.value() == null ? null : setting.apply(v.value());
    Map<String, String> values = b.values();
    if ("Enabled".equals(status)) {
      return f.pass(req, b.resource(), message("pass"), values);
    }
    if (status == null) {
      return f.fail(req, b.resource(), message("fail-unset"), values);
    }
    values.put("status", status);
    return f.fail(req, b.resource(), message("fail"), values);
  }

  private Finding objectLock(FindingFactory f, BucketContext b, int minDays) {
    Requirement req = Requirement.OBJECT_LOCK;
    Observed<ObjectLockConfiguration> o = b.get().objectLock();
    if (!o.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, o));
    }
    Map<String, String> values = b.values();
    ObjectLockConfiguration c = o.value();
    if (c == null || !"Enabled".equals(c.objectLockEnabled())) {
      return f.fail(req, b.resource(), message("not-enabled"), values);
    }
    if (c.defaultRetention() == null) {
      return f.fail(req, b.resource(), message("no-retention"), values);
    }
    var r = c.defaultRetention();
    String period =
        r.days() != null
            ? part(f, req, r.days() == 1 ? "period-day" : "period-days", "count", r.days())
            : part(
                f,
                req,
                r.years() != null && r.years() == 1 ? "period-year" : "period-years",
                "count",
                r.years());
    // Object Lock counts a year as 365 days.
    int days = r.days() != null ? r.days() : r.years() == null ? 0 : r.years() * 365;
    values.put("mode", String.valueOf(r.mode()));
    values.put("period", period);
    values.put("days", String.valueOf(minDays));
    if (days < minDays) {
      return f.fail(req, "retention", b.resource(), message("fail"), values);
    }
    return f.pass(req, b.resource(), message("pass"), values);
  }

  /**
   * Lifecycle rules delete log files without any DeleteObject call: an expiration of current or
   * noncurrent versions sooner than {@code minDays}, on keys where the trails write, fails.
   */
  private Finding lifecycleRetention(FindingFactory f, BucketContext b, int minDays) {
    Requirement req = Requirement.LIFECYCLE_RETENTION;
    Observed<List<Bucket.LifecycleRule>> o = b.get().lifecycleRules();
    if (!o.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, o));
    }
    Map<String, String> values = b.values();
    values.put("days", String.valueOf(minDays));
    List<Bucket.LifecycleRule> rules = o.value() == null ? List.of() : o.value();
    if (rules.isEmpty()) {
      return f.pass(req, b.resource(), message("pass-no-rules"), values);
    }
    Set<String> roots = new LinkedHashSet<>();
    for (TrailView t : b.trails()) {
      String p = t.trail().s3KeyPrefix();
      roots.add((p == null || p.isBlank() ? "" : p.endsWith("/") ? p : p + "/") + "AWSLogs/");
    }
    List<String> deleting = new ArrayList<>();
    List<String> harmless = new ArrayList<>();
    for (Bucket.LifecycleRule rule : rules) {
      String prefix = rule.prefix() == null ? "" : rule.prefix();
      Map<String, String> words = new HashMap<>();
      words.put(
          "rule",
          rule.id() == null
              ? part(f, req, "rule-no-id")
              : part(f, req, "rule", "ruleId", rule.id()));
      words.put("prefix", prefix);
      // Only a rule said to be disabled is harmless; one of unknown status may be deleting logs.
      if ("Disabled".equals(rule.status())) {
        words.put("status", String.valueOf(rule.status()));
        harmless.add(f.text(req, message("rule-status"), words));
        continue;
      }
      if (roots.stream().noneMatch(r -> r.startsWith(prefix) || prefix.startsWith(r))) {
        words.put("roots", String.join(", ", roots));
        harmless.add(f.text(req, message("rule-elsewhere"), words));
        continue;
      }
      // CloudTrail writes its log files untagged: a rule that needs a tag does not select them.
      // Size filters do not exempt them (log files vary in size).
      if (!rule.tags().isEmpty()) {
        words.put("tags", String.valueOf(rule.tags()));
        harmless.add(f.text(req, message("rule-tagged"), words));
        continue;
      }
      List<String> deletes = new ArrayList<>();
      if (rule.expirationDate() != null) {
        deletes.add(part(f, req, "expires-date", "date", rule.expirationDate()));
      }
      if (rule.expirationDays() != null && rule.expirationDays() < minDays) {
        deletes.add(part(f, req, "expires-current", "count", rule.expirationDays()));
      }
      if (rule.noncurrentDays() != null && rule.noncurrentDays() < minDays) {
        deletes.add(
            f.text(
                req,
                message("deletes-noncurrent"),
                Map.of(
                    "count",
                    String.valueOf(rule.noncurrentDays()),
                    "newest",
                    rule.newerNoncurrentVersions() == null
                        ? ""
                        : part(f, req, "newest", "newer", rule.newerNoncurrentVersions()))));
      }
      if (!deletes.isEmpty()) {
        words.put("deletes", String.join(" and ", deletes));
        deleting.add(
            f.text(
                req,
                message(prefix.isEmpty() ? "rule-deletes-all" : "rule-deletes-prefix"),
                words));
      } else {
        harmless.add(keeps(f, rule, words));
      }
    }
    if (!deleting.isEmpty()) {
      values.put("deleting", String.join("; ", deleting));
      return f.fail(req, b.resource(), message("fail"), values);
    }
    values.put("harmless", String.join("; ", harmless));
    return f.pass(req, b.resource(), message("pass"), values);
  }

  /**
   * What an enabled rule that deletes nothing too early does instead; {@code words} name the rule.
   */
  private static String keeps(
      FindingFactory f, Bucket.LifecycleRule rule, Map<String, String> words) {
    Requirement req = Requirement.LIFECYCLE_RETENTION;
    List<String> does = new ArrayList<>();
    if (rule.expirationDays() != null) {
      does.add(part(f, req, "expires-current", "count", rule.expirationDays()));
    }
    if (rule.noncurrentDays() != null) {
      does.add(part(f, req, "deletes-after", "count", rule.noncurrentDays()));
    }
    if (Boolean.TRUE.equals(rule.expiredObjectDeleteMarker())) {
      does.add(part(f, req, "removes-markers"));
    }
    if (rule.abortIncompleteMultipartUploadDays() != null) {
      does.add(part(f, req, "aborts-uploads", "count", rule.abortIncompleteMultipartUploadDays()));
    }
    if (!rule.transitions().isEmpty()) {
      does.add(
          f.text(
              req,
              message("transitions"),
              Map.of("transitions", String.join(", ", rule.transitions()))));
    }
    if (does.isEmpty()) {
      return f.text(req, message("rule-no-action"), words);
    }
    Map<String, String> values = new HashMap<>(words);
    values.put("does", String.join(", ", does));
    return f.text(req, message("rule-keeps"), values);
  }

  private Finding accessLogging(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.ACCESS_LOGGING;
    Observed<BucketLogging> l = b.get().logging();
    if (!l.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, l));
    }
    Map<String, String> values = b.values();
    BucketLogging logging = l.value();
    if (logging == null || logging.targetBucket() == null) {
      return f.fail(req, b.resource(), message("off"), values);
    }
    if (logging.targetBucket().equals(b.name())) {
      return f.fail(req, b.resource(), message("to-itself"), values);
    }
    values.put("target", logging.targetBucket());
    values.put("targetPrefix", logging.targetPrefix() == null ? "" : logging.targetPrefix());
    return f.pass(req, b.resource(), message("pass"), values);
  }

  private Finding tlsOnly(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.TLS_ONLY;
    Optional<String> unknown = b.policyUnknown(req);
    if (unknown.isPresent()) {
      return f.error(req, b.resource(), unknown.get());
    }
    Optional<BucketPolicy> policy = b.policy();
    Map<String, String> values = b.values();
    if (policy.isEmpty()) {
      return f.fail(req, b.resource(), message("no-policy"), values);
    }
    Optional<String> missing = policy.get().insecureTransportGap();
    if (missing.isEmpty()) {
      return f.pass(req, b.resource(), message("pass"), values);
    }
    values.put("gap", missing.get());
    return f.fail(req, b.resource(), message("fail"), values);
  }

  private Finding denyDelete(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.DENY_DELETE;
    Optional<String> unknown = b.policyUnknown(req);
    if (unknown.isPresent()) {
      return f.error(req, b.resource(), unknown.get());
    }
    Optional<BucketPolicy> policy = b.policy();
    Map<String, String> values = b.values();
    values.put("breakGlass", b.breakGlassJson());
    if (policy.isEmpty()) {
      return f.fail(req, b.resource(), message("no-policy"), values);
    }
    BucketPolicy.Deletion deletion = policy.get().deletion(b.breakGlass());
    values.put("explanation", deletion.explanation());
    if (deletion.denied()) {
      return f.pass(req, b.resource(), message("pass"), values);
    }
    values.put(
        "breakGlassHint",
        deletion.unlistedExemptions().isEmpty()
            ? ""
            : f.text(
                req,
                message("no-break-glass"),
                Map.of("exemptions", String.join(", ", deletion.unlistedExemptions()))));
    return f.fail(req, b.resource(), message("fail"), values);
  }

  private Finding dedicated(FindingFactory f, BucketContext b) {
    Requirement req = Requirement.DEDICATED;
    Observed<List<String>> entries = b.get().topLevelEntries();
    if (!entries.isKnown()) {
      return f.error(req, b.resource(), b.unreadable(req, entries));
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
    List<String> all = entries.value() == null ? List.of() : entries.value();
    List<String> foreign = all.stream().filter(e -> !allowed.contains(e)).toList();
    Map<String, String> values = b.values();
    if (foreign.isEmpty()) {
      values.put("topLevel", String.join(", ", all));
      return f.pass(req, b.resource(), message("pass"), values);
    }
    values.put("foreign", String.join(", ", foreign));
    values.put("entries", String.join(" ", foreign));
    return f.fail(req, b.resource(), message("fail"), values);
  }

  /** The message part {@code key} of {@code req}, a template without placeholders. */
  private static String part(FindingFactory f, Requirement req, String key) {
    return f.text(req, message(key), Map.of());
  }

  /**
   * The message part {@code key} of {@code req} with its one placeholder {@code name}; a null value
   * reads "null".
   */
  private static String part(
      FindingFactory f, Requirement req, String key, String name, Object value) {
    return f.text(req, message(key), Map.of(name, String.valueOf(value)));
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
}
