package io.trailaudit.collect;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to collect.
 *
 * @param regions the regions to read, used as given; empty for every region enabled in each account
 * @param concurrency how many reads run at once
 * @param organization organization mode, or null to read the caller's account only
 * @param logArchiveRole a role ARN to read trail buckets (and keys of its account) owned by another
 *     account, or null
 * @param externalId the external id the member and log-archive roles require, or null
 * @param verifyDigests validate the digests and log files of this last period for each trail with
 *     log file validation enabled ({@code --verify-digests HOURS}), or null
 * @param historyDays search this many last days of CloudTrail event history for changes to the
 *     audited resources ({@code --history-days N}, at most {@link #MAX_HISTORY_DAYS}); 0 for none
 */
public record CollectRequest(
    List<String> regions,
    int concurrency,
    Organization organization,
    String logArchiveRole,
    String externalId,
    Duration verifyDigests,
    int historyDays) {

  /** Event history keeps 90 days of management events. */
  public static final int MAX_HISTORY_DAYS = 90;

  /** A request that searches no event history. */
  public CollectRequest(
      List<String> regions,
      int concurrency,
      Organization organization,
      String logArchiveRole,
      String externalId,
      Duration verifyDigests) {
    this(regions, concurrency, organization, logArchiveRole, externalId, verifyDigests, 0);
  }

  public CollectRequest {
    regions = regions == null ? List.of() : List.copyOf(regions);
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (verifyDigests != null && (verifyDigests.isNegative() || verifyDigests.isZero())) {
      throw new IllegalArgumentException("verifyDigests must be positive");
    }
    if (historyDays < 0 || historyDays > MAX_HISTORY_DAYS) {
      throw new IllegalArgumentException("historyDays must be between 0 and " + MAX_HISTORY_DAYS);
    }
  }

  /** A request that validates no digests. */
  public CollectRequest(
      List<String> regions,
      int concurrency,
      Organization organization,
      String logArchiveRole,
      String externalId) {
    this(regions, concurrency, organization, logArchiveRole, externalId, null);
  }

  /**
   * Organization mode: every account of the organization, through a role of that name.
   *
   * @param memberRole the role name assumed in each account but the caller's
   * @param accounts only these accounts, or empty for all
   * @param excludeAccounts never these
   */
  public record Organization(String memberRole, Set<String> accounts, Set<String> excludeAccounts) {
    public Organization {
      accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
      excludeAccounts = excludeAccounts == null ? Set.of() : Set.copyOf(excludeAccounts);
    }
  }
}
