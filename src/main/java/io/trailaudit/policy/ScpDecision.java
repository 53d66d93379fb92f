package io.trailaudit.policy;

/**
 * What the service control policies in force say about one {@link ScpRequest}.
 *
 * @param explanation one sentence naming the statement, policy and level that decided
 */
public record ScpDecision(Outcome outcome, String explanation) {

  /** The possible answers. */
  public enum Outcome {
    /** A Deny statement on the account's path certainly applies. */
    EXPLICIT_DENY,
    /** Some level of the path (root, OU or account) has no SCP that allows the request. */
    NOT_ALLOWED,
    /** Every level allows the request and no Deny applies. */
    ALLOWED,
    /**
     * A statement might apply but depends on something trailaudit cannot know (a condition on a key
     * other than the principal, a policy variable, an unreadable policy): not counted as denied.
     */
    UNDECIDED,
    /** SCPs do not restrict the request: the management account, or SCPs are not enabled. */
    NOT_RESTRICTED
  }

  /** Whether the SCPs certainly deny the request. */
  public boolean denied() {
    return outcome == Outcome.EXPLICIT_DENY || outcome == Outcome.NOT_ALLOWED;
  }
}
