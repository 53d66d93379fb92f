package io.trailaudit.model;

import java.util.Objects;

/**
 * A value read from an AWS API: either {@link Known} (the call succeeded; the value may be {@code
 * null} where the field documents what absence means) or {@link Unavailable} (the call failed, and
 * why). Checks that need an unavailable value report ERROR, never PASS.
 */
public sealed interface Observed<T> permits Observed.Known, Observed.Unavailable {

  /** The call succeeded. */
  record Known<T>(T value) implements Observed<T> {}

  /** The call failed: the service, operation, AWS error code and message say why. */
  record Unavailable<T>(String service, String operation, String errorCode, String message)
      implements Observed<T> {
    public Unavailable {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(errorCode, "errorCode");
      message = message == null ? "" : message;
    }

    /** The same failure as the value of another read: what could not be read stays unread. */
    public <U> Unavailable<U> retyped() {
      return new Unavailable<>(service, operation, errorCode, message);
    }

    /** One line for a finding: {@code s3:GetBucketPolicy failed: AccessDenied (message)}. */
    public String reason() {
      String call = service + ":" + operation;
      return message.isEmpty()
          ? call + " failed: " + errorCode
          : call + " failed: " + errorCode + " (" + message + ")";
    }
  }

  /** Error code of values a snapshot file does not contain. */
  String NOT_COLLECTED = "NotCollected";

  static <T> Observed<T> known(T value) {
    return new Known<>(value);
  }

  static <T> Observed<T> unavailable(
      String service, String operation, String errorCode, String message) {
    return new Unavailable<>(service, operation, errorCode, message);
  }

  /** A value that the snapshot does not hold at all: never treated as absent. */
  static <T> Observed<T> notCollected(String what) {
    return new Unavailable<>(
        "trailaudit", "snapshot", NOT_COLLECTED, what + " is not in the snapshot");
  }

  /** {@code o}, or {@link #notCollected} when a snapshot left the value out. */
  static <T> Observed<T> orNotCollected(Observed<T> o, String what) {
    return o == null ? notCollected(what) : o;
  }

  default boolean isKnown() {
    return this instanceof Known<T>;
  }

  /** The known value (possibly null); throws if unavailable. Test {@link #isKnown()} first. */
  default T value() {
    if (this instanceof Known<T> k) {
      return k.value();
    }
    throw new IllegalStateException("value is unavailable: " + ((Unavailable<T>) this).reason());
  }

  /** The failure; throws if known. */
  default Unavailable<T> failure() {
    if (this instanceof Unavailable<T> u) {
      return u;
    }
    throw new IllegalStateException("value is known");
  }
}
