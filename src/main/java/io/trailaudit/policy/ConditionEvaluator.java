package io.trailaudit.policy;

import io.trailaudit.model.Arn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Evaluates conditions against a request as IAM documents it:
 *
 * <ul>
 *   <li>A key absent from the request makes a condition false, except for negated operators ({@code
 *       …Not…}), {@code …IfExists} and {@code ForAllValues} (all true) and {@code Null}.
 *   <li>Several values in the policy are ORed; a negated operator is the negation of its positive
 *       form ({@code StringNotEquals [a, b]}: neither a nor b).
 *   <li>{@code ForAnyValue}/{@code ForAllValues} apply the (possibly negated) per-value test to
 *       some/every request value. Without a qualifier, a multivalued key behaves like ForAnyValue
 *       for positive operators.
 * </ul>
 *
 * <p>Policy variables in String and Arn values are substituted from the request's single-valued
 * keys; a value with a variable the request lacks matches nothing.
 */
public final class ConditionEvaluator {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private ConditionEvaluator() {}

  /** Conditions are ANDed; an empty list holds. */
  public static boolean allHold(List<Condition> conditions, RequestContext request) {
    return conditions.stream().allMatch(c -> holds(c, request));
  }

  /**
   * Whether one condition holds.
   *
   * @throws IllegalArgumentException for an operator this evaluator does not know
   */
  public static boolean holds(Condition c, RequestContext request) {
    List<String> present = request.get(c.key()).filter(v -> !v.isEmpty()).orElse(null);
    if (c.operatorIs("Null")) {
      boolean absent = present == null;
      return c.values().stream().anyMatch(v -> v.equalsIgnoreCase("true") == absent);
    }
    BiPredicate<String, String> test = positiveTest(c.baseOperator(), request.variables());
    if (present == null) {
      return c.ifExists()
          || c.qualifier() == Condition.Qualifier.FOR_ALL_VALUES
          || c.qualifier() == Condition.Qualifier.NONE && c.isNegated();
    }
    return switch (c.qualifier()) {
      case FOR_ANY_VALUE -> present.stream().anyMatch(v -> valueTest(c, test, v));
      case FOR_ALL_VALUES -> present.stream().allMatch(v -> valueTest(c, test, v));
      case NONE -> c.isNegated() != present.stream().anyMatch(v -> anyPolicyValue(c, test, v));
    };
  }

  private static boolean valueTest(Condition c, BiPredicate<String, String> test, String value) {
    return c.isNegated() != anyPolicyValue(c, test, value);
  }

  private static boolean anyPolicyValue(
      Condition c, BiPredicate<String, String> test, String requestValue) {
    return c.values().stream().anyMatch(p -> test.test(p, requestValue));
  }

  /** The test of the operator's positive form: (policy value, request value) -> match. */
  private static BiPredicate<String, String> positiveTest(String base, Map<String, String> vars) {
    String op = base.toLowerCase(Locale.ROOT).replace("not", "");
    return switch (op) {
      case "stringequals" ->
          (p, v) -> PolicyVariables.substitute(p, vars).map(v::equals).orElse(false);
      case "stringequalsignorecase" ->
          (p, v) -> PolicyVariables.substitute(p, vars).map(v::equalsIgnoreCase).orElse(false);
      case "stringlike" ->
          (p, v) ->
              PolicyVariables.compile(p, vars, PolicyVariables.Unknown.NONE).matches(v, false);
      case "arnequals", "arnlike" -> (p, v) -> arnMatches(p, v, vars);
      case "numericequals" -> numeric(cmp -> cmp == 0);
      case "numericlessthan" -> numeric(cmp -> cmp > 0);
      case "numericlessthanequals" -> numeric(cmp -> cmp >= 0);
      case "numericgreaterthan" -> numeric(cmp -> cmp < 0);
      case "numericgreaterthanequals" -> numeric(cmp -> cmp <= 0);
      case "dateequals" -> date(cmp -> cmp == 0);
      case "datelessthan" -> date(cmp -> cmp > 0);
      case "datelessthanequals" -> date(cmp -> cmp >= 0);
      case "dategreaterthan" -> date(cmp -> cmp < 0);
      case "dategreaterthanequals" -> date(cmp -> cmp <= 0);
      case "bool" -> String::equalsIgnoreCase;
      case "binaryequals" -> String::equals;
      case "ipaddress" -> ConditionEvaluator::inCidr;
      default -> throw new IllegalArgumentException("unsupported condition operator " + base);
    };
  }

  /** ARNs are compared per colon-separated component, so a {@code *} does not cross a colon. */
  private static boolean arnMatches(String pattern, String value, Map<String, String> vars) {
    Optional<Arn> p = Arn.parse(pattern);
    Optional<Arn> v = Arn.parse(value);
    if (p.isEmpty() || v.isEmpty()) {
      return compileArn(pattern, vars).matches(value, false);
    }
    List<Function<Arn, String>> fields =
        List.of(Arn::partition, Arn::service, Arn::region, Arn::account, Arn::resource);
    return fields.stream()
        .allMatch(f -> compileArn(f.apply(p.get()), vars).matches(f.apply(v.get()), false));
  }

  private static Glob compileArn(String pattern, Map<String, String> vars) {
    return PolicyVariables.compile(pattern, vars, PolicyVariables.Unknown.NONE);
  }

  /** {@code pred} receives policy.compareTo(request). */
  private static BiPredicate<String, String> numeric(java.util.function.IntPredicate pred) {
    return (p, v) -> {
      try {
        return pred.test(new BigDecimal(p.trim()).compareTo(new BigDecimal(v.trim())));
      } catch (NumberFormatException e) {
        return false;
      }
    };
  }

  private static BiPredicate<String, String> date(java.util.function.IntPredicate pred) {
    return (p, v) -> {
      Optional<Instant> a = instant(p);
      Optional<Instant> b = instant(v);
      return a.isPresent() && b.isPresent() && pred.test(a.get().compareTo(b.get()));
    };
  }

  /** ISO 8601 date or date-time (UTC when no offset), or epoch seconds. */
  static Optional<Instant> instant(String text) {
    String t = text.trim();
    if (DIGITS.matcher(t).matches()) {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code ip} lies in {@code cidr} ({@code 203.0.113.0/24}, {@code 2001:db8::/32} or one
   * address).
   */
  static boolean inCidr(String cidr, String ip) {
    int slash = cidr.indexOf('/');
    byte[] net = address(slash < 0 ? cidr : cidr.substring(0, slash));
    byte[] addr = address(ip);
    if (net == null || addr == null || net.length != addr.length) {
      return false;
    }
    int bits;
    try {
      bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (bits < 0 || bits > net.length * 8) {
      return false;
    }
    BigInteger mask =
        BigInteger.ONE.shiftLeft(net.length * 8).subtract(BigInteger.ONE).shiftRight(bits).not();
    return new BigInteger(1, net).and(mask).equals(new BigInteger(1, addr).and(mask));
  }

  /** Parses an IP literal without ever resolving a host name. */
  static byte[] address(String text) {
    String t = text.trim();
    if (t.contains(":")) {
      // Only hex digits, colons and dots: InetAddress then parses a literal and never does DNS.
      if (!IPV6_CHARS.matcher(t).matches()) {
        return null;
      }
      try {
        return InetAddress.getByName(t).getAddress();
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!DIGITS.matcher(parts[i]).matches() || parts[i].length() > 3) {
        return null;
      }
      int n = Integer.parseInt(parts[i]);
      if (n > 255) {
        return null;
      }
      out[i] = (byte) n;
    }
    return out;
  }
}
