package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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

  /** {@link #tree(Executor)}, one call after the other. */
  public Observed<OrganizationTree> tree() {
    return tree(Runnable::run);
  }

  /**
   * Roots (with their enabled policy types), OUs and accounts as a tree, and every SCP with its
   * content and targets. All or nothing: a tree with a branch or a policy missing would misjudge
   * which SCPs are in force, so any failed call makes the whole tree unavailable, naming that call.
   * Known {@code null} when the account is in no organization.
   *
   * <p>The children of one level of the tree, and the policies, are read as tasks on {@code
   * executor}; the caller waits for them, so it must not itself be one of the executor's tasks. The
   * wall time is then about one call per level plus the policies spread over the executor.
   */
  public Observed<OrganizationTree> tree(Executor executor) {
    OrganizationMembership membership;
    try {
      membership = membership(organizations.describeOrganization());
    } catch (AwsOrganizationsNotInUseException e) {
      return Observed.known(null);
    } catch (SdkException e) {
      return Reads.unavailable(SERVICE, "DescribeOrganization", e);
    }
    try {
      List<OrganizationTree.Root> roots =
          call(
              "ListRoots",
              () ->
                  organizations.listRootsPaginator(r -> {}).stream()
                      .flatMap(page -> page.roots().stream())
                      .map(
                          root ->
                              new OrganizationTree.Root(
                                  root.id(),
                                  root.arn(),
                                  root.name(),
                                  root.policyTypes().stream()
                                      .map(
                                          t ->
                                              new OrganizationTree.PolicyTypeStatus(
                                                  t.typeAsString(), t.statusAsString()))
                                      .toList()))
                      .toList());

      List<OrganizationTree.Unit> units = new ArrayList<>();
      List<OrganizationTree.Account> accounts = new ArrayList<>();
      List<String> level = roots.stream().map(OrganizationTree.Root::id).toList();
      while (!level.isEmpty()) {
        List<CompletableFuture<Children>> reads =
            level.stream()
                .map(parent -> CompletableFuture.supplyAsync(() -> children(parent), executor))
                .toList();
        List<String> next = new ArrayList<>();
        for (CompletableFuture<Children> read : reads) {
          Children children = join(read);
          units.addAll(children.units());
          accounts.addAll(children.accounts());
          children.units().forEach(u -> next.add(u.id()));
        }
        level = next;
      }

      List<PolicySummary> summaries =
          call(
              "ListPolicies",
              () ->
                  organizations
                      .listPoliciesPaginator(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY))
                      .stream()
                      .flatMap(page -> page.policies().stream())
                      .toList());
      List<CompletableFuture<OrganizationTree.Policy>> policyReads =
          summaries.stream()
              .map(summary -> CompletableFuture.supplyAsync(() -> policy(summary), executor))
              .toList();
      List<OrganizationTree.Policy> policies =
          policyReads.stream().map(OrganizationReader::join).toList();
      return Observed.known(new OrganizationTree(membership, roots, units, accounts, policies));
    } catch (CallFailed e) {
      return Reads.unavailable(SERVICE, e.operation, e.failure);
    }
  }

  /** The OUs and accounts directly under one root or OU. */
  private record Children(
      List<OrganizationTree.Unit> units, List<OrganizationTree.Account> accounts) {}

  private Children children(String parent) {
    List<OrganizationTree.Unit> units =
        call(
            "ListOrganizationalUnitsForParent",
            () ->
                organizations
                    .listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent))
                    .stream()
                    .flatMap(page -> page.organizationalUnits().stream())
                    .map(ou -> new OrganizationTree.Unit(ou.id(), ou.arn(), ou.name(), parent))
                    .toList());
    List<OrganizationTree.Account> accounts =
        call(
            "ListAccountsForParent",
            () ->
                organizations.listAccountsForParentPaginator(r -> r.parentId(parent)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .map(
                        a ->
                            new OrganizationTree.Account(
                                a.id(), a.arn(), a.name(), a.statusAsString(), parent))
                    .toList());
    return new Children(units, accounts);
  }

  private OrganizationTree.Policy policy(PolicySummary summary) {
    String content =
        call(
            "DescribePolicy",
            () -> organizations.describePolicy(r -> r.policyId(summary.id())).policy().content());
    List<String> targets =
        call(
            "ListTargetsForPolicy",
            () ->
                organizations.listTargetsForPolicyPaginator(r -> r.policyId(summary.id())).stream()
                    .flatMap(page -> page.targets().stream())
                    .map(t -> t.targetId())
                    .toList());
    return new OrganizationTree.Policy(
        summary.id(),
        summary.arn(),
        summary.name(),
        summary.typeAsString(),
        Boolean.TRUE.equals(summary.awsManaged()),
        content,
        targets);
  }

  /** A failed call of the tree, with its operation name, carried out of the tasks. */
  private static final class CallFailed extends RuntimeException {
    private final String operation;
    private final SdkException failure;

    CallFailed(String operation, SdkException failure) {
      super(operation, failure, false, false);
      this.operation = operation;
      this.failure = failure;
    }
  }

  private static <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new CallFailed(operation, e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static OrganizationMembership membership(DescribeOrganizationResponse response) {
    Organization o = response.organization();
    return new OrganizationMembership(o.id(), o.arn(), o.masterAccountId(), o.featureSetAsString());
  }
}
