package io.trailaudit.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Question 3: does a bucket policy deny deleting objects and object versions to everyone except a
 * break-glass list.
 *
 * <p>An exempted pattern P is within the break-glass list when some entry B, read as a wildcard
 * pattern, matches every ARN that P matches: exact glob language inclusion ({@link Glob#includes}).
 * {@code ArnNotLike} patterns are read as plain globs, whose {@code *} may cross a colon; that
 * language is a superset of what IAM exempts, so the check stays sound. Policy variables in
 * exempted patterns are read as {@code *}. Which conditions exempt, and how {@code
 * StringNotEqualsIgnoreCase} and {@code aws:userid} exemptions are read: {@link
 * PrincipalExemptions}.
 */
final class ObjectDeletion {
  static final List<String> ACTIONS = List.of("s3:DeleteObject", "s3:DeleteObjectVersion");

  private ObjectDeletion() {}

  static ObjectDeletionResult evaluate(
      PolicyDocument doc, String bucketName, List<String> breakGlassPrincipals) {
    return evaluate(doc, bucketName, breakGlassPrincipals, Map.of());
  }

  static ObjectDeletionResult evaluate(
      PolicyDocument doc,
      String bucketName,
      List<String> breakGlassPrincipals,
      Map<String, String> knownIds) {
    String objectPrefix = "arn:aws:s3:::" + bucketName + "/";
    List<Glob> breakGlass = breakGlassPrincipals.stream().map(Glob::of).toList();
    Set<String> denied = new LinkedHashSet<>();
    List<StatementRef> statements = new ArrayList<>();
    List<WideExemption> wide = new ArrayList<>();
    List<NearMiss> nearMisses = new ArrayList<>();
    for (StatementRef ref : doc.statementRefs()) {
      Statement s = ref.statement();
      List<String> actions = ACTIONS.stream().filter(s::appliesToAction).toList();
      if (s.effect() != Effect.DENY
          || actions.isEmpty()
          || !s.appliesToSomeResourceWithPrefix(objectPrefix)) {
        continue;
      }
      List<WideExemption> wideHere = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      if (!s.coversAllResourcesWithPrefix(objectPrefix)) {
        problems.add("covers only some objects of the bucket (" + s.describeResources() + ")");
      }
      principalProblem(ref, breakGlass, wideHere).ifPresent(problems::add);
      for (Condition c : s.conditions()) {
        if (PrincipalExemptions.isExemption(c)) {
          for (String pattern : c.values()) {
            PrincipalExemptions.Exempted e =
                PrincipalExemptions.exempted(c, pattern, Map.of(), knownIds);
            if (!e.within(breakGlassPrincipals)) {
              wideHere.add(
                  new WideExemption(
                      ref, "Condition " + c.operator() + " " + c.key(), pattern, e.why()));
            }
          }
        } else {
          problems.add("denies only when " + c.describe() + " holds");
        }
      }
      if (!wideHere.isEmpty()) {
        problems.add(
            "exempts principals beyond the break-glass list: "
                + wideHere.stream().map(WideExemption::patternAndWhy).toList());
      }
      wide.addAll(wideHere);
      if (problems.isEmpty()) {
        statements.add(ref);
        denied.addAll(actions);
      } else {
        nearMisses.add(new NearMiss(ref, String.join("; ", problems)));
      }
    }
    List<String> notDenied = ACTIONS.stream().filter(a -> !denied.contains(a)).toList();
    List<String> deniedInOrder = ACTIONS.stream().filter(denied::contains).toList();
    return new ObjectDeletionResult(
        bucketName, deniedInOrder, notDenied, statements, wide, nearMisses);
  }

  private static Optional<String> principalProblem(
      StatementRef ref, List<Glob> breakGlass, List<WideExemption> wide) {
    Statement s = ref.statement();
    return switch (s.principalScope()) {
      case EVERYONE -> Optional.empty();
      case EVERYONE_EXCEPT -> {
        s.notPrincipal()
            .byType()
            .forEach(
                (type, values) ->
                    values.stream()
                        .filter(v -> !within(Glob.literal(v), breakGlass))
                        .forEach(v -> wide.add(new WideExemption(ref, "NotPrincipal " + type, v))));
        yield Optional.empty();
      }
      case NOBODY -> Optional.of("NotPrincipal \"*\" exempts every principal");
      case LISTED -> Optional.of("applies only to " + s.principal().describeEach());
      case UNSPECIFIED -> Optional.of("has no Principal, so it does not apply to every principal");
    };
  }

  private static boolean within(Glob exempted, List<Glob> breakGlass) {
    return breakGlass.stream().anyMatch(b -> b.includes(exempted, false));
  }
}
