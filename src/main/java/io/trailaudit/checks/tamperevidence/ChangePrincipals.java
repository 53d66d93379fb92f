package io.trailaudit.checks.tamperevidence;

import io.trailaudit.model.Arn;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.policy.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The principals allowed to change the logging: the break-glass patterns and {@code
 * tamperEvidence.changePrincipals}, ARN patterns with {@code *} and {@code ?} matched as the SCP
 * evaluator matches {@code aws:PrincipalArn} (case-sensitive {@link Glob}). A role session is
 * matched by its role's ARN, as {@code aws:PrincipalArn} names it.
 */
final class ChangePrincipals {
  private final List<String> patterns;
  private final List<Glob> globs;

  ChangePrincipals(List<String> breakGlass, List<String> changePrincipals) {
    List<String> all = new ArrayList<>(breakGlass);
    changePrincipals.stream().filter(p -> !all.contains(p)).forEach(all::add);
    this.patterns = List.copyOf(all);
    this.globs = all.stream().map(Glob::of).toList();
  }

  /** The pattern that allows the caller, if any. */
  Optional<String> allowing(ChangeEvent.Caller caller) {
    List<String> names = new ArrayList<>();
    if (caller.arn() != null) {
      names.add(caller.arn());
    }
    if (caller.sessionIssuerArn() != null) {
      names.add(caller.sessionIssuerArn());
    }
    roleOfSession(caller.arn()).ifPresent(names::add);
    for (int i = 0; i < globs.size(); i++) {
      Glob g = globs.get(i);
      if (names.stream().anyMatch(n -> g.matches(n, false))) {
        return Optional.of(patterns.get(i));
      }
    }
    return Optional.empty();
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  /**
   * {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION} to {@code arn:aws:iam::ACCT:role/ROLE}. The
   * session ARN drops a role's path, so a pattern naming the path matches only through {@code
   * sessionIssuer.arn}, which CloudTrail records with it.
   */
  static Optional<String> roleOfSession(String arn) {
    return Arn.parse(arn == null ? "" : arn)
        .filter(a -> "sts".equals(a.service()) && a.resource().startsWith("assumed-role/"))
        .flatMap(
            a -> {
              String[] parts = a.resource().split("/");
              return parts.length < 2
                  ? Optional.empty()
                  : Optional.of(Arn.role(a.partition(), a.account(), parts[1]).toString());
            });
  }
}
