package io.trailaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * How a snapshot was made.
 *
 * @param tool the collecting tool, {@code trailaudit} or the name of whatever wrote the file
 * @param toolVersion its version
 * @param method {@code live} for a collection through the AWS APIs, {@code fixture} for a file
 *     written by hand or by a generator
 * @param callerArn the identity that collected (sts:GetCallerIdentity), null if unknown
 * @param homeRegion the region used for global calls
 * @param regions the regions that were requested
 * @param excludedAccounts accounts of the organization deliberately left out of the collection, and
 *     why: the audit reports any other account of the organization that is missing
 */
public record CollectionInfo(
    String tool,
    String toolVersion,
    String method,
    String callerArn,
    String homeRegion,
    List<String> regions,
    List<ExcludedAccount> excludedAccounts) {

  public CollectionInfo {
    regions = regions == null ? List.of() : List.copyOf(regions);
    excludedAccounts = excludedAccounts == null ? List.of() : List.copyOf(excludedAccounts);
  }

  /** A collection that left no account out. */
  public CollectionInfo(
      String tool,
      String toolVersion,
      String method,
      String callerArn,
      String homeRegion,
      List<String> regions) {
    this(tool, toolVersion, method, callerArn, homeRegion, regions, null);
  }

  /** Why an account of the organization was not collected. */
  public enum Exclusion {
    /** {@code --accounts} was given and did not name it. */
    NOT_SELECTED,
    /** {@code --exclude-accounts} named it. */
    EXCLUDED,
    /** Its status is not ACTIVE (suspended or closing): it cannot be entered. */
    NOT_ACTIVE,
    /** The collection read the caller's account only ({@code --org} not given). */
    NOT_ORGANIZATION_MODE
  }

  /**
   * An account left out.
   *
   * @param accountId the 12-digit account id
   * @param reason why
   */
  public record ExcludedAccount(String accountId, Exclusion reason) {
    public ExcludedAccount {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
