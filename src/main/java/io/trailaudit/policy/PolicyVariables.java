package io.trailaudit.policy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policy variables such as {@code ${aws:PrincipalAccount}} inside resource patterns and condition
 * values. Known variables are spliced in literally (a {@code *} in a value is not a wildcard);
 * {@code ${*}}, {@code ${?}} and {@code ${$}} are the literal characters; {@code ${key, 'x'}} falls
 * back to {@code x}. Variable names are case-insensitive, like condition keys.
 *
 * <p>What an unknown variable stands for depends on the question, see {@link Unknown}. IAM only
 * substitutes variables in documents with Version 2012-10-17; treating them as variables in an
 * older document errs on the same side as {@link Unknown} does.
 */
public final class PolicyVariables {
  /** How to read a variable whose value is not known. */
  public enum Unknown {
    /** As {@code *}: for "could this match" questions. */
    ANY,
    /** As matching nothing: for "does this certainly match / cover" questions. */
    NONE
  }

  private PolicyVariables() {}

  /** Compiles a pattern that has {@code *}/{@code ?} wildcards and may contain variables. */
  public static Glob compile(String pattern, Map<String, String> values, Unknown unknown) {
    return compile(pattern, values, unknown, true);
  }

  /**
   * Compiles {@code text}; with {@code wildcards} false, {@code *} and {@code ?} outside variables
   * are literal (as in {@code StringEquals} values) and only unknown variables widen the result.
   */
  public static Glob compile(
      String text, Map<String, String> values, Unknown unknown, boolean wildcards) {
    Map<String, String> vars = caseInsensitive(values);
    Glob.Builder b = Glob.builder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = c == '$' ? variableEnd(text, i) : -1;
      if (end >= 0) {
        Optional<String> value = resolve(text.substring(i + 2, end), vars);
        if (value.isPresent()) {
          b.literal(value.get());
        } else if (unknown == Unknown.ANY) {
          b.any();
        } else {
          b.never();
        }
        i = end + 1;
        continue;
      }
      if (wildcards && c == '*') {
        b.any();
      } else if (wildcards && c == '?') {
        b.one();
      } else {
        b.literal(c);
      }
      i++;
    }
    return b.build();
  }

  /** The text with every variable replaced, or empty when some variable has no value. */
  public static Optional<String> substitute(String text, Map<String, String> values) {
    Map<String, String> vars = caseInsensitive(values);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = text.charAt(i) == '$' ? variableEnd(text, i) : -1;
      if (end < 0) {
        sb.append(text.charAt(i++));
        continue;
      }
      Optional<String> value = resolve(text.substring(i + 2, end), vars);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      sb.append(value.get());
      i = end + 1;
    }
    return Optional.of(sb.toString());
  }

  /** Whether the text contains a {@code ${...}} span other than the literal escapes. */
  public static boolean hasVariables(String text) {
    for (int i = 0; i < text.length(); i++) {
      int end = text.charAt(i) == '$' ? variableEnd(text, i) : -1;
      if (end >= 0) {
        String inner = text.substring(i + 2, end);
        if (!inner.equals("*") && !inner.equals("?") && !inner.equals("$")) {
          return true;
        }
      }
    }
    return false;
  }

  private static int variableEnd(String text, int dollar) {
    if (dollar + 1 >= text.length() || text.charAt(dollar + 1) != '{') {
      return -1;
    }
    return text.indexOf('}', dollar + 2);
  }

  private static Optional<String> resolve(String inner, Map<String, String> vars) {
    if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
      return Optional.of(inner);
    }
    String name = inner;
    String fallback = null;
    int comma = inner.indexOf(',');
    if (comma >= 0) {
      name = inner.substring(0, comma);
      String d = inner.substring(comma + 1).trim();
      if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
        fallback = d.substring(1, d.length() - 1);
      }
    }
    String value = vars.get(name.trim());
    return Optional.ofNullable(value != null ? value : fallback);
  }

  private static Map<String, String> caseInsensitive(Map<String, String> values) {
    Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    vars.putAll(values);
    return vars;
  }
}
