package io.trailaudit.collect;

import io.trailaudit.model.Observed;

/** Carries a failure over to a value of another type: what could not be read stays unread. */
final class Failures {
  private Failures() {}

  static <T> Observed<T> of(Observed<?> failed) {
    Observed.Unavailable<?> u = failed.failure();
    return Observed.unavailable(u.service(), u.operation(), u.errorCode(), u.message());
  }
}
