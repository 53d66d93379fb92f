package io.trailaudit.policy;

import java.util.ArrayList;
import java.util.List;

/** Question 1: which Allow statements are open to everyone without restriction. */
final class PublicAccess {
  private PublicAccess() {}

  static List<PublicAllow> publicAllows(PolicyDocument doc) {
    List<PublicAllow> out = new ArrayList<>();
    for (StatementRef ref : doc.statementRefs()) {
      Statement s = ref.statement();
      if (isPublic(s)) {
        out.add(new PublicAllow(ref, reason(s)));
      }
    }
    return List.copyOf(out);
  }

  /** An Allow to everyone ({@code *} or a NotPrincipal) with no caller-restricting condition. */
  static boolean isPublic(Statement s) {
    PrincipalScope scope = s.principalScope();
    return s.effect() == Effect.ALLOW
        && (scope == PrincipalScope.EVERYONE || scope == PrincipalScope.EVERYONE_EXCEPT)
        && !CallerRestrictions.restrictsCaller(s);
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
    List<String> conditions = s.conditions().stream().map(Condition::describe).toList();
    return who + "; no condition restricts the caller (" + String.join(", ", conditions) + ")";
  }
}
