package io.trailaudit.checks.trail;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.TrailStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Check 3: log file integrity validation enabled and digest files delivered. */
public final class LogFileValidationCheck implements Check {
  public static final String ID = "log-file-validation";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    Duration maxAge = Duration.ofHours(config.digestMaxAgeHours());
    List<Finding> out = new ArrayList<>();
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      Map<String, String> args = t.remediationArgs();
      if (t.trail().logFileValidationEnabled()) {
        out.add(f.pass("enabled", t.resource(), "log file validation is enabled on " + t.label()));
        out.add(digestsDelivered(f, t, snapshot.collectedAt(), maxAge, args));
      } else {
        out.add(
            f.fail(
                "enabled",
                t.resource(),
                "log file validation is disabled on "
                    + t.label()
                    + ": modified or deleted log files cannot be detected",
                args));
        out.add(
            f.notApplicable(
                "digests-delivered",
                t.resource(),
                "no digests are expected: log file validation is disabled (see log-file-validation/enabled)"));
      }
    }
    return out;
  }

  private static Finding digestsDelivered(
      FindingFactory f, TrailView t, Instant now, Duration maxAge, Map<String, String> args) {
    String req = "digests-delivered";
    if (!t.status().isKnown()) {
      return f.error(req, t.resource(), Messages.trailReadFailed(t, t.status(), "status"));
    }
    TrailStatus s = t.status().value();
    if (s == null || !s.isLogging()) {
      return f.fail(
          req,
          t.resource(),
          "trail " + t.label() + " is not logging, so no digest is delivered",
          args);
    }
    if (s.latestDigestDeliveryError() != null && !s.latestDigestDeliveryError().isBlank()) {
      return f.fail(
          req, t.resource(), "last digest delivery failed: " + s.latestDigestDeliveryError(), args);
    }
    if (s.latestDigestDeliveryTime() == null) {
      return f.fail(req, t.resource(), "no digest file has been delivered", args);
    }
    if (s.latestDigestDeliveryTime().isBefore(now.minus(maxAge))) {
      return f.fail(
          req,
          t.resource(),
          "last digest delivery was "
              + Messages.age(s.latestDigestDeliveryTime(), now)
              + " ("
              + s.latestDigestDeliveryTime()
              + "), older than "
              + maxAge.toHours()
              + " h",
          args);
    }
    return f.pass(
        req,
        t.resource(),
        "digest delivered "
            + Messages.age(s.latestDigestDeliveryTime(), now)
            + " with no delivery error");
  }
}
