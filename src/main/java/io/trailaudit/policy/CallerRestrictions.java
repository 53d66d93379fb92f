package io.trailaudit.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a condition pins an "everyone" statement to known callers, as S3 decides what is public
 * ("The meaning of public") and IAM Access Analyzer likewise: a condition on a key that identifies
 * the caller or its network, every value of it fixed.
 *
 * <ul>
 *   <li>Keys: {@code aws:PrincipalAccount}, {@code aws:PrincipalArn}, {@code aws:PrincipalOrgID},
 *       {@code aws:SourceAccount}, {@code aws:SourceArn}, {@code aws:SourceVpc}, {@code
 *       aws:SourceVpce}, {@code aws:SourceOwner}, {@code aws:userid}, and {@code kms:CallerAccount}
 *       (the caller's account, which KMS key policies use as {@code aws:PrincipalAccount}); {@code
 *       aws:SourceIp} with ranges that together are not all of IPv4 or all of IPv6. Not {@code
 *       aws:username} (any account can create a user of that name), not org paths or the other
 *       source keys (a wildcard or a path is not a fixed caller).
 *   <li>Fixed: no {@code *} or {@code ?} and no policy variable, whatever the operator; the one
 *       exception, as in S3's rule, is {@code aws:userid} {@code ROLEID:*} (the sessions of one
 *       role, whose unique id no other role has).
 *   <li>Operators: {@code StringEquals}, {@code StringEqualsIgnoreCase}, {@code StringLike}, {@code
 *       ArnEquals}, {@code ArnLike} (and {@code IpAddress} for the IP key), plain or {@code
 *       ForAnyValue:} (both false when the key is absent). Never: negated operators (they admit
 *       everyone else), {@code …IfExists} and {@code ForAllValues:} (true when an anonymous caller
 *       sends no such key), {@code Null} (presence is not identity).
 * </ul>
 */
public final class CallerRestrictions {
  /** Condition keys that identify the caller, when pinned to fixed values. */
  public static final List<String> KEYS =
      List.of(
          "aws:PrincipalAccount",
          "aws:PrincipalArn",
          "aws:PrincipalOrgID",
          "aws:SourceAccount",
          "aws:SourceArn",
          "aws:SourceVpc",
          "aws:SourceVpce",
          "aws:SourceOwner",
          "aws:userid",
          "kms:CallerAccount");

  static final String SOURCE_IP = "aws:SourceIp";
  private static final String USER_ID = "aws:userid";

  private static final List<String> OPERATORS =
      List.of("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike");

  private CallerRestrictions() {}

  public static boolean restrictsCaller(Condition c) {
    return whyNot(c).isEmpty();
  }

  /** Whether the statement has at least one condition that {@link #restrictsCaller restricts}. */
  public static boolean restrictsCaller(Statement s) {
    return s.conditions().stream().anyMatch(CallerRestrictions::restrictsCaller);
  }

  /** Why {@code c} does not pin the caller, for messages; empty when it does. */
  public static Optional<String> whyNot(Condition c) {
    boolean ip = c.keyIs(SOURCE_IP);
    if (!ip && !c.keyIsAnyOf(KEYS)) {
      return Optional.of(
          c.keyIs("aws:username")
              ? "aws:username is not unique: any account can create a user of that name"
              : c.key() + " does not identify the caller");
    }
    if (c.operatorIs("Null")) {
      return Optional.of("Null only tests whether " + c.key() + " is present");
    }
    if (c.isNegated()) {
      return Optional.of("a negated operator admits every other caller");
    }
    if (c.ifExists()) {
      return Optional.of("…IfExists also holds for a caller that sends no " + c.key());
    }
    if (c.qualifier() == Condition.Qualifier.FOR_ALL_VALUES) {
      return Optional.of("ForAllValues also holds for a caller that sends no " + c.key());
    }
    if (c.values().isEmpty()) {
      return Optional.of("no value");
    }
    if (ip) {
      return c.operatorIs("IpAddress")
          ? ipProblem(c.values())
          : Optional.of(c.baseOperator() + " does not compare IP ranges");
    }
    if (OPERATORS.stream().noneMatch(c::operatorIs)) {
      return Optional.of(c.baseOperator() + " does not pin " + c.key() + " to values");
    }
    for (String v : c.values()) {
      if (!isFixed(c, v)) {
        return Optional.of(
            "\"" + v + "\" is not a fixed value (it has a wildcard or a policy variable)");
      }
    }
    return Optional.empty();
  }

  /** No wildcard, no policy variable, not blank; or {@code aws:userid} {@code ROLEID:*}. */
  static boolean isFixed(Condition c, String value) {
    if (c.keyIs(USER_ID) && value.endsWith(":*")) {
      return isFixedText(value.substring(0, value.length() - 2));
    }
    return isFixedText(value);
  }

  /** Not blank, without {@code *}, {@code ?} or {@code $} (a policy variable or its escape). */
  public static boolean isFixedText(String value) {
    return !value.isBlank() && value.chars().noneMatch(ch -> ch == '*' || ch == '?' || ch == '$');
  }

  /** Empty when the CIDRs are valid and together cover neither all of IPv4 nor all of IPv6. */
  static Optional<String> ipProblem(List<String> cidrs) {
    List<BigInteger[]> v4 = new ArrayList<>();
    List<BigInteger[]> v6 = new ArrayList<>();
    for (String cidr : cidrs) {
      Optional<BigInteger[]> range = range(cidr);
      if (range.isEmpty()) {
        return Optional.of("\"" + cidr + "\" is not an IP range trailaudit can read");
      }
      (range.get()[2].equals(BigInteger.valueOf(32)) ? v4 : v6).add(range.get());
    }
    if (coversAll(v4, 32)) {
      return Optional.of(cidrs + " together cover every IPv4 address");
    }
    if (coversAll(v6, 128)) {
      return Optional.of(cidrs + " together cover every IPv6 address");
    }
    return Optional.empty();
  }

  /** {@code [first, last, bits of the family]}. */
  private static Optional<BigInteger[]> range(String cidr) {
    String t = cidr.trim();
    int slash = t.indexOf('/');
    byte[] net = ConditionEvaluator.address(slash < 0 ? t : t.substring(0, slash));
    if (net == null) {
      return Optional.empty();
    }
    int family = net.length * 8;
    int bits;
    try {
      bits = slash < 0 ? family : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (bits < 0 || bits > family) {
      return Optional.empty();
    }
    BigInteger hostMask = BigInteger.ONE.shiftLeft(family - bits).subtract(BigInteger.ONE);
    BigInteger first = new BigInteger(1, net).andNot(hostMask);
    return Optional.of(new BigInteger[] {first, first.or(hostMask), BigInteger.valueOf(family)});
  }

  private static boolean coversAll(List<BigInteger[]> ranges, int family) {
    List<BigInteger[]> sorted =
        ranges.stream().sorted(Comparator.comparing((BigInteger[] r) -> r[0])).toList();
    BigInteger next = BigInteger.ZERO;
    for (BigInteger[] r : sorted) {
      if (r[0].compareTo(next) > 0) {
        return false;
      }
      next = next.max(r[1].add(BigInteger.ONE));
    }
    return next.equals(BigInteger.ONE.shiftLeft(family));
  }
}
