package io.trailaudit.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Principal or NotPrincipal element. {@code "*"} and {@code {"AWS": "*"}} both parse to {@code
 * wildcard} true; a {@code "*"} in the AWS list is folded into that flag, so {@code byType} holds
 * only the specific principals (type to values, in document order).
 */
public record Principals(boolean wildcard, Map<String, List<String>> byType) {
  public static final String AWS = "AWS";
  public static final String SERVICE = "Service";
  public static final String FEDERATED = "Federated";
  public static final String CANONICAL_USER = "CanonicalUser";

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:[^:]+:iam::(\\d{12}):root");

  public Principals {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    byType.forEach((type, values) -> copy.put(type, List.copyOf(values)));
    byType = Collections.unmodifiableMap(copy);
  }

  public static Principals everyone() {
    return new Principals(true, Map.of());
  }

  /** The values listed for {@code type} (compared case-insensitively), or an empty list. */
  public List<String> values(String type) {
    return byType.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(type))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  /**
   * Whether the element names this principal: always for a wildcard. Values are compared as IAM
   * does: an account ID and its {@code arn:…:iam::ID:root} are the same AWS principal, service
   * names ignore case, everything else is exact. The Principal element has no partial wildcards.
   */
  public boolean contains(String type, String value) {
    if (wildcard) {
      return true;
    }
    for (String listed : values(type)) {
      if (samePrincipal(type, listed, value)) {
        return true;
      }
    }
    return false;
  }

  /** Each listed principal as {@code TYPE value}, for messages. */
  public List<String> describeEach() {
    if (wildcard && byType.isEmpty()) {
      return List.of("*");
    }
    List<String> out = new java.util.ArrayList<>();
    if (wildcard) {
      out.add("*");
    }
    byType.forEach((type, values) -> values.forEach(v -> out.add(type + " " + v)));
    return List.copyOf(out);
  }

  private static boolean samePrincipal(String type, String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (type.equalsIgnoreCase(SERVICE)) {
      return a.equalsIgnoreCase(b);
    }
    if (type.equalsIgnoreCase(AWS)) {
      String ra = accountRoot(a);
      return ra != null && ra.equals(accountRoot(b));
    }
    return false;
  }

  private static String accountRoot(String principal) {
    if (ACCOUNT_ID.matcher(principal).matches()) {
      return principal;
    }
    var m = ACCOUNT_ROOT.matcher(principal);
    return m.matches() ? m.group(1) : null;
  }
}
