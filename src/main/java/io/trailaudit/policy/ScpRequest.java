package io.trailaudit.policy;

import java.util.Objects;

/**
 * One request as service control policies see it: who calls, what action on which resource, from
 * which account of the organization.
 *
 * @param principalArn the calling principal, e.g. {@code arn:aws:iam::222222222222:role/Deploy}
 * @param action e.g. {@code cloudtrail:StopLogging} (compared case-insensitively)
 * @param resourceArn the resource acted on
 * @param accountId the account the principal belongs to: its SCPs are the ones in force
 */
public record ScpRequest(String principalArn, String action, String resourceArn, String accountId) {
  public ScpRequest {
    Objects.requireNonNull(principalArn, "principalArn");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(accountId, "accountId");
  }
}
