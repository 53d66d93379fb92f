package io.trailaudit.model;

/**
 * The organization an account belongs to, as {@code DescribeOrganization} reports it.
 *
 * @param featureSet {@code ALL} or {@code CONSOLIDATED_BILLING}
 */
public record OrganizationMembership(
    String organizationId, String organizationArn, String managementAccountId, String featureSet) {}
