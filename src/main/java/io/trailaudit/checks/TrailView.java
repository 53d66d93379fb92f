package io.trailaudit.checks;

import io.trailaudit.model.Arns;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.util.List;
import java.util.Map;

/**
 * A trail as checks see it: its description, and per-trail reads taken from whichever account could
 * make them. An organization trail seen from a member account usually cannot be read there
 * (TrailNotFound); its owner's reads are used when the owner was audited too.
 *
 * @param trail the description (from the owner's account when present)
 * @param status the first known status among the accounts that see the trail, else the owner's (or
 *     first) failure
 * @param ownerAudited whether the owning account's own reads are in the snapshot
 */
public record TrailView(
    Trail trail,
    boolean ownerAudited,
    Observed<TrailStatus> status,
    Observed<EventSelectors> selectors,
    Observed<List<InsightSelector>> insights) {

  public TrailView {
    // AWS always answers GetTrailStatus with a value: a null one (a hand-edited snapshot) is a
    // status not read, never a stopped trail.
    if (status instanceof Observed.Known<TrailStatus> k && k.value() == null) {
      status =
          Observed.unavailable(
              "trailaudit", "snapshot", "NoValue", "the snapshot holds no value for its status");
    }
  }

  /** The selectors are read and hold a value (a null one is a hand-edited snapshot's gap). */
  public boolean selectorsRead() {
    return selectors.isKnown() && selectors.value() != null;
  }

  public String arn() {
    return trail.arn();
  }

  public String name() {
    return trail.name();
  }

  public String account() {
    return trail.ownerAccountId();
  }

  public String region() {
    return trail.homeRegion();
  }

  public Resource resource() {
    return new Resource(account(), region(), arn());
  }

  /** Known to be logging. */
  public boolean isLogging() {
    return status instanceof Observed.Known<TrailStatus> k
        && k.value() != null
        && k.value().isLogging();
  }

  /** Known not to be logging. */
  public boolean isKnownStopped() {
    return status instanceof Observed.Known<TrailStatus> k && !k.value().isLogging();
  }

  /** Coverage of management events, if the selectors are known. */
  public ManagementCoverage managementCoverage() {
    return selectors.isKnown() && selectors.value() != null
        ? ManagementCoverage.of(selectors.value(), Arns.partition(trail.arn()))
        : ManagementCoverage.NONE;
  }

  /** The names remediation templates fill in: trail ARN, name, region, account and bucket. */
  public Map<String, String> remediationArgs() {
    return Map.of(
        "trailArn", arn(),
        "trailName", name(),
        "trailRegion", region(),
        "trailAccount", account(),
        "bucket", String.valueOf(trail.s3BucketName()));
  }

  /** {@code name (arn)} for messages. */
  public String label() {
    return trail.name() + " (" + trail.arn() + ")";
  }
}
