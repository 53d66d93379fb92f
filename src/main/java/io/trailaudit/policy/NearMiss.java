package io.trailaudit.policy;

/** A statement that looks like it meets a requirement but does not, and why. */
public record NearMiss(StatementRef statement, String reason) {
  public String describe() {
    return statement.label() + ": " + reason;
  }
}
