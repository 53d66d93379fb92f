package io.trailaudit.policy;

import java.util.List;

/**
 * Whether a condition narrows an "everyone" statement down to known callers: a condition on a
 * caller-identifying key (source ARN/account, org, VPC, IP, KMS caller account, …) that must match
 * given, non-wildcard values.
 *
 * <p>Deliberately conservative. These never count as restricting: negated operators (they exclude
 * some callers, and admit everyone else), {@code …IfExists} (a public caller may simply not send
 * the key), {@code ForAllValues} (true when the key is absent), and values that match everything
 * ({@code *}, {@code arn:*:*:*:*:*}, {@code 0.0.0.0/0}).
 *
 * <p>Keys that say what a request is about or which service relayed it, not who sent it, are left
 * out on purpose: {@code kms:EncryptionContext:…} (which log files), {@code kms:ViaService} and
 * {@code aws:CalledVia…} (any principal can call through S3 or Athena).
 */
public final class CallerRestrictions {
  /** Condition keys that identify or locate the caller. */
  public static final List<String> KEYS =
      List.of(
          "aws:SourceArn",
          "aws:SourceAccount",
          "aws:SourceOwner",
          "aws:SourceOrgID",
          "aws:SourceOrgPaths",
          "aws:PrincipalOrgID",
          "aws:PrincipalOrgPaths",
          "aws:PrincipalAccount",
          "aws:PrincipalArn",
          "aws:PrincipalServiceName",
          "aws:PrincipalServiceNamesList",
          "aws:SourceVpce",
          "aws:SourceVpc",
          "aws:SourceVpcArn",
          "aws:VpceAccount",
          "aws:VpceOrgID",
          "aws:VpceOrgPaths",
          "aws:SourceIp",
          "aws:userid",
          "aws:username",
          "kms:CallerAccount");

  private static final List<String> OPERATORS =
      List.of(
          "StringEquals",
          "StringEqualsIgnoreCase",
          "StringLike",
          "ArnEquals",
          "ArnLike",
          "IpAddress");

  private CallerRestrictions() {}

  public static boolean restrictsCaller(Condition c) {
    return c.keyIsAnyOf(KEYS)
        && !c.ifExists()
        && !c.isNegated()
        && c.qualifier() != Condition.Qualifier.FOR_ALL_VALUES
        && OPERATORS.stream().anyMatch(c::operatorIs)
        && hasSpecificValues(c);
  }

  /** Whether the statement has at least one condition that {@link #restrictsCaller restricts}. */
  public static boolean restrictsCaller(Statement s) {
    return s.conditions().stream().anyMatch(CallerRestrictions::restrictsCaller);
  }

  /** At least one value, and none that matches everything. */
  static boolean hasSpecificValues(Condition c) {
    return !c.values().isEmpty() && c.values().stream().noneMatch(v -> matchesAnything(c, v));
  }

  static boolean matchesAnything(Condition c, String value) {
    if (!value.isEmpty() && value.chars().allMatch(ch -> ch == '*')) {
      return true;
    }
    if (c.operatorIs("IpAddress")) {
      return value.trim().endsWith("/0");
    }
    if (c.operatorIs("ArnLike") || c.operatorIs("ArnEquals")) {
      String[] parts = value.split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean stars = !parts[i].isEmpty() && parts[i].chars().allMatch(ch -> ch == '*');
        if (!stars && !(i == 0 && parts[i].equals("arn"))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
