package io.trailaudit.checks;

import io.trailaudit.model.Observed;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/** Wording shared by checks, so that the same fact reads the same everywhere. */
public final class Messages {
  private Messages() {}

  /**
   * Why a trail read is unavailable, naming the account it was read from when the trail belongs to
   * another account (an organization trail seen from a member account).
   */
  public static String trailReadFailed(TrailView trail, Observed<?> value, String what) {
    Observed.Unavailable<?> u = value.failure();
    String owner = trail.account();
    String base = what + " of trail " + trail.label() + " could not be read: " + u.reason();
    if (trail.trail().isOrganizationTrail() && !trail.ownerAudited()) {
      return base
          + ". It is an organization trail owned by account "
          + owner
          + ": include that account in the audit to read it there";
    }
    return base;
  }

  /**
   * How to let the audit read a resource that lives in an account it did not read (a log-archive or
   * security account): appended to ERROR messages.
   */
  public static String includeAccount(String account) {
    return ". It belongs to account "
        + account
        + ", which this audit did not read: include it with --log-archive-role arn:aws:iam::"
        + account
        + ":role/<read-only role>, or audit that account";
  }

  public static String age(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative()) {
      return "in the future";
    }
    long hours = d.toHours();
    if (hours >= 48) {
      return (hours / 24) + " days ago";
    }
    if (hours >= 1) {
      return hours + " h ago";
    }
    return d.toMinutes() + " min ago";
  }

  public static String names(Collection<TrailView> trails) {
    return trails.stream().map(TrailView::name).collect(Collectors.joining(", "));
  }
}
