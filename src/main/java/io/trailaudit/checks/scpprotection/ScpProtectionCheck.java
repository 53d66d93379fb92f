package io.trailaudit.checks.scpprotection;

import static io.trailaudit.checks.FindingFactory.message;

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
          f, snapshot, trails, why(f, "why-unreadable", Map.of("reason", org.failure().reason())));
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
    Map<String, String> args = new HashMap<>();
    args.put("rootId", rootId(tree));
    args.put("orgId", m.organizationId());
    args.put("featureSet", String.valueOf(m.featureSet()));
    args.put("memberCount", String.valueOf(scps.memberAccounts().size()));
    if (!scps.allFeatures()) {
      return f.fail(req, "all-features", where, message("fail-all-features"), args);
    }
    if (!scps.enabledOnRoot()) {
      return f.fail(req, where, message("fail"), args);
    }
    return f.pass(req, where, message("pass"), args);
  }

  /** Why the organization's SCPs cannot be evaluated: a message part of scp-enabled. */
  private static String why(FindingFactory f, String key, Map<String, String> values) {
    Map<String, String> withPermissions = new HashMap<>(values);
    withPermissions.put("permissions", PERMISSIONS);
    return f.text(Requirement.SCP_ENABLED, message(key), withPermissions);
  }

  /** The organization tree is unavailable: every requirement is ERROR (management: N/A). */
  private List<Finding> unreadable(
      FindingFactory f, Snapshot snapshot, List<TrailView> trails, String why) {
    List<Finding> out = new ArrayList<>();
    Optional<OrganizationMembership> m = membership(snapshot);
    String account =
        m.map(OrganizationMembership::managementAccountId)
            .orElse(snapshot.accounts().isEmpty() ? "-" : snapshot.accounts().get(0).accountId());
    Map<String, String> values = Map.of("why", why);
    out.add(
        f.error(
            Requirement.SCP_ENABLED,
            new Resource(
                account,
                Resource.GLOBAL,
                m.map(ScpProtectionCheck::orgArn).orElse("arn:aws:iam::" + account + ":root")),
            message("unreadable"),
            values));
    for (TrailView t : trails) {
      out.add(
          f.error(Requirement.TRAIL_TAMPER_DENIED, t.resource(), message("unreadable"), values));
      out.add(
          f.error(
              Requirement.BUCKET_TAMPER_DENIED,
              bucketResource(snapshot, t),
              message("unreadable"),
              values));
      out.add(keyTamperUnknown(f, snapshot, t, values));
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
          why(f, "why-no-tree", Map.of("orgId", membership(snapshot).get().organizationId())));
    }
    if (!unknown.isEmpty()) {
      return unreadable(
          f,
          snapshot,
          trails,
          why(f, "why-membership-unreadable", Map.of("accounts", String.join("; ", unknown))));
    }
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot a : snapshot.accounts()) {
      out.add(
          f.fail(
              Requirement.SCP_ENABLED,
              "standalone",
              Resource.account(a.accountId()),
              message("standalone"),
              Map.of("account", a.accountId())));
    }
    for (TrailView t : trails) {
      Map<String, String> args = Map.of("account", t.account(), "trailName", t.name());
      out.add(
          f.fail(
              Requirement.TRAIL_TAMPER_DENIED,
              "standalone",
              t.resource(),
              message("standalone"),
              args));
      out.add(
          f.fail(
              Requirement.BUCKET_TAMPER_DENIED,
              "standalone",
              bucketResource(snapshot, t),
              message("standalone"),
              args));
      Optional<String> key = keyArn(snapshot, t);
      out.add(
          t.trail().kmsKeyId() == null
              ? noKey(f, t)
              : f.fail(
                  Requirement.KEY_TAMPER_DENIED,
                  "standalone",
                  new Resource(t.account(), t.region(), key.orElse(t.trail().kmsKeyId())),
                  message("standalone"),
                  args));
      out.add(
          f.notApplicable(
              Requirement.MANAGEMENT_ACCOUNT, t.resource(), message("standalone"), args));
    }
    return out;
  }

  private Finding managementAccount(
      FindingFactory f, TrailView t, String management, String managementName) {
    Requirement req = Requirement.MANAGEMENT_ACCOUNT;
    Map<String, String> values = new HashMap<>(t.remediationArgs());
    if (management != null) {
      values.put("management", management);
    }
    if (managementName != null) {
      values.put("managementName", managementName);
    }
    values.put(
        "who",
        f.text(
            req,
            message(management == null ? "who" : managementName == null ? "who-id" : "who-named"),
            values));
    String owner =
        t.account().equals(management)
            ? t.trail().isOrganizationTrail() ? "owner-organization-trail" : "owner-trail"
            : "owner-other";
    values.put("owner", f.text(req, message(owner), values));
    return f.notApplicable(req, t.resource(), message("not-applicable"), values);
  }

  private static String accountName(ServiceControlPolicies scps, TrailView t) {
    return scps.account(scps.managementAccountId())
        .map(OrganizationTree.Account::name)
        .orElse(null);
  }

  private static Finding noKey(FindingFactory f, TrailView t) {
    return f.notApplicable(
        Requirement.KEY_TAMPER_DENIED, t.resource(), message("no-key"), t.remediationArgs());
  }

  private static Finding keyTamperUnknown(
      FindingFactory f, Snapshot snapshot, TrailView t, Map<String, String> values) {
    if (t.trail().kmsKeyId() == null) {
      return noKey(f, t);
    }
    String arn = keyArn(snapshot, t).orElse(t.trail().kmsKeyId());
    return f.error(
        Requirement.KEY_TAMPER_DENIED,
        new Resource(t.account(), t.region(), arn),
        message("unreadable"),
        values);
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
        Map<String, String> values = new HashMap<>(trail.remediationArgs());
        values.put("keyId", trail.trail().kmsKeyId());
        return f.error(
            Requirement.KEY_TAMPER_DENIED,
            new Resource(trail.account(), trail.region(), trail.trail().kmsKeyId()),
            message("unresolved-key"),
            values);
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
      args.put("actionList", String.join(", ", actions));
      if (!scps.inForce()) {
        return f.fail(
            req,
            where,
            message(scps.allFeatures() ? "fail-not-enabled" : "fail-not-all-features"),
            args);
      }
      List<OrganizationTree.Account> members = scps.memberAccounts();
      if (members.isEmpty()) {
        return f.notApplicable(req, where, message("no-members"), args);
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
          undecidedWhy.add(f.text(req, message("no-path"), Map.of("accountId", a.id())));
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
      args.put("undecidedWhy", String.join("; ", undecidedWhy));
      if (!openByActions.isEmpty() || !wide.isEmpty()) {
        args.put("open", byActions(openByActions));
        args.put("wide", String.join("; ", wide));
        args.put("breakGlassPrincipals", breakGlass.toString());
        args.put(
            "wideNote",
            wide.isEmpty()
                ? ""
                : f.text(req, message(breakGlass.isEmpty() ? "wide-none" : "wide"), args));
        args.put("notes", notes.stream().limit(MAX_NOTES).collect(Collectors.joining("; ")));
        args.put("moreNotes", String.valueOf(notes.size() - MAX_NOTES));
        args.put(
            "notesNote",
            notes.isEmpty()
                ? ""
                : f.text(
                    req,
                    message(notes.size() > MAX_NOTES ? "not-counted-more" : "not-counted"),
                    args));
        args.put(
            "undecidedNote",
            undecidedByActions.isEmpty() ? "" : f.text(req, message("also-undecided"), args));
        return f.fail(req, where, message("fail"), args);
      }
      if (!undecidedByActions.isEmpty()) {
        args.put("undecided", byActions(undecidedByActions));
        return f.error(req, where, message("unknown"), args);
      }
      args.put("memberCount", String.valueOf(members.size()));
      args.put("deniedBy", String.join("; ", deniedBy));
      args.put(
          "breakGlassDenied",
          breakGlassDenied.stream().limit(MAX_NOTES).collect(Collectors.joining("; ")));
      args.put(
          "breakGlassNote",
          breakGlassDenied.isEmpty()
              ? ""
              : f.text(
                  req,
                  message(
                      breakGlassDenied.size() > MAX_NOTES
                          ? "break-glass-denied-more"
                          : "break-glass-denied"),
                  args));
      return f.pass(req, where, message("pass"), args);
    }

    private static String byActions(Map<String, List<String>> accountsByActions) {
      return accountsByActions.entrySet().stream()
          .map(e -> e.getKey() + " in " + String.join(", ", e.getValue()))
          .collect(Collectors.joining("; "));
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
