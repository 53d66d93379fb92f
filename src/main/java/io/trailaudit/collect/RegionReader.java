package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Trail;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One service's reads in one account and region, and the part of the {@link RegionSnapshot} they
 * fill. The collector runs each reader of {@link ServiceReaders#REGION}, in that order, in every
 * region it reads, with the credentials of the account being read.
 */
@FunctionalInterface
interface RegionReader {
  /**
   * Starts the reads. No AWS failure fails the future: a value that could not be read is
   * unavailable with the failed call (a failed future loses the whole account to an ERROR).
   *
   * @param trails what {@code DescribeTrails} listed in the region, for reads that follow the
   *     trails (their log groups, their buckets' tables); unavailable when it failed
   * @return sets this reader's components of the region's snapshot
   */
  CompletableFuture<Consumer<RegionSnapshot.Builder>> read(
      ReadScope scope, CompletableFuture<Observed<List<Trail>>> trails);
}
