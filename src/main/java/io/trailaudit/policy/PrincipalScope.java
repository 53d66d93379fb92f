package io.trailaudit.policy;

/** Whom a statement applies to, read from its Principal or NotPrincipal element. */
public enum PrincipalScope {
  /** {@code "Principal": "*"} or {@code {"AWS": "*"}}. */
  EVERYONE,
  /** NotPrincipal without a wildcard: everyone but the listed principals. */
  EVERYONE_EXCEPT,
  /** Principal listing specific principals. */
  LISTED,
  /** {@code "NotPrincipal": "*"}. */
  NOBODY,
  /** Neither element: an identity-based statement, applying to the identity it is attached to. */
  UNSPECIFIED
}
