package io.trailaudit.policy;

/** An Allow statement open to everyone, with no condition restricting the caller. */
public record PublicAllow(StatementRef statement, String reason) {
  public String describe() {
    return statement.label() + ": " + reason;
  }
}
