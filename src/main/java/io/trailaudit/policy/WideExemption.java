package io.trailaudit.policy;

/**
 * A principal pattern that a Deny exempts although it is not within the break-glass list. {@code
 * element} says where it was written, e.g. {@code Condition ArnNotLike aws:PrincipalArn} or {@code
 * NotPrincipal AWS}.
 */
public record WideExemption(StatementRef statement, String element, String pattern) {
  public String describe() {
    return statement.label() + " " + element + " exempts " + pattern;
  }
}
