package io.trailaudit.checks.kmsencryption;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.Glob;
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
  private static final List<Requirement> KEY_REQUIREMENTS =
      List.of(
          Requirement.CUSTOMER_MANAGED_KEY,
          Requirement.KEY_ROTATION,
          Requirement.KEY_POLICY,
          Requirement.GRANTS);

  /** Grant operations that read log files, or hand that power on. */
  static final List<String> READING_OPERATIONS = List.of("Decrypt", "ReEncryptFrom", "CreateGrant");

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
    List<Finding> out = new ArrayList<>();
    Map<String, List<TrailView>> trailsByKey = new LinkedHashMap<>();
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      String keyId = t.trail().kmsKeyId();
      if (keyId == null || keyId.isBlank()) {
        out.add(
            f.fail(
                Requirement.SSE_KMS,
                t.resource(),
                "trail "
                    + t.label()
                    + " is not encrypted with SSE-KMS"
                    + " (log files use SSE-S3 only)",
                t.remediationArgs()));
        for (Requirement req : KEY_REQUIREMENTS) {
          out.add(
              f.notApplicable(
                  req,
                  t.resource(),
                  "trail " + t.name() + " has no KMS key (see kms-encryption/sse-kms)"));
        }
        continue;
      }
      out.add(
          f.pass(
              Requirement.SSE_KMS,
              t.resource(),
              "trail " + t.name() + " is encrypted with " + keyId));
      // one group per key, however the trails name it (ARN, key id): its requirements are reported
      // once
      String group = snapshot.key(keyId).map(KmsKey::arn).orElse(keyId);
      trailsByKey.computeIfAbsent(group, k -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<String, List<TrailView>> e : trailsByKey.entrySet()) {
      out.addAll(evaluateKey(f, snapshot, e.getKey(), e.getValue(), config.breakGlassPrincipals()));
    }
    return out;
  }

  private List<Finding> evaluateKey(
      FindingFactory f,
      Snapshot snapshot,
      String keyId,
      List<TrailView> trails,
      List<String> breakGlass) {
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
        policy(f, snapshot, key, keyWhere, trails, args),
        grants(f, snapshot, key, keyWhere, args, breakGlass));
  }

  /**
   * A grant is a second key policy: one giving Decrypt, ReEncryptFrom or CreateGrant to a principal
   * outside the key's account and the break-glass list lets it read the logs whatever the policy
   * says. A grantee that is an AWS service principal (no ARN) can act only through that service,
   * which the grant's creator used on their own resources: reported, not failed.
   */
  private Finding grants(
      FindingFactory f,
      Snapshot snapshot,
      KmsKey key,
      Resource where,
      Map<String, String> args,
      List<String> breakGlass) {
    Requirement req = Requirement.GRANTS;
    if (!key.grants().isKnown()) {
      return f.error(req, where, unreadable(snapshot, key, key.grants(), where));
    }
    List<KmsKey.Grant> grants = key.grants().value() == null ? List.of() : key.grants().value();
    List<String> outside = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    String firstId = null;
    for (KmsKey.Grant g : grants) {
      List<String> ops = g.operations().stream().filter(READING_OPERATIONS::contains).toList();
      String label =
          "grant "
              + (g.name() == null || g.name().isBlank() ? g.grantId() : g.name())
              + " to "
              + g.granteePrincipal();
      if (ops.isEmpty()) {
        continue;
      }
      String grantee = g.granteePrincipal() == null ? "" : g.granteePrincipal();
      String account = Arns.account(grantee);
      boolean inAccount = !account.isEmpty() && account.equals(where.account());
      boolean glass = breakGlass.stream().anyMatch(p -> Glob.of(p).matches(grantee, false));
      if (!Arn.isArn(grantee) && grantee.endsWith(".amazonaws.com")) {
        fine.add(label + " (an AWS service principal)");
      } else if (inAccount || glass) {
        fine.add(label + (glass ? " (break-glass)" : ""));
      } else {
        outside.add(
            label
                + " allows "
                + String.join(", ", ops)
                + (g.constrained() ? " (under an encryption context constraint)" : ""));
        firstId = firstId == null ? g.grantId() : firstId;
      }
    }
    if (!outside.isEmpty()) {
      Map<String, String> withGrant = new HashMap<>(args);
      withGrant.put("grantId", firstId);
      return f.fail(
          req,
          where,
          "grants on key "
              + key.arn()
              + " let principals outside account "
              + where.account()
              + " and the break-glass list read the logs: "
              + String.join("; ", outside),
          withGrant);
    }
    return f.pass(
        req,
        where,
        grants.isEmpty()
            ? "key " + key.arn() + " has no grants"
            : "no grant on key "
                + key.arn()
                + " gives Decrypt, ReEncryptFrom or CreateGrant outside account "
                + where.account()
                + (fine.isEmpty() ? "" : ": " + String.join("; ", fine)));
  }

  private Finding customerManaged(
      FindingFactory f,
      Snapshot snapshot,
      KmsKey key,
      Resource where,
      String users,
      Map<String, String> args) {
    Requirement req = Requirement.CUSTOMER_MANAGED_KEY;
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
    Requirement req = Requirement.KEY_ROTATION;
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
    Requirement req = Requirement.KEY_POLICY;
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
