package io.trailaudit.collect;

import io.trailaudit.model.Trail;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose credentials read what, in one place. An audited account's own reads (its regions, its
 * account settings) use its principal: the caller's credentials in the caller's account, the
 * assumed member role elsewhere. What many accounts see is read once:
 *
 * <ul>
 *   <li>a trail's per-trail reads: its owner's principal when the owner is audited and its role
 *       could be assumed, else the first audited account that listed the trail;
 *   <li>a trail's bucket: the log-archive role when one is given, else whoever read the trail;
 *   <li>a trail's key: the key account's principal when audited and usable, else the log-archive
 *       role when the key is in the log-archive account, else whoever read the trail;
 *   <li>{@code --verify-digests}: the log-archive role when one is given, else the trail owner's
 *       principal when the owner is audited; otherwise the trail is not validated.
 * </ul>
 *
 * A principal that could not be assumed is still returned where nothing better exists: every read
 * it would have made is then unavailable with its {@code sts:AssumeRole} failure.
 */
final class WhoReadsWhat {
  /** Every audited account's principal, registered before any account is read. */
  private final Map<String, CompletableFuture<Principal>> audited = new ConcurrentHashMap<>();

  private final CompletableFuture<Principal> logArchive;
  private final String logArchiveAccount;

  /**
   * @param logArchive the log-archive role's principal, or null when no role is given
   */
  WhoReadsWhat(CompletableFuture<Principal> logArchive, String logArchiveAccount) {
    this.logArchive = logArchive;
    this.logArchiveAccount = logArchiveAccount;
  }

  void audit(String accountId, CompletableFuture<Principal> principal) {
    audited.put(accountId, principal);
  }

  CompletableFuture<Principal> trail(Trail trail, Principal seenBy) {
    CompletableFuture<Principal> owner = audited.get(trail.ownerAccountId());
    return owner == null
        ? CompletableFuture.completedFuture(seenBy)
        : owner.thenApply(o -> o.usable() ? o : seenBy);
  }

  CompletableFuture<Principal> bucket(Principal trailReader) {
    return logArchive != null ? logArchive : CompletableFuture.completedFuture(trailReader);
  }

  /** The account a bucket read with {@code reader} expects to own it ({@code ExpectedOwner}). */
  String bucketOwner(Principal reader, Trail trail) {
    return logArchive != null ? reader.accountId() : trail.ownerAccountId();
  }

  /**
   * @param keyAccount the key's account: its ARN's, or the trail reader's for a key id or alias
   */
  CompletableFuture<Principal> key(String keyAccount, Principal trailReader) {
    CompletableFuture<Principal> fallback =
        logArchive != null && keyAccount != null && keyAccount.equals(logArchiveAccount)
            ? logArchive
            : CompletableFuture.completedFuture(trailReader);
    CompletableFuture<Principal> owner = keyAccount == null ? null : audited.get(keyAccount);
    return owner == null
        ? fallback
        : owner.thenCompose(o -> o.usable() ? CompletableFuture.completedFuture(o) : fallback);
  }

  /** Who validates {@code trail}'s digests, or null when no credentials can read its bucket. */
  CompletableFuture<Principal> validation(Trail trail) {
    return logArchive != null ? logArchive : audited.get(trail.ownerAccountId());
  }

  /**
   * Who reads an account's event history ({@code LookupEvents}): the account's own audited
   * principal, else the log-archive role in its own account; null when no credentials are there.
   */
  CompletableFuture<Principal> history(String account) {
    CompletableFuture<Principal> own = audited.get(account);
    if (own != null) {
      return own;
    }
    return logArchive != null && account.equals(logArchiveAccount) ? logArchive : null;
  }
}
