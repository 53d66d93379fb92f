package io.trailaudit.checks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A requirement id a check's code names: a constant of the check's {@code Requirement} enum, so
 * that the ids are written once in the code and checked against {@code check.json} when the catalog
 * is built ({@link Check#requirementIds()}). The id is the constant's name in lower case with
 * hyphens: {@code TRAIL_ENABLED} is {@code trail-enabled}.
 */
public interface RequirementId {
  /** The constant's name, as {@link Enum#name()} gives it. */
  String name();

  /** The id as in {@code check.json}, the second half of the rule id. */
  default String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The ids of {@code values}, in their order: what a check's {@code requirementIds()} returns. */
  static List<String> ids(RequirementId... values) {
    return Arrays.stream(values).map(RequirementId::id).toList();
  }
}
