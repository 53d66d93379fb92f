package io.trailaudit.policy;

/**
 * A policy document is not valid JSON or not a valid IAM policy. The message says what is wrong and
 * where: a JSON path such as {@code Statement[1].Effect}, or line and column for bad JSON.
 */
public final class PolicyParseException extends RuntimeException {
  private final String path;

  public PolicyParseException(String path, String problem) {
    super(path == null ? problem : path + ": " + problem);
    this.path = path;
  }

  public PolicyParseException(String message, Throwable cause) {
    super(message, cause);
    this.path = null;
  }

  /** The JSON path of the offending element, or null when the JSON itself is malformed. */
  public String path() {
    return path;
  }
}
