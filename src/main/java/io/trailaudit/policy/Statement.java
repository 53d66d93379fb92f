package io.trailaudit.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One policy statement. Absent elements are null (Principal, NotPrincipal and each of the
 * Action/NotAction and Resource/NotResource lists); {@code conditions} is empty when there is no
 * Condition. The parser guarantees exactly one of actions/notActions and at most one of each other
 * pair.
 *
 * <p>Resource questions come in two strengths that differ only for policy variables whose value is
 * unknown: "applies" answers "could apply" and "covers" answers "certainly applies".
 */
public record Statement(
    String sid,
    Effect effect,
    Principals principal,
    Principals notPrincipal,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    List<String> notResources,
    List<Condition> conditions) {

  public Statement {
    Objects.requireNonNull(effect, "effect");
    actions = copyOrNull(actions);
    notActions = copyOrNull(notActions);
    resources = copyOrNull(resources);
    notResources = copyOrNull(notResources);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** Whether the statement covers {@code action} (case-insensitive). */
  public boolean appliesToAction(String action) {
    return ElementMatcher.mayMatchSome(actions, notActions, Glob.literal(action), true, null);
  }

  /**
   * Whether the statement covers every action matched by {@code actionPattern}: {@code s3:*} is
   * covered by Action {@code s3:*} or {@code *}, or by a NotAction that lists nothing an S3 action
   * could match.
   */
  public boolean appliesToAllActionsMatching(String actionPattern) {
    return ElementMatcher.coversAll(actions, notActions, Glob.of(actionPattern), true, null);
  }

  /** Whether the statement could apply to the resource {@code arn}. */
  public boolean appliesToResource(String arn) {
    return appliesToResource(arn, Map.of());
  }

  public boolean appliesToResource(String arn, Map<String, String> variables) {
    return ElementMatcher.mayMatchSome(
        resources, notResources, Glob.literal(arn), false, variables);
  }

  /** Whether the statement certainly applies to the resource {@code arn}. */
  public boolean coversResource(String arn) {
    return coversResource(arn, Map.of());
  }

  public boolean coversResource(String arn, Map<String, String> variables) {
    return ElementMatcher.coversAll(resources, notResources, Glob.literal(arn), false, variables);
  }

  /**
   * Whether the statement certainly applies to every resource whose ARN starts with {@code prefix}.
   */
  public boolean coversAllResourcesWithPrefix(String prefix) {
    return coversAllResourcesWithPrefix(prefix, Map.of());
  }

  public boolean coversAllResourcesWithPrefix(String prefix, Map<String, String> variables) {
    return ElementMatcher.coversAll(resources, notResources, Glob.prefix(prefix), false, variables);
  }

  /** Whether the statement could apply to some resource whose ARN starts with {@code prefix}. */
  public boolean appliesToSomeResourceWithPrefix(String prefix) {
    return ElementMatcher.mayMatchSome(
        resources, notResources, Glob.prefix(prefix), false, Map.of());
  }

  public PrincipalScope principalScope() {
    if (principal != null) {
      return principal.wildcard() ? PrincipalScope.EVERYONE : PrincipalScope.LISTED;
    }
    if (notPrincipal != null) {
      return notPrincipal.wildcard() ? PrincipalScope.NOBODY : PrincipalScope.EVERYONE_EXCEPT;
    }
    return PrincipalScope.UNSPECIFIED;
  }

  /**
   * {@code "Principal": "*"} or {@code {"AWS": "*"}}. A NotPrincipal statement is not "every
   * principal": for a Deny it exempts the listed ones; see {@link #principalScope()}.
   */
  public boolean appliesToEveryPrincipal() {
    return principalScope() == PrincipalScope.EVERYONE;
  }

  /**
   * Whether the statement applies to the principal {@code value} of {@code type} (e.g. {@code
   * Service}, {@code cloudtrail.amazonaws.com}). Without Principal or NotPrincipal the statement
   * belongs to an identity policy and applies to its identity, so this returns true.
   */
  public boolean principalMatches(String type, String value) {
    if (principal != null) {
      return principal.contains(type, value);
    }
    if (notPrincipal != null) {
      return !notPrincipal.contains(type, value);
    }
    return true;
  }

  /** The conditions on {@code key} (case-insensitive), in document order. */
  public List<Condition> conditionsOn(String key) {
    return conditions.stream().filter(c -> c.keyIs(key)).toList();
  }

  /** Whether all conditions hold for the request (conditions are ANDed). */
  public boolean conditionsHold(RequestContext request) {
    return ConditionEvaluator.allHold(conditions, request);
  }

  /** The Action or NotAction element for messages, e.g. {@code Action [s3:GetObject]}. */
  public String describeActions() {
    return actions != null ? "Action " + actions : "NotAction " + notActions;
  }

  /** The Resource or NotResource element for messages. */
  public String describeResources() {
    if (resources != null) {
      return "Resource " + resources;
    }
    return notResources != null ? "NotResource " + notResources : "no Resource";
  }

  private static List<String> copyOrNull(List<String> list) {
    return list == null ? null : List.copyOf(list);
  }
}
