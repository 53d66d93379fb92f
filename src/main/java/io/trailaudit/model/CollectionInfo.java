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

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a CollectionInfo by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String tool;
    private String toolVersion;
    private String method;
    private String callerArn;
    private String homeRegion;
    private List<String> regions;
    private List<ExcludedAccount> excludedAccounts;

    private Builder() {}

    private Builder(CollectionInfo c) {
      tool = c.tool;
      toolVersion = c.toolVersion;
      method = c.method;
      callerArn = c.callerArn;
      homeRegion = c.homeRegion;
      regions = c.regions;
      excludedAccounts = c.excludedAccounts;
    }

    public Builder tool(String tool) {
      this.tool = tool;
      return this;
    }

    public Builder toolVersion(String toolVersion) {
      this.toolVersion = toolVersion;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder callerArn(String callerArn) {
      this.callerArn = callerArn;
      return this;
    }

    public Builder homeRegion(String homeRegion) {
      this.homeRegion = homeRegion;
      return this;
    }

    public Builder regions(List<String> regions) {
      this.regions = regions;
      return this;
    }

    public Builder excludedAccounts(List<ExcludedAccount> excludedAccounts) {
      this.excludedAccounts = excludedAccounts;
      return this;
    }

    public CollectionInfo build() {
      return new CollectionInfo(
          tool, toolVersion, method, callerArn, homeRegion, regions, excludedAccounts);
    }
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
