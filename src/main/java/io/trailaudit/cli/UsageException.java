package io.trailaudit.cli;

/** A mistake in how the command was called, found after parsing: printed as one line, exit 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
