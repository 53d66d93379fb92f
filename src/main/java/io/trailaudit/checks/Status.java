package io.trailaudit.checks;

/** Outcome of one requirement for one resource, worst first. */
public enum Status {
  /** The requirement does not hold. */
  FAIL,
  /** The data needed could not be read; the message says which call and why. */
  ERROR,
  /** A FAIL that a suppression in the configuration accepts, with its reason. */
  MUTED,
  /** The requirement holds, with the evidence in the message. */
  PASS,
  /** The requirement does not apply here; the message says why. */
  NOT_APPLICABLE
}
