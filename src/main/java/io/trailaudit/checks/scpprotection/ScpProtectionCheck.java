package io.trailaudit.checks.scpprotection;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.ScpNearMiss;
import io.trailaudit.policy.ScpProtection;
import io.trailaudit.policy.ServiceControlPolicies;
import io.trailaudit.policy.WideExemption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Check 9: service control policies stop every principal of every member account but the
 * break-glass principals from turning off the trail, its bucket and its key. Decided with the SCP
 * evaluator ({@link ServiceControlPolicies}) against the organization tree; the management account
 * is never restricted by SCPs and is reported as such.
 */
public final class ScpProtectionCheck implements Check {
  public static final String ID = "scp-protection";

  static final List<String> TRAIL_ACTIONS =
      List.of(
          "cloudtrail:StopLogging",
          "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail",
          "cloudtrail:PutEventSelectors",
          "cloudtrail:PutInsightSelectors");

  /**
   * Deleting or re-permissioning the bucket, and the changes that delete logs or history without a
   * DeleteObject call: lifecycle expiration, suspended versioning, a public ACL.
   */
  static final List<String> BUCKET_ACTIONS =
      List.of(
          "s3:DeleteBucket",
          "s3:DeleteBucketPolicy",
          "s3:PutBucketPolicy",
          "s3:PutLifecycleConfiguration",
          "s3:PutBucketVersioning",
          "s3:PutBucketAcl");

  /** Disabling or deleting the key, and opening it up by policy or grant. */
  static final List<String> KEY_ACTIONS =
      List.of("kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:CreateGrant");

  /**
   * What reading the organization needs, for ERROR messages: exactly the organizations reads of the
   * collector's allow-list (a test compares them).
   */
  static final String PERMISSIONS =
      "organizations:DescribeOrganization, organizations:ListRoots,"
          + " organizations:ListOrganizationalUnitsForParent,"
          + " organizations:ListAccountsForParent, organizations:ListPolicies,"
          + " organizations:DescribePolicy and organizations:ListTargetsForPolicy, from the"
          + " management account or a delegated administrator";

  private static final int MAX_NOTES = 3;

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
    List<TrailView> all = TrailIndex.of(snapshot).all();
    List<TrailView> orgTrails = all.stream().filter(t -> t.trail().isOrganizationTrail()).toList();
    List<TrailView> trails = orgTrails.isEmpty() ? all : orgTrails;
    Observed<OrganizationTree> org = snapshot.organization();
    if (!org.isKnown()) {
      return unreadable(
          f,
          snapshot,
          trails,
          "the organization could not be read: "
              + org.failure().reason()
              + ". Reading SCPs needs "
              + PERMISSIONS);
    }
    if (org.value() == null) {
      return notInTree(f, snapshot, trails);
    }
    ServiceControlPolicies scps = ServiceControlPolicies.of(org.value());
    List<Finding> out = new ArrayList<>();
    out.add(scpEnabled(f, scps));
    for (TrailView t : trails) {
      Tamper tamper = new Tamper(snapshot, scps, t, config.breakGlassPrincipals());
      out.add(tamper.trail(f));
      out.add(tamper.bucket(f));
      out.add(tamper.key(f));
      out.add(managementAccount(f, t, scps.managementAccountId(), accountName(scps, t)));
    }
    return out;
  }

  private Finding scpEnabled(FindingFactory f, ServiceControlPolicies scps) {
    Requirement req = Requirement.SCP_ENABLED;
    OrganizationTree tree = scps.tree();
    OrganizationMembership m = tree.organization();
    Resource where = new Resource(m.managementAccountId(), Resource.GLOBAL, orgArn(m));
    Map<String, String> args = Map.of("rootId", rootId(tree), "orgId", m.organizationId());
    if (!scps.allFeatures()) {
      return f.fail(
          req,
          "all-features",
          where,
          "organization "
              + m.organizationId()
              + " has feature set "
              + m.featureSet()
              + ", not ALL: SCPs cannot be used",
          args);
    }
    if (!scps.enabledOnRoot()) {
      return f.fail(
          req,
          where,
          "the SERVICE_CONTROL_POLICY policy type is not enabled on the root of organization "
              + m.organizationId()
              + ": no SCP applies",
          args);
    }
    return f.pass(
        req,
        where,
        "organization "
            + m.organizationId()
            + " has all features and SCPs enabled on its root ("
            + scps.memberAccounts().size()
            + " member accounts)");
  }

  /** The organization tree is unavailable: every requirement is ERROR (management: N/A). */
  private List<Finding> unreadable(
      FindingFactory f, Snapshot snapshot, List<TrailView> trails, String why) {
    List<Finding> out = new ArrayList<>();
    Optional<OrganizationMembership> m = membership(snapshot);
    String account =
        m.map(OrganizationMembership::managementAccountId)
            .orElse(snapshot.accounts().isEmpty() ? "-" : snapshot.accounts().get(0).accountId());
    out.add(
        f.error(
            Requirement.SCP_ENABLED,
            new Resource(
                account,
                Resource.GLOBAL,
                m.map(ScpProtectionCheck::orgArn).orElse("arn:aws:iam::" + account + ":root")),
            why));
    for (TrailView t : trails) {
      out.add(f.error(Requirement.TRAIL_TAMPER_DENIED, t.resource(), why));
      out.add(f.error(Requirement.BUCKET_TAMPER_DENIED, bucketResource(snapshot, t), why));
      out.add(keyTamperUnknown(f, snapshot, t, why));
      out.add(
          managementAccount(
              f, t, m.map(OrganizationMembership::managementAccountId).orElse(null), null));
    }
    return out;
  }

  /** The snapshot holds no organization tree: standalone accounts, or a tree not collected. */
  private List<Finding> notInTree(FindingFactory f, Snapshot snapshot, List<TrailView> trails) {
    List<String> unknown = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      if (!a.organization().isKnown()) {
        unknown.add(a.accountId() + ": " + a.organization().failure().reason());
      }
    }
    if (membership(snapshot).isPresent()) {
      return unreadable(
          f,
          snapshot,
          trails,
          "the accounts belong to organization "
              + membership(snapshot).get().organizationId()
              + " but the snapshot holds no organization tree. Reading SCPs needs "
              + PERMISSIONS);
    }
    if (!unknown.isEmpty()) {
      return unreadable(
          f,
          snapshot,
          trails,
          "whether the accounts belong to an organization could not be read ("
              + String.join("; ", unknown)
              + "). Reading SCPs needs "
              + PERMISSIONS);
    }
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      out.add(
          f.fail(
              Requirement.SCP_ENABLED,
              "standalone",
              Resource.account(a.accountId()),
              "account "
                  + a.accountId()
                  + " is in no AWS Organization, so no SCP can protect its trails",
              Map.of("account", a.accountId())));
    }
    for (TrailView t : trails) {
      String why =
          "account "
              + t.account()
              + " is in no AWS Organization: no service control policy can stop its principals"
              + " from changing trail "
              + t.name();
      Map<String, String> args = Map.of("account", t.account());
      out.add(f.fail(Requirement.TRAIL_TAMPER_DENIED, "standalone", t.resource(), why, args));
      out.add(
          f.fail(
              Requirement.BUCKET_TAMPER_DENIED,
              "standalone",
              bucketResource(snapshot, t),
              why,
              args));
      Optional<String> key = keyArn(snapshot, t);
      out.add(
          t.trail().kmsKeyId() == null
              ? noKey(f, t)
              : f.fail(
                  Requirement.KEY_TAMPER_DENIED,
                  "standalone",
                  new Resource(t.account(), t.region(), key.orElse(t.trail().kmsKeyId())),
                  why,
                  args));
      out.add(
          f.notApplicable(
              Requirement.MANAGEMENT_ACCOUNT,
              t.resource(),
              "account "
                  + t.account()
                  + " is in no AWS Organization, so there is no management account (see"
                  + " scp-protection/scp-enabled)"));
    }
    return out;
  }

  private Finding managementAccount(
      FindingFactory f, TrailView t, String management, String managementName) {
    Requirement req = Requirement.MANAGEMENT_ACCOUNT;
    String who =
        management == null
            ? "the management account"
            : "the management account "
                + management
                + (managementName == null ? "" : " (" + managementName + ")");
    String owner =
        t.account().equals(management)
            ? who
                + ", which owns "
                + (t.trail().isOrganizationTrail() ? "organization trail " : "trail ")
                + t.name()
                + (t.trail().isOrganizationTrail()
                    ? " (as it owns every organization trail, even one a delegated administrator created)"
                    : "")
            : who + " (trail " + t.name() + " belongs to account " + t.account() + ")";
    return f.notApplicable(
        req,
        t.resource(),
        "SCPs never restrict "
            + owner
            + ": nothing an SCP says can stop its principals from stopping or deleting the trail,"
            + " nor from calling organizations:DisableAWSServiceAccess for"
            + " cloudtrail.amazonaws.com, which only the management account can call and which"
            + " removes the trusted access to the organization that organization trails need."
            + " Restrict access to that account instead: no workloads, few principals with MFA,"
            + " and alarms on its root and administrator sign-ins");
  }

  private static String accountName(ServiceControlPolicies scps, TrailView t) {
    return scps.account(scps.managementAccountId())
        .map(OrganizationTree.Account::name)
        .orElse(null);
  }

  private static Finding noKey(FindingFactory f, TrailView t) {
    return f.notApplicable(
        Requirement.KEY_TAMPER_DENIED,
        t.resource(),
        "trail " + t.name() + " is not encrypted with a KMS key (see kms-encryption/sse-kms)");
  }

  private static Finding keyTamperUnknown(
      FindingFactory f, Snapshot snapshot, TrailView t, String why) {
    if (t.trail().kmsKeyId() == null) {
      return noKey(f, t);
    }
    String arn = keyArn(snapshot, t).orElse(t.trail().kmsKeyId());
    return f.error(Requirement.KEY_TAMPER_DENIED, new Resource(t.account(), t.region(), arn), why);
  }

  private static boolean isKeyArn(String text) {
    return Arn.parse(text).filter(a -> a.is("kms", "key")).isPresent();
  }

  /** The trail key's ARN: as the trail names it, or from the key's metadata. */
  static Optional<String> keyArn(Snapshot snapshot, TrailView t) {
    String id = t.trail().kmsKeyId();
    if (id == null) {
      return Optional.empty();
    }
    if (isKeyArn(id)) {
      return Optional.of(id);
    }
    Optional<KmsKey> key = snapshot.key(id);
    if (key.isPresent() && isKeyArn(key.get().arn())) {
      return Optional.of(key.get().arn());
    }
    return key.flatMap(
        k ->
            k.metadata() instanceof Observed.Known<KmsKey.KeyMetadata> m && m.value() != null
                ? Optional.ofNullable(m.value().arn())
                : Optional.empty());
  }

  static Resource bucketResource(Snapshot snapshot, TrailView t) {
    String name = String.valueOf(t.trail().s3BucketName());
    Optional<Bucket> b = snapshot.bucket(name);
    String account = b.map(Bucket::accountId).orElse(t.account());
    String region =
        b.map(Bucket::region)
            .filter(Observed::isKnown)
            .map(Observed::value)
            .filter(r -> !r.isBlank())
            .orElse(t.region());
    return new Resource(account == null ? t.account() : account, region, "arn:aws:s3:::" + name);
  }

  private static Optional<OrganizationMembership> membership(Snapshot snapshot) {
    for (AccountSnapshot a : snapshot.accounts()) {
      if (a.organization() instanceof Observed.Known<OrganizationMembership> k
          && k.value() != null) {
        return Optional.of(k.value());
      }
    }
    return Optional.empty();
  }

  static String orgArn(OrganizationMembership m) {
    return m.organizationArn() != null
        ? m.organizationArn()
        : "arn:aws:organizations::"
            + m.managementAccountId()
            + ":organization/"
            + m.organizationId();
  }

  static String rootId(OrganizationTree tree) {
    return tree.roots().isEmpty() ? "<root-id>" : tree.roots().get(0).id();
  }

  /** One trail's three tamper requirements, evaluated over every member account. */
  private static final class Tamper {
    private final Snapshot snapshot;
    private final ServiceControlPolicies scps;
    private final TrailView trail;
    private final List<String> breakGlass;

    Tamper(
        Snapshot snapshot, ServiceControlPolicies scps, TrailView trail, List<String> breakGlass) {
      this.snapshot = snapshot;
      this.scps = scps;
      this.trail = trail;
      this.breakGlass = breakGlass;
    }

    Finding trail(FindingFactory f) {
      return judge(
          f, Requirement.TRAIL_TAMPER_DENIED, trail.resource(), trail.arn(), TRAIL_ACTIONS);
    }

    Finding bucket(FindingFactory f) {
      Resource where = bucketResource(snapshot, trail);
      return judge(f, Requirement.BUCKET_TAMPER_DENIED, where, where.arn(), BUCKET_ACTIONS);
    }

    Finding key(FindingFactory f) {
      if (trail.trail().kmsKeyId() == null) {
        return noKey(f, trail);
      }
      Optional<String> arn = keyArn(snapshot, trail);
      if (arn.isEmpty()) {
        return f.error(
            Requirement.KEY_TAMPER_DENIED,
            new Resource(trail.account(), trail.region(), trail.trail().kmsKeyId()),
            "trail "
                + trail.name()
                + " names its key as "
                + trail.trail().kmsKeyId()
                + " and the snapshot does not resolve it to a key ARN, which SCP resources name");
      }
      String region = Arns.region(arn.get());
      Resource where =
          new Resource(
              Arns.account(arn.get()), region.isEmpty() ? trail.region() : region, arn.get());
      return judge(f, Requirement.KEY_TAMPER_DENIED, where, arn.get(), KEY_ACTIONS);
    }

    private Finding judge(
        FindingFactory f,
        Requirement req,
        Resource where,
        String resourceArn,
        List<String> actions) {
      Map<String, String> args = args(resourceArn, actions);
      String subject = String.join(", ", actions) + " on " + resourceArn;
      if (!scps.inForce()) {
        return f.fail(
            req,
            where,
            subject
                + " are not denied by SCPs: "
                + (scps.allFeatures()
                    ? "the SERVICE_CONTROL_POLICY type is not enabled on the root"
                    : "the organization does not have all features")
                + " (see scp-protection/scp-enabled)",
            args);
      }
      List<OrganizationTree.Account> members = scps.memberAccounts();
      if (members.isEmpty()) {
        return f.notApplicable(
            req, where, "the organization has no member account for SCPs to restrict");
      }
      Map<String, List<String>> openByActions = new LinkedHashMap<>();
      Map<String, List<String>> undecidedByActions = new LinkedHashMap<>();
      Set<String> undecidedWhy = new LinkedHashSet<>();
      Set<String> wide = new LinkedHashSet<>();
      Set<String> notes = new LinkedHashSet<>();
      Set<String> breakGlassDenied = new LinkedHashSet<>();
      Set<String> deniedBy = new LinkedHashSet<>();
      for (OrganizationTree.Account a : members) {
        String label = a.id() + " (" + scps.pathLabel(a.id()) + ")";
        ScpProtection p;
        try {
          p = scps.protection(a.id(), resourceArn, actions, breakGlass);
        } catch (IllegalArgumentException e) {
          undecidedByActions.computeIfAbsent("all", k -> new ArrayList<>()).add(label);
          undecidedWhy.add("the path of account " + a.id() + " to the root cannot be followed");
          continue;
        }
        if (!p.open().isEmpty()) {
          openByActions
              .computeIfAbsent(String.join(", ", p.open()), k -> new ArrayList<>())
              .add(label);
        }
        if (!p.undecided().isEmpty()) {
          undecidedByActions
              .computeIfAbsent(String.join(", ", p.undecided()), k -> new ArrayList<>())
              .add(label);
          p.actions().stream()
              .filter(v -> v.state() == ScpProtection.State.UNDECIDED)
              .forEach(v -> undecidedWhy.add(v.reason()));
        }
        for (WideExemption w : p.widerExemptions()) {
          p.relevantNearMisses().stream()
              .filter(n -> n.wideExemptions().contains(w))
              .findFirst()
              .ifPresent(n -> wide.add(w.patternAndWhy() + " (" + n.statement().label() + ")"));
        }
        p.relevantNearMisses().stream()
            .filter(n -> n.wideExemptions().isEmpty())
            .map(ScpNearMiss::describe)
            .forEach(notes::add);
        breakGlassDenied.addAll(p.breakGlassDenied());
        p.actions().stream()
            .filter(v -> v.state() == ScpProtection.State.DENIED)
            .forEach(
                v ->
                    deniedBy.add(
                        v.reason()
                            .replaceFirst("^denied by ", "")
                            .replaceFirst(
                                " allows \\S+( but to break-glass principals)?$",
                                " allows them$1")));
      }
      if (!openByActions.isEmpty() || !wide.isEmpty()) {
        StringBuilder sb =
            new StringBuilder("not denied to every principal outside the break-glass list: ");
        sb.append(
            openByActions.entrySet().stream()
                .map(e -> e.getKey() + " in " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; ")));
        if (!wide.isEmpty()) {
          sb.append(". Exemptions wider than the break-glass list")
              .append(
                  breakGlass.isEmpty()
                      ? " (none is configured: breakGlassPrincipals)"
                      : " " + breakGlass)
              .append(": ")
              .append(String.join("; ", wide));
        }
        if (!notes.isEmpty()) {
          sb.append(". Not counted: ")
              .append(notes.stream().limit(MAX_NOTES).collect(Collectors.joining("; ")));
          if (notes.size() > MAX_NOTES) {
            sb.append("; and ").append(notes.size() - MAX_NOTES).append(" more");
          }
        }
        if (!undecidedByActions.isEmpty()) {
          sb.append(". Also undecided: ").append(String.join("; ", undecidedWhy));
        }
        return f.fail(req, where, sb.toString(), args);
      }
      if (!undecidedByActions.isEmpty()) {
        return f.error(
            req,
            where,
            "cannot tell whether "
                + undecidedByActions.entrySet().stream()
                    .map(e -> e.getKey() + " in " + String.join(", ", e.getValue()))
                    .collect(Collectors.joining("; "))
                + " are denied: "
                + String.join("; ", undecidedWhy));
      }
      String message =
          subject
              + " denied to every principal outside the break-glass list in all "
              + members.size()
              + " member accounts, by "
              + String.join("; ", deniedBy);
      if (!breakGlassDenied.isEmpty()) {
        message +=
            ". The break-glass principals are denied too ("
                + breakGlassDenied.stream().limit(MAX_NOTES).collect(Collectors.joining("; "))
                + (breakGlassDenied.size() > MAX_NOTES ? "; …" : "")
                + "): a change then needs the management account to detach the SCP";
      }
      return f.pass(req, where, message);
    }

    private Map<String, String> args(String resourceArn, List<String> actions) {
      Map<String, String> args = new HashMap<>(trail.remediationArgs());
      args.put("resourceArn", resourceArn);
      args.put(
          "actions",
          actions.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",", "[", "]")));
      args.put("rootId", rootId(scps.tree()));
      args.put("orgId", scps.tree().organization().organizationId());
      args.put("breakGlass", breakGlassJson());
      return args;
    }

    private String breakGlassJson() {
      List<String> principals =
          breakGlass.isEmpty()
              ? List.of("arn:aws:iam::<account>:role/<break-glass-role>")
              : breakGlass;
      return principals.stream()
          .map(p -> "\"" + p + "\"")
          .collect(Collectors.joining(",", "[", "]"));
    }
  }
}
