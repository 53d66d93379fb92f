package io.trailaudit.policy;

/**
 * IAM wildcard matching on plain strings: {@code *} is any sequence (including empty), {@code ?}
 * exactly one character. Actions are compared case-insensitively, resources and ARNs
 * case-sensitively; callers pass which.
 */
public final class Wildcards {
  private Wildcards() {}

  public static boolean matches(String pattern, String value, boolean caseInsensitive) {
    return Glob.of(pattern).matches(value, caseInsensitive);
  }

  /**
   * Whether {@code pattern} matches every string that starts with {@code prefix} ({@code prefix} is
   * literal). {@code arn:aws:s3:::b/*} covers prefix {@code arn:aws:s3:::b/}; {@code
   * arn:aws:s3:::b/?*} does not, since it misses {@code arn:aws:s3:::b/} itself.
   */
  public static boolean coversAllWithPrefix(
      String pattern, String prefix, boolean caseInsensitive) {
    return Glob.of(pattern).includes(Glob.prefix(prefix), caseInsensitive);
  }

  /** Whether every string matched by {@code inner} is matched by {@code outer}. */
  public static boolean includes(String outer, String inner, boolean caseInsensitive) {
    return Glob.of(outer).includes(Glob.of(inner), caseInsensitive);
  }

  /** Whether some string is matched by both patterns. */
  public static boolean intersects(String a, String b, boolean caseInsensitive) {
    return Glob.of(a).intersects(Glob.of(b), caseInsensitive);
  }
}
