package io.trailaudit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything trailaudit read from an AWS estate, as plain data. Things seen from many accounts (an
 * organization trail's bucket and key) are held once, at this level.
 *
 * @param schemaVersion the snapshot format version, {@link #SCHEMA_VERSION} for this release
 * @param collectedAt when collection finished: checks measure ages (last delivery) against it
 * @param collection how and by whom the snapshot was made
 * @param organization the organization tree as read from the management or delegated administrator
 *     account; known {@code null} when the estate is not an organization
 * @param accounts one entry per audited account
 * @param buckets the trails' S3 buckets, once each
 * @param keys the trails' KMS keys, once each
 * @param logValidations trails whose digests and log files were validated ({@code audit
 *     --verify-digests}); empty when validation was not requested
 * @param eventHistory CloudTrail event history searched for changes to the audited resources, per
 *     (account, region) searched ({@code --history-days}); not collected when the search was off or
 *     the snapshot predates it
 */
public record Snapshot(
    int schemaVersion,
    Instant collectedAt,
    CollectionInfo collection,
    Observed<OrganizationTree> organization,
    List<AccountSnapshot> accounts,
    List<Bucket> buckets,
    List<KmsKey> keys,
    List<LogValidation> logValidations,
    Observed<List<EventHistory>> eventHistory) {

  public static final int SCHEMA_VERSION = 1;

  public Snapshot {
    Objects.requireNonNull(collectedAt, "collectedAt");
    Objects.requireNonNull(collection, "collection");
    organization = organization == null ? Observed.known(null) : organization;
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
    keys = keys == null ? List.of() : List.copyOf(keys);
    logValidations = logValidations == null ? List.of() : List.copyOf(logValidations);
    eventHistory = Observed.orNotCollected(eventHistory, "event history");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a Snapshot by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private int schemaVersion;
    private Instant collectedAt;
    private CollectionInfo collection;
    private Observed<OrganizationTree> organization;
    private List<AccountSnapshot> accounts;
    private List<Bucket> buckets;
    private List<KmsKey> keys;
    private List<LogValidation> logValidations;
    private Observed<List<EventHistory>> eventHistory;

    private Builder() {}

    private Builder(Snapshot s) {
      schemaVersion = s.schemaVersion;
      collectedAt = s.collectedAt;
      collection = s.collection;
      organization = s.organization;
      accounts = s.accounts;
      buckets = s.buckets;
      keys = s.keys;
      logValidations = s.logValidations;
      eventHistory = s.eventHistory;
    }

    public Builder schemaVersion(int schemaVersion) {
      this.schemaVersion = schemaVersion;
      return this;
    }

    public Builder collectedAt(Instant collectedAt) {
      this.collectedAt = collectedAt;
      return this;
    }

    public Builder collection(CollectionInfo collection) {
      this.collection = collection;
      return this;
    }

    public Builder organization(Observed<OrganizationTree> organization) {
      this.organization = organization;
      return this;
    }

    public Builder accounts(List<AccountSnapshot> accounts) {
      this.accounts = accounts;
      return this;
    }

    public Builder buckets(List<Bucket> buckets) {
      this.buckets = buckets;
      return this;
    }

    public Builder keys(List<KmsKey> keys) {
      this.keys = keys;
      return this;
    }

    public Builder logValidations(List<LogValidation> logValidations) {
      this.logValidations = logValidations;
      return this;
    }

    public Builder eventHistory(Observed<List<EventHistory>> eventHistory) {
      this.eventHistory = eventHistory;
      return this;
    }

    public Snapshot build() {
      return new Snapshot(
          schemaVersion,
          collectedAt,
          collection,
          organization,
          accounts,
          buckets,
          keys,
          logValidations,
          eventHistory);
    }
  }

  /** The first validation of a trail's logs, if one was made. */
  public Optional<LogValidation> logValidation(String trailArn) {
    return logValidations.stream().filter(v -> v.trailArn().equals(trailArn)).findFirst();
  }

  /** Every validation of a trail's logs: one per (account, region) validated. */
  public List<LogValidation> logValidations(String trailArn) {
    return logValidations.stream().filter(v -> v.trailArn().equals(trailArn)).toList();
  }

  public Optional<AccountSnapshot> account(String accountId) {
    return accounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst();
  }

  public Optional<Bucket> bucket(String name) {
    return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** A key by ARN, key id or alias as a trail names it. */
  public Optional<KmsKey> key(String keyIdOrArn) {
    return keys.stream().filter(k -> k.isNamedBy(keyIdOrArn)).findFirst();
  }
}
