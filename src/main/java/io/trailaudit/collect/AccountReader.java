package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One service's account-wide reads, and the part of the {@link AccountSnapshot} they fill. The
 * collector runs each reader of {@link ServiceReaders#ACCOUNT} once per account read, in the home
 * region, with that account's credentials.
 */
@FunctionalInterface
interface AccountReader {
  /**
   * Starts the reads; as {@link RegionReader#read}, no AWS failure fails the future.
   *
   * @return sets this reader's components of the account's snapshot
   */
  CompletableFuture<Consumer<AccountSnapshot.Builder>> read(ReadScope home, String accountId);
}
