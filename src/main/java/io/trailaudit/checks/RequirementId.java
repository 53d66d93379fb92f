package io.trailaudit.checks;

/**
 * A requirement id a check's code names: a constant of the check's {@code Requirement} enum, so
 * that the ids are written once in the code and checked against {@code check.json} when the catalog
 * is built ({@link Check#requirementIds()}).
 */
public interface RequirementId {
  /** The id as in {@code check.json}, the second half of the rule id. */
  String id();
}
