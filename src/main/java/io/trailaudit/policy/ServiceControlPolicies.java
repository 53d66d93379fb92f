package io.trailaudit.policy;

import io.trailaudit.model.OrganizationTree;
import io.trailaudit.policy.ScpDecision.Outcome;
import io.trailaudit.policy.ScpLevel.AttachedScp;
import io.trailaudit.policy.ScpProtection.ActionVerdict;
import io.trailaudit.policy.ScpProtection.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Service control policies of an organization, evaluated as AWS Organizations documents them:
 *
 * <ul>
 *   <li>The SCPs in force for an account are those attached to the root, to every OU on the path
 *       down to the account, and to the account itself. A Deny at any level applies to the whole
 *       subtree below it.
 *   <li>A request must also be allowed at <em>every</em> level (by {@code FullAWSAccess} or an
 *       explicit Allow); an action no SCP of some level allows is denied there ("not allowed").
 *   <li>SCPs never restrict the management account, and restrict nothing unless the {@code
 *       SERVICE_CONTROL_POLICY} type is enabled on the root of an organization with all features.
 * </ul>
 *
 * <p>Statements are matched with the same engine as every other policy: {@code Action}/{@code
 * NotAction} case-insensitive with {@code *}/{@code ?}, {@code Resource}/{@code NotResource} with
 * wildcards and policy variables ({@code ${aws:PrincipalAccount}} is the requesting account).
 * Conditions on {@code aws:PrincipalArn}, {@code aws:PrincipalAccount} and {@code
 * aws:PrincipalOrgID} are evaluated; a condition on any other key cannot be decided from the
 * organization alone, so a Deny that depends on one is never counted as denying (it may not apply
 * to a given request) and an Allow that depends on one is assumed to allow.
 */
public final class ServiceControlPolicies {
  /** The policy type of SCPs in {@code organizations:ListPolicies}. */
  public static final String TYPE = "SERVICE_CONTROL_POLICY";

  static final String PRINCIPAL_ARN = "aws:PrincipalArn";
  static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
  static final String PRINCIPAL_ORG_ID = "aws:PrincipalOrgID";

  private static final List<String> RESTRICTION_OPERATORS =
      List.of("ArnLike", "ArnEquals", "StringLike", "StringEquals", "StringEqualsIgnoreCase");
  private static final int MAX_DEPTH = 10;

  private final OrganizationTree tree;
  private final Map<String, AttachedScp> parsed;

  private ServiceControlPolicies(OrganizationTree tree, Map<String, AttachedScp> parsed) {
    this.tree = tree;
    this.parsed = parsed;
  }

  /** Parses every SCP of the tree once; a malformed one is kept with its error. */
  public static ServiceControlPolicies of(OrganizationTree tree) {
    Map<String, AttachedScp> parsed = new LinkedHashMap<>();
    for (OrganizationTree.Policy p : tree.policies()) {
      if (p.type() != null && !TYPE.equals(p.type())) {
        continue;
      }
      try {
        parsed.put(
            p.id(), new AttachedScp(p.id(), p.name(), PolicyDocument.parse(p.content()), null));
      } catch (PolicyParseException e) {
        parsed.put(p.id(), new AttachedScp(p.id(), p.name(), null, e.getMessage()));
      }
    }
    return new ServiceControlPolicies(tree, parsed);
  }

  public OrganizationTree tree() {
    return tree;
  }

  public String managementAccountId() {
    return tree.organization().managementAccountId();
  }

  /** Whether the organization has all features. */
  public boolean allFeatures() {
    return "ALL".equalsIgnoreCase(tree.organization().featureSet());
  }

  /** Whether the SCP policy type is ENABLED on every root (an organization has one). */
  public boolean enabledOnRoot() {
    return !tree.roots().isEmpty()
        && tree.roots().stream()
            .allMatch(
                r ->
                    r.policyTypes().stream()
                        .anyMatch(
                            t -> TYPE.equals(t.type()) && "ENABLED".equalsIgnoreCase(t.status())));
  }

  /** Whether SCPs restrict anything at all: all features and the policy type enabled. */
  public boolean inForce() {
    return allFeatures() && enabledOnRoot();
  }

  /** The member accounts: every account of the tree but the management account. */
  public List<OrganizationTree.Account> memberAccounts() {
    return tree.accounts().stream().filter(a -> !a.id().equals(managementAccountId())).toList();
  }

  public Optional<OrganizationTree.Account> account(String accountId) {
    return tree.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst();
  }

  /**
   * The levels from the root down to the account, each with its SCPs; empty when the account is not
   * in the tree or its parents cannot be followed to a root.
   */
  public Optional<List<ScpLevel>> path(String accountId) {
    Optional<OrganizationTree.Account> account = account(accountId);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    List<ScpLevel> levels = new ArrayList<>();
    levels.add(level("account", accountId, account.get().name()));
    String parent = account.get().parentId();
    for (int depth = 0; parent != null && depth <= MAX_DEPTH; depth++) {
      String id = parent;
      Optional<OrganizationTree.Root> root =
          tree.roots().stream().filter(r -> r.id().equals(id)).findFirst();
      if (root.isPresent()) {
        levels.add(0, level("root", id, root.get().name()));
        return Optional.of(List.copyOf(levels));
      }
      Optional<OrganizationTree.Unit> unit =
          tree.units().stream().filter(u -> u.id().equals(id)).findFirst();
      if (unit.isEmpty()) {
        return Optional.empty();
      }
      levels.add(0, level("OU", id, unit.get().name()));
      parent = unit.get().parentId();
    }
    return Optional.empty();
  }

  /** {@code Root / Security / log-archive}: the names of the path, for messages. */
  public String pathLabel(String accountId) {
    return path(accountId)
        .map(
            ls ->
                String.join(
                    " / ",
                    ls.stream()
                        .map(l -> l.name() == null || l.name().isBlank() ? l.id() : l.name())
                        .toList()))
        .orElse(accountId);
  }

  private ScpLevel level(String kind, String id, String name) {
    List<AttachedScp> attached = new ArrayList<>();
    for (OrganizationTree.Policy p : tree.policies()) {
      AttachedScp scp = parsed.get(p.id());
      if (scp != null && p.targetIds().contains(id)) {
        attached.add(scp);
      }
    }
    return new ScpLevel(kind, id, name, attached);
  }

  /** Whether the SCPs in force deny one concrete request. */
  public ScpDecision decide(ScpRequest request) {
    if (request.accountId().equals(managementAccountId())) {
      return new ScpDecision(
          Outcome.NOT_RESTRICTED,
          "SCPs never restrict the management account " + managementAccountId());
    }
    if (!inForce()) {
      return new ScpDecision(Outcome.NOT_RESTRICTED, notInForce());
    }
    Optional<List<ScpLevel>> path = path(request.accountId());
    if (path.isEmpty()) {
      return new ScpDecision(
          Outcome.UNDECIDED, "account " + request.accountId() + " is not in the organization tree");
    }
    RequestContext known = known(request.accountId()).with(PRINCIPAL_ARN, request.principalArn());
    Map<String, String> vars = known.variables();
    List<String> maybeDenies = new ArrayList<>();
    for (ScpLevel level : path.get()) {
      for (AttachedScp p : level.policies()) {
        if (!p.parsed()) {
          maybeDenies.add("SCP " + p.name() + " (" + p.id() + ") could not be parsed");
          continue;
        }
        for (StatementRef ref : p.document().statementRefs()) {
          Statement s = ref.statement();
          if (s.effect() != Effect.DENY
              || !s.appliesToAction(request.action())
              || !s.appliesToResource(request.resourceArn(), vars)) {
            continue;
          }
          ScpStatement at = new ScpStatement(level, p.name(), p.id(), ref);
          Tri conditions = conditions(s, known);
          boolean certain =
              conditions == Tri.TRUE
                  && s.principal() == null
                  && s.notPrincipal() == null
                  && s.coversResource(request.resourceArn(), vars);
          if (certain) {
            return new ScpDecision(
                Outcome.EXPLICIT_DENY, request.action() + " is denied by " + at.label());
          }
          if (conditions != Tri.FALSE) {
            maybeDenies.add(at.label() + " might deny it (" + undecidedWhy(s, known) + ")");
          }
        }
      }
    }
    List<String> maybeAllowed = new ArrayList<>();
    for (ScpLevel level : path.get()) {
      Tri allowed = allows(level, request, known, vars, maybeAllowed);
      if (allowed == Tri.FALSE) {
        return new ScpDecision(
            Outcome.NOT_ALLOWED,
            request.action()
                + " on "
                + request.resourceArn()
                + " is not allowed by any SCP on "
                + level.label());
      }
    }
    if (!maybeDenies.isEmpty() || !maybeAllowed.isEmpty()) {
      List<String> why = new ArrayList<>(maybeDenies);
      why.addAll(maybeAllowed);
      return new ScpDecision(Outcome.UNDECIDED, String.join("; ", why));
    }
    return new ScpDecision(
        Outcome.ALLOWED,
        request.action() + " is allowed at every level and no Deny statement applies");
  }

  private Tri allows(
      ScpLevel level,
      ScpRequest request,
      RequestContext known,
      Map<String, String> vars,
      List<String> maybeAllowed) {
    if (level.policies().isEmpty()) {
      maybeAllowed.add(noneAttached(level));
      return Tri.UNKNOWN;
    }
    Tri best = Tri.FALSE;
    for (AttachedScp p : level.policies()) {
      if (!p.parsed()) {
        maybeAllowed.add("SCP " + p.name() + " (" + p.id() + ") could not be parsed");
        best = Tri.or(best, Tri.UNKNOWN);
        continue;
      }
      for (Statement s : p.document().statements()) {
        if (s.effect() != Effect.ALLOW
            || !s.appliesToAction(request.action())
            || !s.appliesToResource(request.resourceArn(), vars)) {
          continue;
        }
        Tri t = conditions(s, known);
        if (t == Tri.TRUE
            && (s.principal() != null
                || s.notPrincipal() != null
                || !s.coversResource(request.resourceArn(), vars))) {
          t = Tri.UNKNOWN;
        }
        best = Tri.or(best, t);
      }
    }
    if (best == Tri.UNKNOWN) {
      maybeAllowed.add("whether " + level.label() + " allows it depends on a condition");
    }
    return best;
  }

  /**
   * Whether {@code actions} on {@code resourceArn} are denied to every principal of member account
   * {@code accountId} outside {@code breakGlassPrincipals} (ARN patterns with {@code *} and {@code
   * ?}). An exemption (see {@link PrincipalExemptions}: negated string or ARN operators on {@code
   * aws:PrincipalArn}, {@code StringNotEqualsIgnoreCase} included, or on {@code aws:userid}) counts
   * only when every principal it exempts is included in some break-glass pattern (glob language
   * inclusion; the variables of the account are substituted, unknown ones read as {@code *}); an
   * {@code aws:userid} exemption whose principal is not known never counts.
   *
   * <p>Each Deny statement is judged on its own: two statements whose exemptions are each too wide
   * but whose intersection is not are reported as open. That errs towards FAIL, never PASS.
   *
   * @throws IllegalArgumentException for the management account or an account not in the tree
   */
  public ScpProtection protection(
      String accountId,
      String resourceArn,
      List<String> actions,
      List<String> breakGlassPrincipals) {
    return protection(accountId, resourceArn, actions, breakGlassPrincipals, Map.of());
  }

  /**
   * As {@link #protection(String, String, List, List)}, resolving {@code aws:userid} exemptions
   * with {@code knownIds} (principal unique id to ARN, see {@link PrincipalExemptions}).
   */
  public ScpProtection protection(
      String accountId,
      String resourceArn,
      List<String> actions,
      List<String> breakGlassPrincipals,
      Map<String, String> knownIds) {
    if (accountId.equals(managementAccountId())) {
      throw new IllegalArgumentException("SCPs do not apply to the management account");
    }
    if (!inForce()) {
      return notInForce(accountId, resourceArn, actions);
    }
    List<ScpLevel> path =
        path(accountId)
            .orElseThrow(
                () -> new IllegalArgumentException("account " + accountId + " is not in the tree"));
    List<Glob> breakGlass = breakGlassPrincipals.stream().map(Glob::of).toList();
    RequestContext known = known(accountId);
    Map<String, String> vars = known.variables();
    Map<String, List<String>> deniedBy = new LinkedHashMap<>();
    actions.forEach(a -> deniedBy.put(a, new ArrayList<>()));
    Set<String> breakGlassDenied = new LinkedHashSet<>();
    List<ScpNearMiss> nearMisses = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (ScpLevel level : path) {
      if (level.policies().isEmpty()) {
        unreadable.add(noneAttached(level));
      }
      for (AttachedScp p : level.policies()) {
        if (!p.parsed()) {
          unreadable.add(
              "SCP "
                  + p.name()
                  + " ("
                  + p.id()
                  + ") on "
                  + level.label()
                  + " could not be parsed: "
                  + p.parseError());
        }
      }
      for (String action : actions) {
        implicitDenial(level, action, resourceArn, known, breakGlassPrincipals)
            .ifPresent(
                denial -> {
                  deniedBy.get(action).add(denial.why());
                  if (!breakGlass.isEmpty() && !denial.breakGlassAllowed()) {
                    breakGlassDenied.add("all break-glass principals: " + denial.why());
                  }
                });
      }
      for (AttachedScp p : level.policies()) {
        if (!p.parsed()) {
          continue;
        }
        for (StatementRef ref : p.document().statementRefs()) {
          Statement s = ref.statement();
          List<String> named = actions.stream().filter(s::appliesToAction).toList();
          if (s.effect() != Effect.DENY || named.isEmpty()) {
            continue;
          }
          ScpStatement at = new ScpStatement(level, p.name(), p.id(), ref);
          List<WideExemption> wide = new ArrayList<>();
          List<PrincipalExemptions.Exempted> exempted = new ArrayList<>();
          List<String> problems =
              denyProblems(
                  s,
                  ref,
                  accountId,
                  resourceArn,
                  known,
                  breakGlassPrincipals,
                  knownIds,
                  wide,
                  exempted);
          if (problems.isEmpty()) {
            named.forEach(a -> deniedBy.get(a).add(at.label()));
            for (int i = 0; i < breakGlass.size(); i++) {
              Glob b = breakGlass.get(i);
              if (exempted.stream().noneMatch(e -> e.covers(b))) {
                breakGlassDenied.add(breakGlassPrincipals.get(i) + " by " + at.label());
              }
            }
          } else {
            nearMisses.add(new ScpNearMiss(at, named, String.join("; ", problems), wide));
          }
        }
      }
    }
    List<ActionVerdict> verdicts = new ArrayList<>();
    for (String action : actions) {
      List<String> by = deniedBy.get(action);
      if (!by.isEmpty()) {
        verdicts.add(new ActionVerdict(action, State.DENIED, "denied by " + by.get(0)));
      } else if (!unreadable.isEmpty()) {
        verdicts.add(
            new ActionVerdict(
                action,
                State.UNDECIDED,
                "not denied by any readable SCP, and " + String.join("; ", unreadable)));
      } else {
        verdicts.add(
            new ActionVerdict(
                action,
                State.OPEN,
                "no SCP on " + pathLabel(accountId) + " denies it to every other principal"));
      }
    }
    return new ScpProtection(
        accountId, resourceArn, verdicts, nearMisses, List.copyOf(breakGlassDenied));
  }

  /**
   * AWS keeps at least one SCP attached to every root, OU and account while SCPs are enabled, so a
   * level without any means the snapshot's policy targets are incomplete: never read it as "allows
   * nothing".
   */
  private static String noneAttached(ScpLevel level) {
    return "no SCP is attached to "
        + level.label()
        + " in the snapshot, though AWS keeps at least one on every level: its policy targets are"
        + " incomplete";
  }

  private ScpProtection notInForce(String accountId, String resourceArn, List<String> actions) {
    List<ActionVerdict> verdicts =
        actions.stream().map(a -> new ActionVerdict(a, State.OPEN, notInForce())).toList();
    return new ScpProtection(accountId, resourceArn, verdicts, List.of(), List.of());
  }

  private String notInForce() {
    if (!allFeatures()) {
      return "the organization has feature set "
          + tree.organization().featureSet()
          + ", not ALL, so SCPs do not apply";
    }
    return "the SERVICE_CONTROL_POLICY type is not enabled on the root, so SCPs do not apply";
  }

  /**
   * Why a level allows {@code action} on the resource to no ordinary principal, or empty when some
   * SCP of the level might allow it (to a principal outside the break-glass list).
   */
  private Optional<ImplicitDenial> implicitDenial(
      ScpLevel level, String action, String resourceArn, RequestContext known, List<String> bg) {
    Map<String, String> vars = known.variables();
    if (level.policies().isEmpty()) {
      return Optional.empty();
    }
    boolean breakGlassAllowed = false;
    for (AttachedScp p : level.policies()) {
      if (!p.parsed()) {
        return Optional.empty();
      }
      for (Statement s : p.document().statements()) {
        if (s.effect() != Effect.ALLOW
            || !s.appliesToAction(action)
            || !s.appliesToResource(resourceArn, vars)) {
          continue;
        }
        boolean onlyBreakGlass = false;
        Tri t = Tri.TRUE;
        for (Condition c : s.conditions()) {
          if (isPrincipalRestriction(c)
              && !bg.isEmpty()
              && c.values().stream()
                  .allMatch(v -> PrincipalExemptions.exempted(c, v, vars, Map.of()).within(bg))) {
            onlyBreakGlass = true;
          } else {
            t = Tri.and(t, holds(c, known));
          }
        }
        if (t != Tri.FALSE) {
          if (!onlyBreakGlass) {
            return Optional.empty();
          }
          breakGlassAllowed = true;
        }
      }
    }
    return Optional.of(
        new ImplicitDenial(
            "no SCP on "
                + level.label()
                + " allows "
                + action
                + (breakGlassAllowed ? " but to break-glass principals" : ""),
            breakGlassAllowed));
  }

  /** A level that allows an action to no principal outside the break-glass list. */
  private record ImplicitDenial(String why, boolean breakGlassAllowed) {}

  /** Why a Deny statement naming protected actions does not count; empty when it counts. */
  private List<String> denyProblems(
      Statement s,
      StatementRef ref,
      String accountId,
      String resourceArn,
      RequestContext known,
      List<String> breakGlass,
      Map<String, String> knownIds,
      List<WideExemption> wide,
      List<PrincipalExemptions.Exempted> exempted) {
    Map<String, String> vars = known.variables();
    List<String> problems = new ArrayList<>();
    if (!s.appliesToResource(resourceArn, vars)) {
      problems.add(s.describeResources() + " does not include " + resourceArn);
      return problems;
    }
    if (!s.coversResource(resourceArn, vars)) {
      problems.add(
          s.describeResources()
              + " matches "
              + resourceArn
              + " only for some values of its policy variables");
    }
    if (s.principal() != null || s.notPrincipal() != null) {
      problems.add("SCPs do not support Principal or NotPrincipal, so AWS would reject it");
    }
    for (Condition c : s.conditions()) {
      if (isPrincipalExemption(c)) {
        for (String v : c.values()) {
          PrincipalExemptions.Exempted e = PrincipalExemptions.exempted(c, v, vars, knownIds);
          exempted.add(e);
          if (!e.within(breakGlass)) {
            wide.add(
                new WideExemption(ref, "Condition " + c.operator() + " " + c.key(), v, e.why()));
          }
        }
      } else if (isPrincipalRestriction(c)) {
        problems.add("denies only principals matching " + c.describe());
      } else {
        Tri t = holds(c, known);
        if (t == Tri.FALSE) {
          problems.add("does not apply in account " + accountId + " (" + c.describe() + ")");
        } else if (t == Tri.UNKNOWN) {
          problems.add(
              "denies only when "
                  + c.describe()
                  + " holds, which cannot be shown for every request, so it is not counted");
        }
      }
    }
    if (!wide.isEmpty()) {
      problems.add(
          "exempts principals beyond the break-glass list: "
              + wide.stream().map(WideExemption::pattern).toList());
    }
    return problems;
  }

  /** What every principal of a member account has: its account and organization. */
  private RequestContext known(String accountId) {
    Map<String, List<String>> values = new HashMap<>();
    values.put(PRINCIPAL_ACCOUNT, List.of(accountId));
    if (tree.organization().organizationId() != null) {
      values.put(PRINCIPAL_ORG_ID, List.of(tree.organization().organizationId()));
    }
    return new RequestContext(values);
  }

  /** An exemption of principals from a Deny, see {@link PrincipalExemptions}. */
  static boolean isPrincipalExemption(Condition c) {
    return PrincipalExemptions.isExemption(c);
  }

  /** {@code ArnLike}/{@code StringEquals}/… (IfExists allowed) on aws:PrincipalArn. */
  static boolean isPrincipalRestriction(Condition c) {
    return c.keyIs(PRINCIPAL_ARN)
        && c.qualifier() == Condition.Qualifier.NONE
        && RESTRICTION_OPERATORS.stream().anyMatch(c::operatorIs);
  }

  private static Tri conditions(Statement s, RequestContext known) {
    Tri t = Tri.TRUE;
    for (Condition c : s.conditions()) {
      t = Tri.and(t, holds(c, known));
    }
    return t;
  }

  /**
   * A condition decided on the keys in {@code known}; UNKNOWN for any other key, an operator the
   * evaluator does not know, or a variable it cannot substitute.
   */
  private static Tri holds(Condition c, RequestContext known) {
    if (known.get(c.key()).isEmpty()) {
      return Tri.UNKNOWN;
    }
    Map<String, String> vars = known.variables();
    if (c.values().stream().anyMatch(v -> PolicyVariables.substitute(v, vars).isEmpty())) {
      return Tri.UNKNOWN;
    }
    try {
      return ConditionEvaluator.holds(c, known) ? Tri.TRUE : Tri.FALSE;
    } catch (IllegalArgumentException e) {
      return Tri.UNKNOWN;
    }
  }

  private static String undecidedWhy(Statement s, RequestContext known) {
    List<String> unknown = new ArrayList<>();
    for (Condition c : s.conditions()) {
      if (holds(c, known) == Tri.UNKNOWN) {
        unknown.add("depends on " + c.describe());
      }
    }
    if (s.principal() != null || s.notPrincipal() != null) {
      unknown.add("has Principal or NotPrincipal, which SCPs do not support");
    }
    if (unknown.isEmpty()) {
      unknown.add("its Resource matches only for some values of its policy variables");
    }
    return String.join(", ", new LinkedHashSet<>(unknown));
  }

  /** Three-valued logic for conditions that may not be decidable. */
  private enum Tri {
    TRUE,
    FALSE,
    UNKNOWN;

    static Tri and(Tri a, Tri b) {
      if (a == FALSE || b == FALSE) {
        return FALSE;
      }
      return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : TRUE;
    }

    static Tri or(Tri a, Tri b) {
      if (a == TRUE || b == TRUE) {
        return TRUE;
      }
      return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : FALSE;
    }
  }
}
