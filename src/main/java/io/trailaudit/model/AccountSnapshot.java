package io.trailaudit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read in one account.
 *
 * @param accountId the 12-digit account id
 * @param name the account's name in the organization, if known
 * @param organization {@code organizations:DescribeOrganization} as seen from this account; known
 *     {@code null} when the account is in no organization
 * @param enabledRegions regions enabled for the account ({@code account:ListRegions})
 * @param s3PublicAccessBlock account-level S3 Block Public Access; known {@code null} when none is
 *     configured
 * @param regions per-region reads, one entry per audited region
 * @param trails every trail visible from the account in any region (shadow trails included), once
 *     per ARN
 */
public record AccountSnapshot(
    String accountId,
    String name,
    Observed<OrganizationMembership> organization,
    Observed<List<String>> enabledRegions,
    Observed<PublicAccessBlock> s3PublicAccessBlock,
    List<RegionSnapshot> regions,
    List<Trail> trails) {

  public AccountSnapshot {
    Objects.requireNonNull(accountId, "accountId");
    regions = regions == null ? List.of() : List.copyOf(regions);
    trails = trails == null ? List.of() : List.copyOf(trails);
    organization = Observed.orNotCollected(organization, "organization");
    enabledRegions = Observed.orNotCollected(enabledRegions, "enabledRegions");
    s3PublicAccessBlock = Observed.orNotCollected(s3PublicAccessBlock, "s3PublicAccessBlock");
  }

  /**
   * An account none of whose values could be read (its role could not be assumed, say): each value,
   * and each of {@code regions}, unavailable for {@code failure}, and no trails.
   */
  public static AccountSnapshot unreadable(
      String accountId, String name, List<String> regions, Observed.Unavailable<?> failure) {
    return new AccountSnapshot(
        accountId,
        name,
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        regions.stream().map(r -> RegionSnapshot.unreadable(r, failure)).toList(),
        List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a AccountSnapshot by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String accountId;
    private String name;
    private Observed<OrganizationMembership> organization;
    private Observed<List<String>> enabledRegions;
    private Observed<PublicAccessBlock> s3PublicAccessBlock;
    private List<RegionSnapshot> regions;
    private List<Trail> trails;

    private Builder() {}

    private Builder(AccountSnapshot a) {
      accountId = a.accountId;
      name = a.name;
      organization = a.organization;
      enabledRegions = a.enabledRegions;
      s3PublicAccessBlock = a.s3PublicAccessBlock;
      regions = a.regions;
      trails = a.trails;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder organization(Observed<OrganizationMembership> organization) {
      this.organization = organization;
      return this;
    }

    public Builder enabledRegions(Observed<List<String>> enabledRegions) {
      this.enabledRegions = enabledRegions;
      return this;
    }

    public Builder s3PublicAccessBlock(Observed<PublicAccessBlock> s3PublicAccessBlock) {
      this.s3PublicAccessBlock = s3PublicAccessBlock;
      return this;
    }

    public Builder regions(List<RegionSnapshot> regions) {
      this.regions = regions;
      return this;
    }

    public Builder trails(List<Trail> trails) {
      this.trails = trails;
      return this;
    }

    public AccountSnapshot build() {
      return new AccountSnapshot(
          accountId, name, organization, enabledRegions, s3PublicAccessBlock, regions, trails);
    }
  }

  public Optional<RegionSnapshot> region(String region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst();
  }
}
