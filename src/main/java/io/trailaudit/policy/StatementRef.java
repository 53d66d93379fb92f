package io.trailaudit.policy;

/** A statement together with its position in the document, so findings can name it. */
public record StatementRef(int index, Statement statement) {
  public String sid() {
    return statement.sid();
  }

  /** {@code Statement[2]}, or {@code Statement[2] (Sid AWSCloudTrailWrite)} when it has a Sid. */
  public String label() {
    String at = "Statement[" + index + "]";
    return sid() == null || sid().isEmpty() ? at : at + " (Sid " + sid() + ")";
  }
}
