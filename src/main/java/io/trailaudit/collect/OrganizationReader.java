package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * Reads AWS Organizations: the membership of the calling account, and (from the management or a
 * delegated administrator account) the whole tree with its service control policies.
 */
public final class OrganizationReader {
  static final String SERVICE = "organizations";

  private final OrganizationsClient organizations;

  public OrganizationReader(OrganizationsClient organizations) {
    this.organizations = organizations;
  }

  /** The organization of the calling account; known {@code null} when it is in none. */
  public Observed<OrganizationMembership> membership() {
    return Reads.read(
        SERVICE,
        "DescribeOrganization",
        () -> {
          try {
            return membership(organizations.describeOrganization());
          } catch (AwsOrganizationsNotInUseException e) {
            return null;
          }
        });
  }

  /**
   * Roots (with their enabled policy types), OUs and accounts as a tree, and every SCP with its
   * content and targets. All or nothing: a tree with a branch or a policy missing would misjudge
   * which SCPs are in force, so any failed call makes the whole tree unavailable, naming that call.
   * Known {@code null} when the account is in no organization.
   */
  public Observed<OrganizationTree> tree() {
    String[] operation = {"DescribeOrganization"};
    try {
      OrganizationMembership membership;
      try {
        membership = membership(organizations.describeOrganization());
      } catch (AwsOrganizationsNotInUseException e) {
        return Observed.known(null);
      }
      operation[0] = "ListRoots";
      List<OrganizationTree.Root> roots = new ArrayList<>();
      organizations.listRootsPaginator(r -> {}).stream()
          .flatMap(page -> page.roots().stream())
          .forEach(
              root ->
                  roots.add(
                      new OrganizationTree.Root(
                          root.id(),
                          root.arn(),
                          root.name(),
                          root.policyTypes().stream()
                              .map(
                                  t ->
                                      new OrganizationTree.PolicyTypeStatus(
                                          t.typeAsString(), t.statusAsString()))
                              .toList())));

      List<OrganizationTree.Unit> units = new ArrayList<>();
      List<OrganizationTree.Account> accounts = new ArrayList<>();
      Deque<String> parents = new ArrayDeque<>();
      roots.forEach(r -> parents.add(r.id()));
      while (!parents.isEmpty()) {
        String parent = parents.poll();
        operation[0] = "ListOrganizationalUnitsForParent";
        organizations.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent)).stream()
            .flatMap(page -> page.organizationalUnits().stream())
            .forEach(
                ou -> {
                  units.add(new OrganizationTree.Unit(ou.id(), ou.arn(), ou.name(), parent));
                  parents.add(ou.id());
                });
        operation[0] = "ListAccountsForParent";
        organizations.listAccountsForParentPaginator(r -> r.parentId(parent)).stream()
            .flatMap(page -> page.accounts().stream())
            .forEach(
                a ->
                    accounts.add(
                        new OrganizationTree.Account(
                            a.id(), a.arn(), a.name(), a.statusAsString(), parent)));
      }

      List<OrganizationTree.Policy> policies = new ArrayList<>();
      operation[0] = "ListPolicies";
      List<PolicySummary> summaries =
          organizations
              .listPoliciesPaginator(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY))
              .stream()
              .flatMap(page -> page.policies().stream())
              .toList();
      for (PolicySummary summary : summaries) {
        operation[0] = "DescribePolicy";
        String content =
            organizations.describePolicy(r -> r.policyId(summary.id())).policy().content();
        operation[0] = "ListTargetsForPolicy";
        List<String> targets =
            organizations.listTargetsForPolicyPaginator(r -> r.policyId(summary.id())).stream()
                .flatMap(page -> page.targets().stream())
                .map(t -> t.targetId())
                .toList();
        policies.add(
            new OrganizationTree.Policy(
                summary.id(),
                summary.arn(),
                summary.name(),
                summary.typeAsString(),
                Boolean.TRUE.equals(summary.awsManaged()),
                content,
                targets));
      }
      return Observed.known(new OrganizationTree(membership, roots, units, accounts, policies));
    } catch (SdkException e) {
      return Reads.unavailable(SERVICE, operation[0], e);
    }
  }

  private static OrganizationMembership membership(DescribeOrganizationResponse response) {
    Organization o = response.organization();
    return new OrganizationMembership(o.id(), o.arn(), o.masterAccountId(), o.featureSetAsString());
  }
}
