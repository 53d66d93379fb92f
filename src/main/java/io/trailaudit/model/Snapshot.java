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

  /** A snapshot without event history. */
  public Snapshot(
      int schemaVersion,
      Instant collectedAt,
      CollectionInfo collection,
      Observed<OrganizationTree> organization,
      List<AccountSnapshot> accounts,
      List<Bucket> buckets,
      List<KmsKey> keys,
      List<LogValidation> logValidations) {
    this(
        schemaVersion,
        collectedAt,
        collection,
        organization,
        accounts,
        buckets,
        keys,
        logValidations,
        null);
  }

  /** A snapshot without log validations. */
  public Snapshot(
      int schemaVersion,
      Instant collectedAt,
      CollectionInfo collection,
      Observed<OrganizationTree> organization,
      List<AccountSnapshot> accounts,
      List<Bucket> buckets,
      List<KmsKey> keys) {
    this(schemaVersion, collectedAt, collection, organization, accounts, buckets, keys, null);
  }

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
