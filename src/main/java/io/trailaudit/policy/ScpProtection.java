package io.trailaudit.policy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the SCPs in force in one member account deny a list of actions on one resource to every
 * principal outside the break-glass list.
 *
 * @param actions one verdict per action, in the order asked
 * @param nearMisses Deny statements naming some of the actions that do not count, and why
 * @param breakGlassDenied break-glass patterns that the counted denials hit too, with what denies
 *     them (the break-glass path then goes through the management account)
 */
public record ScpProtection(
    String accountId,
    String resourceArn,
    List<ActionVerdict> actions,
    List<ScpNearMiss> nearMisses,
    List<String> breakGlassDenied) {

  public ScpProtection {
    actions = List.copyOf(actions);
    nearMisses = List.copyOf(nearMisses);
    breakGlassDenied = List.copyOf(breakGlassDenied);
  }

  /** Whether an action is denied to every principal outside the break-glass list. */
  public enum State {
    DENIED,
    /** Some principal outside the break-glass list is not denied. */
    OPEN,
    /** Not shown to be denied, and an unreadable policy on the path might deny it. */
    UNDECIDED
  }

  /**
   * @param reason for DENIED what denies it; otherwise why it is not known to be denied
   */
  public record ActionVerdict(String action, State state, String reason) {}

  public List<String> denied() {
    return in(State.DENIED);
  }

  public List<String> open() {
    return in(State.OPEN);
  }

  public List<String> undecided() {
    return in(State.UNDECIDED);
  }

  public boolean satisfied() {
    return actions.stream().allMatch(a -> a.state() == State.DENIED);
  }

  /** Exemptions wider than the break-glass list on statements about an action left open. */
  public List<WideExemption> widerExemptions() {
    Set<String> open = Set.copyOf(open());
    return nearMisses.stream()
        .filter(n -> n.actions().stream().anyMatch(open::contains))
        .flatMap(n -> n.wideExemptions().stream())
        .toList();
  }

  /** The near misses about actions that are not denied: why the statements did not count. */
  public List<ScpNearMiss> relevantNearMisses() {
    Set<String> notDenied =
        actions.stream()
            .filter(a -> a.state() != State.DENIED)
            .map(ActionVerdict::action)
            .collect(Collectors.toSet());
    return nearMisses.stream()
        .filter(n -> n.actions().stream().anyMatch(notDenied::contains))
        .toList();
  }

  private List<String> in(State state) {
    return actions.stream().filter(a -> a.state() == state).map(ActionVerdict::action).toList();
  }
}
