package io.trailaudit.checks.logfilevalidation;

import static io.trailaudit.checks.FindingFactory.message;

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
      Map<String, String> args = new HashMap<>(t.remediationArgs());
      args.put("trailLabel", t.label());
      if (t.trail().logFileValidationEnabled()) {
        out.add(f.pass(Requirement.ENABLED, t.resource(), message("pass"), args));
        out.add(digestsDelivered(f, t, snapshot.collectedAt(), maxAge, args));
      } else {
        out.add(f.fail(Requirement.ENABLED, t.resource(), message("fail"), args));
        out.add(
            f.notApplicable(
                Requirement.DIGESTS_DELIVERED, t.resource(), message("disabled"), args));
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
    Resource where = new Resource(v.account(), v.region(), t.arn());
    Map<String, String> args = new HashMap<>(trailArgs);
    args.put("account", String.valueOf(v.account()));
    args.put("region", String.valueOf(v.region()));
    args.put("windowStart", String.valueOf(v.windowStart()));
    args.put("windowEnd", String.valueOf(v.windowEnd()));
    if (!v.result().isKnown()) {
      args.put("reason", String.valueOf(v.result().failure().reason()));
      return f.error(req, where, message("unknown"), args);
    }
    LogValidation.Result r = v.result().value();
    args.put("trailAccount", v.account());
    args.put("trailRegion", v.region());
    LogValidation.Counts d = r.digestFiles();
    LogValidation.Counts l = r.logFiles();
    if (d.total() == 0) {
      return f.fail(req, where, message("no-digest"), args);
    }
    int badDigests = d.invalid() + d.notFound();
    int badLogs = l.invalid() + l.notFound();
    if (badDigests + badLogs > 0) {
      args.put("badDigests", String.valueOf(badDigests));
      args.put("digests", String.valueOf(d.total()));
      args.put("badLogs", String.valueOf(badLogs));
      args.put("logs", String.valueOf(l.total()));
      args.put("problems", problems(f, r));
      return f.fail(req, where, message("invalid"), args);
    }
    if (d.unreadable() + l.unreadable() > 0) {
      args.put("unreadableDigests", String.valueOf(d.unreadable()));
      args.put("unreadableLogs", String.valueOf(l.unreadable()));
      args.put("problems", problems(f, r));
      return f.error(req, where, message("unreadable"), args);
    }
    args.put("validDigests", String.valueOf(d.valid()));
    args.put("validLogs", String.valueOf(l.valid()));
    args.put("foundStart", String.valueOf(r.foundStart()));
    args.put("foundEnd", String.valueOf(r.foundEnd()));
    args.put("gaps", String.valueOf(r.gaps()));
    args.put("gapsNote", r.gaps() == 0 ? "" : f.text(req, message("pass-gaps"), args));
    return f.pass(req, where, message("pass"), args);
  }

  /** The first problems, {@code s3://… (reason)}, and how many more. */
  private static String problems(FindingFactory f, LogValidation.Result r) {
    Requirement req = Requirement.DIGESTS_VERIFIED;
    int shown = Math.min(3, r.problems().size());
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      LogValidation.Problem p = r.problems().get(i);
      listed.add(
          f.text(
              req,
              message("problem"),
              Map.of(
                  "s3Uri",
                  String.valueOf(p.s3Uri()),
                  "problemReason",
                  String.valueOf(p.reason()))));
    }
    String problems = String.join("; ", listed);
    int more = r.problems().size() - shown + r.problemsOmitted();
    return more > 0
        ? f.text(
            req,
            message("problems-more"),
            Map.of("problems", problems, "more", String.valueOf(more)))
        : problems;
  }

  private static Finding digestsDelivered(
      FindingFactory f, TrailView t, Instant now, Duration maxAge, Map<String, String> trailArgs) {
    Requirement req = Requirement.DIGESTS_DELIVERED;
    Map<String, String> args = new HashMap<>(trailArgs);
    if (!t.status().isKnown()) {
      args.put("statusReadFailed", Messages.trailReadFailed(t, t.status(), "status"));
      return f.error(req, t.resource(), message("unknown"), args);
    }
    TrailStatus s = t.status().value();
    if (!s.isLogging()) {
      return f.fail(req, t.resource(), message("not-logging"), args);
    }
    Delivery delivery =
        Delivery.of(s.latestDigestDeliveryError(), s.latestDigestDeliveryTime(), now, maxAge);
    if (delivery == Delivery.FAILED) {
      args.put("deliveryError", String.valueOf(s.latestDigestDeliveryError()));
      return f.fail(req, t.resource(), message("failed"), args);
    }
    if (delivery == Delivery.NEVER) {
      return f.fail(req, t.resource(), message("never"), args);
    }
    args.put("age", Messages.age(s.latestDigestDeliveryTime(), now));
    if (delivery == Delivery.STALE) {
      args.put("deliveredAt", String.valueOf(s.latestDigestDeliveryTime()));
      args.put("maxAgeHours", String.valueOf(maxAge.toHours()));
      return f.fail(req, t.resource(), message("stale"), args);
    }
    return f.pass(req, t.resource(), message("pass"), args);
  }
}
