package io.trailaudit.checks.kmsencryption;

import static io.trailaudit.checks.FindingFactory.message;

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
      Map<String, String> values = new HashMap<>(t.remediationArgs());
      values.put("trail", t.label());
      if (keyId == null || keyId.isBlank()) {
        out.add(f.fail(Requirement.SSE_KMS, t.resource(), message("fail"), values));
        for (Requirement req : KEY_REQUIREMENTS) {
          out.add(f.notApplicable(req, t.resource(), message("no-key"), values));
        }
        continue;
      }
      values.put("keyId", keyId);
      out.add(f.pass(Requirement.SSE_KMS, t.resource(), message("pass"), values));
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
      Map<String, String> values =
          Map.of(
              "keyId",
              keyId,
              "users",
              users,
              "otherAccount",
              inOtherAccount(snapshot, where.account()));
      return KEY_REQUIREMENTS.stream()
          .map(r -> f.error(r, where, message("not-in-snapshot"), values))
          .toList();
    }
    KmsKey key = found.get();
    Map<String, String> args = new HashMap<>(trails.get(0).remediationArgs());
    args.put("key", String.valueOf(key.arn()));
    args.put("users", users);
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
    args.put("account", keyAccount);
    Resource keyWhere = new Resource(keyAccount, args.get("keyRegion"), keyArn);
    return List.of(
        customerManaged(f, snapshot, key, keyWhere, args),
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
      return unreadable(f, req, snapshot, key.grants(), where, args);
    }
    List<KmsKey.Grant> grants = key.grants().value() == null ? List.of() : key.grants().value();
    List<String> outside = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    String firstId = null;
    Map<String, String> values = new HashMap<>(args);
    for (KmsKey.Grant g : grants) {
      List<String> ops = g.operations().stream().filter(READING_OPERATIONS::contains).toList();
      if (ops.isEmpty()) {
        continue;
      }
      values.put(
          "grant", String.valueOf(g.name() == null || g.name().isBlank() ? g.grantId() : g.name()));
      values.put("grantee", String.valueOf(g.granteePrincipal()));
      String grantee = g.granteePrincipal() == null ? "" : g.granteePrincipal();
      String account = Arns.account(grantee);
      boolean inAccount = !account.isEmpty() && account.equals(where.account());
      boolean glass = breakGlass.stream().anyMatch(p -> Glob.of(p).matches(grantee, false));
      if (!Arn.isArn(grantee) && grantee.endsWith(".amazonaws.com")) {
        fine.add(f.text(req, message("grant-service"), values));
      } else if (inAccount || glass) {
        fine.add(f.text(req, message(glass ? "grant-break-glass" : "grant"), values));
      } else {
        values.put("operations", String.join(", ", ops));
        outside.add(
            f.text(
                req,
                message(g.constrained() ? "grant-outside-constrained" : "grant-outside"),
                values));
        firstId = firstId == null ? g.grantId() : firstId;
      }
    }
    if (!outside.isEmpty()) {
      values.put("grantId", firstId);
      values.put("outside", String.join("; ", outside));
      return f.fail(req, where, message("fail"), values);
    }
    if (grants.isEmpty()) {
      return f.pass(req, where, message("pass-no-grants"), values);
    }
    values.put("fine", String.join("; ", fine));
    return f.pass(req, where, message(fine.isEmpty() ? "pass" : "pass-with-grants"), values);
  }

  private Finding customerManaged(
      FindingFactory f, Snapshot snapshot, KmsKey key, Resource where, Map<String, String> args) {
    Requirement req = Requirement.CUSTOMER_MANAGED_KEY;
    if (!key.metadata().isKnown()) {
      return unreadable(f, req, snapshot, key.metadata(), where, args);
    }
    KeyMetadata m = key.metadata().value();
    if (m == null) {
      // a key that does not exist cannot be enabled: the fix is a new customer-managed key for the
      // trail
      return f.fail(req, "aws-managed", where, message("fail-missing"), args);
    }
    Map<String, String> values = new HashMap<>(args);
    if (m.keyState() == null || m.keyManager() == null) {
      values.put("field", m.keyManager() == null ? "KeyManager" : "KeyState");
      return f.error(req, where, message("no-field"), values);
    }
    values.put("keyManager", m.keyManager());
    values.put("keyState", m.keyState());
    if (!"CUSTOMER".equals(m.keyManager())) {
      return f.fail(req, "aws-managed", where, message("fail-aws-managed"), values);
    }
    if ("PendingDeletion".equals(m.keyState()) || "PendingReplicaDeletion".equals(m.keyState())) {
      return f.fail(req, "pending-deletion", where, message("fail-pending-deletion"), values);
    }
    if (!"Enabled".equals(m.keyState())) {
      return f.fail(req, where, message("fail-not-enabled"), values);
    }
    return f.pass(req, where, message("pass"), values);
  }

  private Finding rotation(
      FindingFactory f, Snapshot snapshot, KmsKey key, Resource where, Map<String, String> args) {
    Requirement req = Requirement.KEY_ROTATION;
    if (!key.rotationEnabled().isKnown()) {
      return unreadable(f, req, snapshot, key.rotationEnabled(), where, args);
    }
    Boolean enabled = key.rotationEnabled().value();
    if (enabled == null) {
      return f.error(req, where, message("empty"), args);
    }
    if (enabled) {
      return f.pass(req, where, message("pass"), args);
    }
    return f.fail(req, where, message("fail"), args);
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
      return unreadable(f, req, snapshot, key.policy(), where, args);
    }
    if (key.policy().value() == null) {
      return f.error(req, where, message("empty"), args);
    }
    Map<String, String> values = new HashMap<>(args);
    KmsCloudTrailResult r;
    try {
      r =
          KeyPolicy.evaluate(
              key.policy().value(), KeyPolicy.trustedAccounts(snapshot, where.account(), trails));
    } catch (PolicyParseException e) {
      values.put("reason", String.valueOf(e.getMessage()));
      return f.error(req, where, message("invalid"), values);
    }
    if (r.satisfied()) {
      return f.pass(req, where, message("pass"), values);
    }
    values.put("problem", String.valueOf(r.explanation()));
    if (!r.undecidedAccounts().isEmpty() && KeyPolicy.organizationAccounts(snapshot).isEmpty()) {
      values.put("accounts", String.join(", ", r.undecidedAccounts()));
      values.put(
          "organizationNote",
          snapshot.organization().isKnown()
              ? ""
              : f.text(
                  req,
                  message("organization-unavailable"),
                  Map.of("reason", snapshot.organization().failure().reason())));
      return f.error(req, where, message("undecided"), values);
    }
    return f.fail(req, where, message("fail"), values);
  }

  private static Resource keyResource(String keyId, TrailView trail) {
    String account = Arns.account(keyId);
    String region = Arns.region(keyId);
    return new Resource(
        account.isEmpty() ? trail.account() : account,
        region.isEmpty() ? trail.region() : region,
        keyId);
  }

  private static Finding unreadable(
      FindingFactory f,
      Requirement req,
      Snapshot snapshot,
      Observed<?> value,
      Resource where,
      Map<String, String> args) {
    Map<String, String> values = new HashMap<>(args);
    values.put("reason", String.valueOf(value.failure().reason()));
    values.put("otherAccount", inOtherAccount(snapshot, where.account()));
    return f.error(req, where, message("unreadable"), values);
  }

  private static String inOtherAccount(Snapshot snapshot, String account) {
    if (account.isEmpty() || snapshot.account(account).isPresent()) {
      return "";
    }
    return Messages.includeAccount(account);
  }
}
