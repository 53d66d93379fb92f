package io.trailaudit.checks.logfilevalidation;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Delivery;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.TrailStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check 3: log file integrity validation enabled, digest files delivered and, when the snapshot
 * holds a validation of them ({@code audit --verify-digests}), the digest chain and log files
 * verified.
 */
public final class LogFileValidationCheck implements Check {
  public static final String ID = "log-file-validation";
  static final String DIGEST_MAX_AGE_HOURS = "digestMaxAgeHours";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    Duration maxAge = Duration.ofHours(parameters(config).integer(DIGEST_MAX_AGE_HOURS));
    List<Finding> out = new ArrayList<>();
    for (TrailView t : TrailIndex.of(snapshot).all()) {
      Map<String, String> args = t.remediationArgs();
      if (t.trail().logFileValidationEnabled()) {
        out.add(
            f.pass(
                Requirement.ENABLED,
                t.resource(),
                "log file validation is enabled on " + t.label()));
        out.add(digestsDelivered(f, t, snapshot.collectedAt(), maxAge, args));
      } else {
        out.add(
            f.fail(
                Requirement.ENABLED,
                t.resource(),
                "log file validation is disabled on "
                    + t.label()
                    + ": modified or deleted log files cannot be detected",
                args));
        out.add(
            f.notApplicable(
                Requirement.DIGESTS_DELIVERED,
                t.resource(),
                "no digests are expected: log file validation is disabled (see log-file-validation/enabled)"));
      }
      // No finding when validation was not requested: a trail that nobody asked to verify is
      // neither verified nor "not applicable", and every report would carry one line per trail.
      // One finding per (account, region) validated: an organization trail's files of each
      // account and region are a chain of their own.
      snapshot
          .logValidations(t.trail().arn())
          .forEach(v -> out.add(digestsVerified(f, t, v, args)));
    }
    return out;
  }

  private static Finding digestsVerified(
      FindingFactory f, TrailView t, LogValidation v, Map<String, String> trailArgs) {
    Requirement req = Requirement.DIGESTS_VERIFIED;
    String window = v.windowStart() + " to " + v.windowEnd();
    Resource where = new Resource(v.account(), v.region(), t.arn());
    String files = "account " + v.account() + " in " + v.region() + ": ";
    if (!v.result().isKnown()) {
      return f.error(
          req,
          where,
          files
              + "the digests of "
              + t.label()
              + " could not be validated for "
              + window
              + ": "
              + v.result().failure().reason());
    }
    LogValidation.Result r = v.result().value();
    Map<String, String> args = new HashMap<>(trailArgs);
    args.put("windowStart", v.windowStart().toString());
    args.put("windowEnd", v.windowEnd().toString());
    args.put("trailAccount", v.account());
    args.put("trailRegion", v.region());
    LogValidation.Counts d = r.digestFiles();
    LogValidation.Counts l = r.logFiles();
    if (d.total() == 0) {
      return f.fail(
          req,
          where,
          files
              + "no digest file of "
              + t.label()
              + " in "
              + v.region()
              + " was found for "
              + window
              + ": nothing could be verified",
          args);
    }
    int badDigests = d.invalid() + d.notFound();
    int badLogs = l.invalid() + l.notFound();
    if (badDigests + badLogs > 0) {
      return f.fail(
          req,
          where,
          files
              + badDigests
              + " of "
              + d.total()
              + " digest files and "
              + badLogs
              + " of "
              + l.total()
              + " log files are invalid or missing for "
              + window
              + ": "
              + problems(r),
          args);
    }
    if (d.unreadable() + l.unreadable() > 0) {
      return f.error(
          req,
          where,
          files
              + d.unreadable()
              + " digest files and "
              + l.unreadable()
              + " log files could not be read for "
              + window
              + ", so they are not verified: "
              + problems(r));
    }
    return f.pass(
        req,
        where,
        files
            + d.valid()
            + " digest files and "
            + l.valid()
            + " log files verified, covering "
            + r.foundStart()
            + " to "
            + r.foundEnd()
            + (r.gaps() == 0
                ? ""
                : "; CloudTrail delivered nothing during "
                    + r.gaps()
                    + " period(s) (logging or validation was off)"));
  }

  /** The first problems, {@code s3://… (reason)}, and how many more. */
  private static String problems(LogValidation.Result r) {
    int shown = Math.min(3, r.problems().size());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      LogValidation.Problem p = r.problems().get(i);
      sb.append(i == 0 ? "" : "; ").append(p.s3Uri()).append(" (").append(p.reason()).append(')');
    }
    int more = r.problems().size() - shown + r.problemsOmitted();
    return more > 0 ? sb + " and " + more + " more" : sb.toString();
  }

  private static Finding digestsDelivered(
      FindingFactory f, TrailView t, Instant now, Duration maxAge, Map<String, String> args) {
    Requirement req = Requirement.DIGESTS_DELIVERED;
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
    Delivery delivery =
        Delivery.of(s.latestDigestDeliveryError(), s.latestDigestDeliveryTime(), now, maxAge);
    if (delivery == Delivery.FAILED) {
      return f.fail(
          req, t.resource(), "last digest delivery failed: " + s.latestDigestDeliveryError(), args);
    }
    if (delivery == Delivery.NEVER) {
      return f.fail(req, t.resource(), "no digest file has been delivered", args);
    }
    if (delivery == Delivery.STALE) {
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
