package io.trailaudit.policy;

/**
 * A principal pattern that a Deny exempts although it is not within the break-glass list. {@code
 * element} says where it was written, e.g. {@code Condition ArnNotLike aws:PrincipalArn} or {@code
 * NotPrincipal AWS}; {@code why} is set when the exempted principals cannot be told at all (an
 * {@code aws:userid} whose principal is not known), else null.
 */
public record WideExemption(StatementRef statement, String element, String pattern, String why) {
  public WideExemption(StatementRef statement, String element, String pattern) {
    this(statement, element, pattern, null);
  }

  public String describe() {
    return statement.label()
        + " "
        + element
        + " exempts "
        + pattern
        + (why == null ? "" : " (" + why + ")");
  }

  /** The pattern, with why it cannot be matched when that is the reason. */
  public String patternAndWhy() {
    return why == null ? pattern : pattern + " (" + why + ")";
  }
}
