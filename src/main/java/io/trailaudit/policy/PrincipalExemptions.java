package io.trailaudit.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The principals a Deny's exemption condition leaves out, for the "denied to all but the
 * break-glass list" questions of bucket policies and SCPs.
 *
 * <p>Exemptions are negated string or ARN operators ({@code IfExists} allowed, no set operator) on
 * {@code aws:PrincipalArn}: {@code ArnNotLike}, {@code ArnNotEquals}, {@code StringNotLike}, {@code
 * StringNotEquals}, {@code StringNotEqualsIgnoreCase}. IAM has no {@code StringNotLikeIgnoreCase}
 * and no {@code ArnNotEqualsIgnoreCase}; an operator it does not have is not an exemption here.
 * {@code StringNotEqualsIgnoreCase} of one principal's ARN exempts that principal only: IAM user
 * and role names are unique ignoring case, so a differently cased ARN is the same principal.
 *
 * <p>On {@code aws:userid} ({@code StringNotLike}/{@code StringNotEquals}/{@code
 * StringNotEqualsIgnoreCase}), a value {@code ROLEID:*} or {@code ID} exempts the role or user with
 * that unique id: resolved to its ARN when the id is known, otherwise it cannot be matched to a
 * break-glass ARN and counts as too wide.
 */
final class PrincipalExemptions {
  static final String PRINCIPAL_ARN = "aws:PrincipalArn";
  static final String USER_ID = "aws:userid";

  private static final List<String> ARN_OPERATORS =
      List.of(
          "ArnNotLike",
          "ArnNotEquals",
          "StringNotLike",
          "StringNotEquals",
          "StringNotEqualsIgnoreCase");
  private static final List<String> USER_ID_OPERATORS =
      List.of("StringNotLike", "StringNotEquals", "StringNotEqualsIgnoreCase");

  private PrincipalExemptions() {}

  static boolean isExemption(Condition c) {
    if (c.qualifier() != Condition.Qualifier.NONE) {
      return false;
    }
    if (c.keyIs(PRINCIPAL_ARN)) {
      return ARN_OPERATORS.stream().anyMatch(c::operatorIs);
    }
    return c.keyIs(USER_ID) && USER_ID_OPERATORS.stream().anyMatch(c::operatorIs);
  }

  /**
   * What one value of an exemption exempts.
   *
   * @param principals the exempted principal ARNs as a pattern; null when they cannot be told
   * @param ignoreCase whether the ARN is compared ignoring case
   * @param why for null {@code principals}, why
   */
  record Exempted(String value, Glob principals, boolean ignoreCase, String why) {
    /** Whether every principal it exempts is matched by some break-glass pattern. */
    boolean within(List<String> breakGlass) {
      if (principals == null) {
        return false;
      }
      for (String b : breakGlass) {
        Glob g = Glob.of(b);
        if (!ignoreCase && g.includes(principals, false)) {
          return true;
        }
        if (ignoreCase && (sameIgnoringCase(b) || g.includes(anyNameUnder(), false))) {
          return true;
        }
      }
      return false;
    }

    /** Whether it exempts every principal {@code breakGlass} matches. */
    boolean covers(Glob breakGlass) {
      return principals != null && principals.includes(breakGlass, ignoreCase);
    }

    private boolean sameIgnoringCase(String breakGlass) {
      return breakGlass.indexOf('*') < 0
          && breakGlass.indexOf('?') < 0
          && breakGlass.equalsIgnoreCase(value);
    }

    /** Every principal of the ARN's account and type ({@code arn:aws:iam::1:role/}), any case. */
    private Glob anyNameUnder() {
      int slash = value.indexOf('/');
      return slash < 0
          ? Glob.literal(value)
          : Glob.prefix(value.substring(0, slash + 1).toLowerCase(Locale.ROOT));
    }
  }

  /**
   * What one value of an exemption (or, for aws:PrincipalArn, of its positive form) names.
   *
   * @param vars known policy variables; unknown ones in ARN patterns read as {@code *}
   * @param knownIds principal unique ids (role {@code AROA…}, user {@code AIDA…}) to their ARNs
   */
  static Exempted exempted(
      Condition c, String value, Map<String, String> vars, Map<String, String> knownIds) {
    if (c.keyIs(USER_ID)) {
      return userId(c, value, knownIds);
    }
    String op = c.baseOperator().toLowerCase(Locale.ROOT).replace("not", "");
    boolean ignoreCase = op.equals("stringequalsignorecase");
    boolean wildcards = !(op.equals("stringequals") || ignoreCase);
    Glob g = PolicyVariables.compile(value, vars, PolicyVariables.Unknown.ANY, wildcards);
    if (ignoreCase && value.contains("$")) {
      return new Exempted(value, null, true, "a policy variable in an IgnoreCase exemption");
    }
    return new Exempted(value, g, ignoreCase, null);
  }

  private static Exempted userId(Condition c, String value, Map<String, String> knownIds) {
    boolean like = c.operatorIs("StringNotLike");
    String id = like && value.endsWith(":*") ? value.substring(0, value.length() - 2) : value;
    Optional<String> arn =
        CallerRestrictions.isFixedText(id) && (like || !value.contains(":"))
            ? knownIds.entrySet().stream()
                .filter(e -> e.getKey().equals(id))
                .map(Map.Entry::getValue)
                .findFirst()
            : Optional.empty();
    if (arn.isPresent()) {
      return new Exempted(value, Glob.literal(arn.get()), false, null);
    }
    return new Exempted(
        value,
        null,
        false,
        "aws:userid "
            + value
            + " cannot match to a break-glass ARN: "
            + (CallerRestrictions.isFixedText(id)
                ? "the principal with unique id " + id + " is not known"
                : "it is not one principal's unique id"));
  }
}
