package io.trailaudit.policy;

import java.util.List;

/**
 * A Deny statement of an SCP that names some of the protected actions but does not count as
 * protection for them, and why.
 *
 * @param actions the protected actions the statement names
 * @param wideExemptions exempted principal patterns that are not within the break-glass list
 */
public record ScpNearMiss(
    ScpStatement statement,
    List<String> actions,
    String reason,
    List<WideExemption> wideExemptions) {
  public ScpNearMiss {
    actions = List.copyOf(actions);
    wideExemptions = List.copyOf(wideExemptions);
  }

  public String describe() {
    return statement.label() + ": " + reason;
  }
}
