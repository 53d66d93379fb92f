package io.trailaudit.policy;

import java.util.List;
import java.util.Map;

/**
 * Matching for the paired elements Action/NotAction and Resource/NotResource. Exactly one of the
 * two lists is normally present; when both are null the element was left out and matches everything
 * (a resource-based statement without Resource applies to the resource it is attached to).
 *
 * <p>Questions are asked about a set of values described as a {@link Glob}: a single value is
 * {@link Glob#literal}, "every object of a bucket" is {@link Glob#prefix}. Resource patterns may
 * contain policy variables; pass {@code variables} (possibly empty) to interpret them, or null for
 * elements that have none (actions).
 */
public final class ElementMatcher {
  private ElementMatcher() {}

  /** Whether the element certainly matches every value in {@code values}. */
  public static boolean coversAll(
      List<String> patterns,
      List<String> notPatterns,
      Glob values,
      boolean caseInsensitive,
      Map<String, String> variables) {
    if (patterns != null) {
      return patterns.stream()
          .anyMatch(
              p ->
                  compile(p, variables, PolicyVariables.Unknown.NONE)
                      .includes(values, caseInsensitive));
    }
    if (notPatterns != null) {
      return notPatterns.stream()
          .noneMatch(
              p ->
                  compile(p, variables, PolicyVariables.Unknown.ANY)
                      .intersects(values, caseInsensitive));
    }
    return true;
  }

  /**
   * Whether the element may match some value in {@code values}. With NotAction/NotResource this is
   * only refuted when a single excluded pattern covers all of {@code values}.
   */
  public static boolean mayMatchSome(
      List<String> patterns,
      List<String> notPatterns,
      Glob values,
      boolean caseInsensitive,
      Map<String, String> variables) {
    if (patterns != null) {
      return patterns.stream()
          .anyMatch(
              p ->
                  compile(p, variables, PolicyVariables.Unknown.ANY)
                      .intersects(values, caseInsensitive));
    }
    if (notPatterns != null) {
      return notPatterns.stream()
          .noneMatch(
              p ->
                  compile(p, variables, PolicyVariables.Unknown.NONE)
                      .includes(values, caseInsensitive));
    }
    return true;
  }

  private static Glob compile(
      String pattern, Map<String, String> variables, PolicyVariables.Unknown unknown) {
    return variables == null
        ? Glob.of(pattern)
        : PolicyVariables.compile(pattern, variables, unknown);
  }
}
