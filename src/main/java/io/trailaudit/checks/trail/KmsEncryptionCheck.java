package io.trailaudit.checks.trail;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Arns;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.KmsCloudTrailResult;
import io.trailaudit.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Check 2: trail logs encrypted with an enabled, rotating customer-managed key with a tight policy.
 * {@code sse-kms} is per trail; the key requirements are per key, however many trails use it.
 */
public final class KmsEncryptionCheck implements Check {
  public static final String ID = "kms-encryption";
  private static final List<String> KEY_REQUIREMENTS =
      List.of("customer-managed-key", "key-rotation", "key-policy");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    List<Finding> out = new ArrayList<>();
    Map<String, List<TrailView>> trailsByKey = new LinkedHashMap<>();
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      String keyId = t.trail().kmsKeyId();
      if (keyId == null || keyId.isBlank()) {
        out.add(
            f.fail(
                "sse-kms",
                t.resource(),
                "trail "
                    + t.label()
                    + " is not encrypted with SSE-KMS"
                    + " (log files use SSE-S3 only)",
                t.remediationArgs()));
        for (String req : KEY_REQUIREMENTS) {
          out.add(
              f.notApplicable(
                  req,
                  t.resource(),
                  "trail " + t.name() + " has no KMS key (see kms-encryption/sse-kms)"));
        }
        continue;
      }
      out.add(f.pass("sse-kms", t.resource(), "trail " + t.name() + " is encrypted with " + keyId));
      // one group per key, however the trails name it (ARN, key id): its requirements are reported
      // once
      String group = snapshot.key(keyId).map(KmsKey::arn).orElse(keyId);
      trailsByKey.computeIfAbsent(group, k -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<String, List<TrailView>> e : trailsByKey.entrySet()) {
      out.addAll(evaluateKey(f, snapshot, e.getKey(), e.getValue()));
    }
    return out;
  }

  private List<Finding> evaluateKey(
      FindingFactory f, Snapshot snapshot, String keyId, List<TrailView> trails) {
    Optional<KmsKey> found = snapshot.key(keyId);
    Resource where = keyResource(keyId, trails.get(0));
    String users = trails.stream().map(TrailView::name).collect(Collectors.joining(", "));
    if (found.isEmpty()) {
      String msg =
          "key "
              + keyId
              + " of trail(s) "
              + users
              + " is not in the snapshot, so it could not be"
              + " checked"
              + inOtherAccount(snapshot, where.account());
      return KEY_REQUIREMENTS.stream().map(r -> f.error(r, where, msg)).toList();
    }
    KmsKey key = found.get();
    Map<String, String> args = new HashMap<>(trails.get(0).remediationArgs());
    String keyArn =
        key.metadata() instanceof Observed.Known<KeyMetadata> k
                && k.value() != null
                && k.value().arn() != null
            ? k.value().arn()
            : key.arn();
    args.put("keyArn", keyArn);
    args.put(
        "keyRegion", Arns.region(keyArn).isEmpty() ? trails.get(0).region() : Arns.region(keyArn));
    String keyAccount = Arns.account(keyArn).isEmpty() ? where.account() : Arns.account(keyArn);
    Resource keyWhere = new Resource(keyAccount, args.get("keyRegion"), keyArn);
    return List.of(
        customerManaged(f, snapshot, key, keyWhere, users, args),
        rotation(f, snapshot, key, keyWhere, args),
        policy(f, snapshot, key, keyWhere, trails, args));
  }

  private Finding customerManaged(
      FindingFactory f,
      Snapshot snapshot,
      KmsKey key,
      Resource where,
      String users,
      Map<String, String> args) {
    String req = "customer-managed-key";
    if (!key.metadata().isKnown()) {
      return f.error(req, where, unreadable(snapshot, key, key.metadata(), where));
    }
    KeyMetadata m = key.metadata().value();
    if (m == null) {
      // a key that does not exist cannot be enabled: the fix is a new customer-managed key for the
      // trail
      return f.fail(
          req,
          "aws-managed",
          where,
          "key "
              + key.arn()
              + " used by "
              + users
              + " does not exist:"
              + " CloudTrail cannot deliver logs",
          args);
    }
    if (m.keyState() == null || m.keyManager() == null) {
      return f.error(
          req,
          where,
          "key "
              + key.arn()
              + " has no "
              + (m.keyManager() == null ? "KeyManager" : "KeyState")
              + " in its DescribeKey metadata");
    }
    if (!"CUSTOMER".equals(m.keyManager())) {
      return f.fail(
          req,
          "aws-managed",
          where,
          "key "
              + key.arn()
              + " is managed by "
              + m.keyManager()
              + ", not by the customer: its policy and rotation cannot be controlled",
          args);
    }
    if ("PendingDeletion".equals(m.keyState()) || "PendingReplicaDeletion".equals(m.keyState())) {
      return f.fail(
          req,
          "pending-deletion",
          where,
          "key " + key.arn() + " is " + m.keyState() + ": log delivery stops when it is deleted",
          args);
    }
    if (!"Enabled".equals(m.keyState())) {
      return f.fail(
          req,
          where,
          "key "
              + key.arn()
              + " is "
              + m.keyState()
              + ": CloudTrail cannot encrypt"
              + " log files with it",
          args);
    }
    return f.pass(
        req, where, "key " + key.arn() + " is an enabled customer-managed key used by " + users);
  }

  private Finding rotation(
      FindingFactory f, Snapshot snapshot, KmsKey key, Resource where, Map<String, String> args) {
    String req = "key-rotation";
    if (!key.rotationEnabled().isKnown()) {
      return f.error(req, where, unreadable(snapshot, key, key.rotationEnabled(), where));
    }
    Boolean enabled = key.rotationEnabled().value();
    if (enabled == null) {
      return f.error(
          req, where, "the rotation status of key " + key.arn() + " is empty in the snapshot");
    }
    if (enabled) {
      return f.pass(req, where, "automatic rotation is enabled for key " + key.arn());
    }
    return f.fail(req, where, "automatic rotation is disabled for key " + key.arn(), args);
  }

  private Finding policy(
      FindingFactory f,
      Snapshot snapshot,
      KmsKey key,
      Resource where,
      List<TrailView> trails,
      Map<String, String> args) {
    String req = "key-policy";
    if (!key.policy().isKnown()) {
      return f.error(req, where, unreadable(snapshot, key, key.policy(), where));
    }
    if (key.policy().value() == null) {
      return f.error(req, where, "the policy of key " + key.arn() + " is empty in the snapshot");
    }
    KmsCloudTrailResult r;
    try {
      r =
          KeyPolicy.evaluate(
              key.policy().value(), KeyPolicy.trustedAccounts(snapshot, where.account(), trails));
    } catch (PolicyParseException e) {
      return f.error(
          req,
          where,
          "the policy of key " + key.arn() + " is not a valid policy document: " + e.getMessage());
    }
    if (r.satisfied()) {
      return f.pass(
          req,
          where,
          "the key policy lets CloudTrail encrypt only for the trails of the key owner, the"
              + " accounts whose trails use it or the organization's accounts, and grants"
              + " kms:Decrypt to no * principal unless a condition pins the caller to fixed values");
    }
    if (!r.undecidedAccounts().isEmpty() && KeyPolicy.organizationAccounts(snapshot).isEmpty()) {
      return f.error(
          req,
          where,
          "key policy of "
              + key.arn()
              + ": "
              + r.explanation()
              + ". Whether "
              + String.join(", ", r.undecidedAccounts())
              + " belong to the organization cannot be told: the snapshot holds no organization"
              + " tree"
              + (snapshot.organization().isKnown()
                  ? ""
                  : " (" + snapshot.organization().failure().reason() + ")"));
    }
    Map<String, String> withProblem = new HashMap<>(args);
    withProblem.put("problem", r.explanation());
    return f.fail(req, where, "key policy of " + key.arn() + ": " + r.explanation(), withProblem);
  }

  private static Resource keyResource(String keyId, TrailView trail) {
    String account = Arns.account(keyId);
    String region = Arns.region(keyId);
    return new Resource(
        account.isEmpty() ? trail.account() : account,
        region.isEmpty() ? trail.region() : region,
        keyId);
  }

  private static String unreadable(
      Snapshot snapshot, KmsKey key, Observed<?> value, Resource where) {
    return "key "
        + key.arn()
        + " (account "
        + where.account()
        + ") could not be read: "
        + value.failure().reason()
        + inOtherAccount(snapshot, where.account());
  }

  private static String inOtherAccount(Snapshot snapshot, String account) {
    if (account.isEmpty() || snapshot.account(account).isPresent()) {
      return "";
    }
    return Messages.includeAccount(account);
  }
}
