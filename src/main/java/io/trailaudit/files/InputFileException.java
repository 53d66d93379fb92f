package io.trailaudit.files;

/**
 * A user's input file (snapshot, configuration, report) could not be used. The message names the
 * file and the place, and is meant to be printed as it is, without a stack trace.
 */
public final class InputFileException extends RuntimeException {
  public InputFileException(String message, Throwable cause) {
    super(message, cause);
  }

  public InputFileException(String message) {
    super(message);
  }
}
