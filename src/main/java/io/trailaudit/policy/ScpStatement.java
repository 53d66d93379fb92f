package io.trailaudit.policy;

/** A statement of a service control policy, with the policy and the level it is attached to. */
public record ScpStatement(ScpLevel level, String policyName, String policyId, StatementRef ref) {
  /**
   * {@code Statement[0] (Sid DenyTrail) of SCP protect-cloudtrail (p-1) on OU Workloads (ou-1)}.
   */
  public String label() {
    return ref.label() + " of SCP " + policyName + " (" + policyId + ") on " + level.label();
  }
}
