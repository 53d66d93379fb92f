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
   * <p>The caller waits for the reads, tasks on {@code executor}, so it must not itself be one of
   * them.
   */
  public Observed<OrganizationTree> tree(Executor executor) {
    return read(executor).tree().join();
  }

  /**
   * The tree being read.
   *
   * @param accounts completes once every level of the tree is listed: the tree without its
   *     policies, or the tree's failure, so that the accounts can be read while the policies are
   * @param tree the whole tree, as {@link #tree(Executor)} gives it
   */
  public record TreeRead(
      CompletableFuture<Observed<OrganizationTree>> accounts,
      CompletableFuture<Observed<OrganizationTree>> tree) {}

  /**
   * Starts reading the tree with every call a task on {@code executor}: after {@code
   * DescribeOrganization}, the roots and the policy list at once, then each level of the tree with
   * the children of all its parents at once, and each policy's content and targets at once. No task
   * waits for another.
   */
  public TreeRead read(Executor executor) {
    CompletableFuture<Observed<OrganizationMembership>> membership =
        CompletableFuture.supplyAsync(this::membership, executor);
    // Empty when there is no organization to read; exceptional (CallFailed) when ListRoots failed.
    CompletableFuture<List<OrganizationTree.Root>> roots =
        membership.thenCompose(
            m ->
                m.isKnown() && m.value() != null
                    ? CompletableFuture.supplyAsync(() -> call("ListRoots", this::roots), executor)
                    : CompletableFuture.completedFuture(List.of()));
    CompletableFuture<Observed<OrganizationTree>> accounts =
        membership.thenCompose(
            m -> {
              if (!m.isKnown() || m.value() == null) {
                return CompletableFuture.completedFuture(
                    m.isKnown() ? Observed.known(null) : Failures.of(m));
              }
              return roots
                  .thenCompose(
                      r ->
                          levels(
                                  r.stream().map(OrganizationTree.Root::id).toList(),
                                  new ArrayList<>(),
                                  new ArrayList<>(),
                                  executor)
                              .thenApply(
                                  c ->
                                      Observed.known(
                                          new OrganizationTree(
                                              m.value(), r, c.units(), c.accounts(), null))))
                  .exceptionally(OrganizationReader::failed);
            });
    // The policies are listed once the roots could be (a member account can list neither).
    CompletableFuture<Observed<List<OrganizationTree.Policy>>> policies =
        roots
            .thenCompose(
                r -> {
                  if (r.isEmpty()) {
                    return CompletableFuture.completedFuture(
                        Observed.<List<OrganizationTree.Policy>>known(List.of()));
                  }
                  return CompletableFuture.supplyAsync(
                          () -> call("ListPolicies", this::policySummaries), executor)
                      .thenCompose(
                          summaries -> {
                            List<CompletableFuture<OrganizationTree.Policy>> reads =
                                summaries.stream()
                                    .map(summary -> policy(summary, executor))
                                    .toList();
                            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                                .thenApply(
                                    done ->
                                        Observed.known(
                                            reads.stream().map(CompletableFuture::join).toList()));
                          });
                })
            .exceptionally(OrganizationReader::failed);
    CompletableFuture<Observed<OrganizationTree>> tree =
        accounts.thenCombine(
            policies,
            (a, p) -> {
              // The tree's own failure first: it is the one a serial read would have met.
              if (!a.isKnown() || a.value() == null) {
                return a;
              }
              if (!p.isKnown()) {
                return Failures.of(p);
              }
              OrganizationTree t = a.value();
              return Observed.known(
                  new OrganizationTree(
                      t.organization(), t.roots(), t.units(), t.accounts(), p.value()));
            });
    return new TreeRead(accounts, tree);
  }

  private List<OrganizationTree.Root> roots() {
    return organizations.listRootsPaginator(r -> {}).stream()
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
        .toList();
  }

  private List<PolicySummary> policySummaries() {
    return organizations
        .listPoliciesPaginator(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY))
        .stream()
        .flatMap(page -> page.policies().stream())
        .toList();
  }

  /** Reads the children of every parent of one level at once, then the next level. */
  private CompletableFuture<Children> levels(
      List<String> level,
      List<OrganizationTree.Unit> units,
      List<OrganizationTree.Account> accounts,
      Executor executor) {
    if (level.isEmpty()) {
      return CompletableFuture.completedFuture(new Children(units, accounts));
    }
    List<CompletableFuture<Children>> reads =
        level.stream().map(parent -> children(parent, executor)).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              List<String> next = new ArrayList<>();
              for (CompletableFuture<Children> read : reads) {
                Children children = read.join();
                units.addAll(children.units());
                accounts.addAll(children.accounts());
                children.units().forEach(u -> next.add(u.id()));
              }
              return levels(next, units, accounts, executor);
            });
  }

  /** The OUs and accounts directly under one root or OU. */
  private record Children(
      List<OrganizationTree.Unit> units, List<OrganizationTree.Account> accounts) {}

  private CompletableFuture<Children> children(String parent, Executor executor) {
    CompletableFuture<List<OrganizationTree.Unit>> units =
        CompletableFuture.supplyAsync(
            () ->
                call(
                    "ListOrganizationalUnitsForParent",
                    () ->
                        organizations
                            .listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent))
                            .stream()
                            .flatMap(page -> page.organizationalUnits().stream())
                            .map(
                                ou ->
                                    new OrganizationTree.Unit(ou.id(), ou.arn(), ou.name(), parent))
                            .toList()),
            executor);
    CompletableFuture<List<OrganizationTree.Account>> accounts =
        CompletableFuture.supplyAsync(
            () ->
                call(
                    "ListAccountsForParent",
                    () ->
                        organizations
                            .listAccountsForParentPaginator(r -> r.parentId(parent))
                            .stream()
                            .flatMap(page -> page.accounts().stream())
                            .map(
                                a ->
                                    new OrganizationTree.Account(
                                        a.id(), a.arn(), a.name(), a.statusAsString(), parent))
                            .toList()),
            executor);
    return units.thenCombine(accounts, Children::new);
  }

  private CompletableFuture<OrganizationTree.Policy> policy(
      PolicySummary summary, Executor executor) {
    CompletableFuture<String> content =
        CompletableFuture.supplyAsync(
            () ->
                call(
                    "DescribePolicy",
                    () ->
                        organizations
                            .describePolicy(r -> r.policyId(summary.id()))
                            .policy()
                            .content()),
            executor);
    CompletableFuture<List<String>> targets =
        CompletableFuture.supplyAsync(
            () ->
                call(
                    "ListTargetsForPolicy",
                    () ->
                        organizations
                            .listTargetsForPolicyPaginator(r -> r.policyId(summary.id()))
                            .stream()
                            .flatMap(page -> page.targets().stream())
                            .map(t -> t.targetId())
                            .toList()),
            executor);
    return content.thenCombine(
        targets,
        (c, t) ->
            new OrganizationTree.Policy(
                summary.id(),
                summary.arn(),
                summary.name(),
                summary.typeAsString(),
                Boolean.TRUE.equals(summary.awsManaged()),
                c,
                t));
  }

  /** The failure a task of the tree ended with, naming its call; a bug is not swallowed. */
  private static <T> Observed<T> failed(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof CallFailed f) {
      return Reads.unavailable(SERVICE, f.operation, f.failure);
    }
    throw e instanceof CompletionException ce ? ce : new CompletionException(c);
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

  private static OrganizationMembership membership(DescribeOrganizationResponse response) {
    Organization o = response.organization();
    return new OrganizationMembership(o.id(), o.arn(), o.masterAccountId(), o.featureSetAsString());
  }
}
