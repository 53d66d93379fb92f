package io.trailaudit.policy;

import java.util.ArrayList;
import java.util.List;

/** Question 1: which Allow statements are open to everyone without restriction. */
final class PublicAccess {
  private PublicAccess() {}

  static List<PublicAllow> publicAllows(PolicyDocument doc) {
    List<PublicAllow> out = new ArrayList<>();
    for (StatementRef ref : doc.statementRefs()) {
      out.addAll(publicAllows(ref));
    }
    return List.copyOf(out);
  }

  /**
   * Allow statements to everyone that only a caller-pinning condition keeps from being public: the
   * ones whose reading S3's own policy status should confirm.
   */
  static List<StatementRef> pinnedByCondition(PolicyDocument doc) {
    return doc.statementRefs().stream()
        .filter(r -> toEveryone(r.statement()) && !isPublic(r.statement()))
        .toList();
  }

  private static boolean toEveryone(Statement s) {
    PrincipalScope scope = s.principalScope();
    return s.effect() == Effect.ALLOW
        && (scope == PrincipalScope.EVERYONE || scope == PrincipalScope.EVERYONE_EXCEPT);
  }

  /** The statement as a public Allow, or nothing. */
  static List<PublicAllow> publicAllows(StatementRef ref) {
    Statement s = ref.statement();
    return isPublic(s) ? List.of(new PublicAllow(ref, reason(s))) : List.of();
  }

  /**
   * An Allow to everyone ({@code *} or a NotPrincipal) with no condition that pins the caller (see
   * {@link CallerRestrictions}).
   */
  static boolean isPublic(Statement s) {
    return toEveryone(s) && !CallerRestrictions.restrictsCaller(s);
  }

  private static String reason(Statement s) {
    String who =
        s.principalScope() == PrincipalScope.EVERYONE
            ? "allows " + s.describeActions() + " to every principal (\"*\")"
            : "allows "
                + s.describeActions()
                + " to every principal except NotPrincipal "
                + s.notPrincipal().describeEach();
    if (s.conditions().isEmpty()) {
      return who + " with no condition";
    }
    List<String> conditions =
        s.conditions().stream()
            .map(c -> c.describe() + ": " + CallerRestrictions.whyNot(c).orElse(""))
            .toList();
    return who
        + "; no condition pins the caller to fixed values ("
        + String.join("; ", conditions)
        + ")";
  }
}
