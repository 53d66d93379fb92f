package io.trailaudit.collect;

/**
 * Collection cannot start: the caller cannot be identified, or organization mode cannot list the
 * organization's accounts. Everything else becomes {@code Unavailable} on the value concerned.
 */
public final class CollectionException extends RuntimeException {
  public CollectionException(String message) {
    super(message);
  }
}
