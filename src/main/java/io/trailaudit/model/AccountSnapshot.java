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

  public Optional<RegionSnapshot> region(String region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst();
  }
}
