package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Reads an account, or every account of an organization, into a {@link Snapshot}.
 *
 * <p>Each read is a task on a pool of {@code concurrency} threads; tasks are chained, never joined
 * inside the pool, so a small pool cannot deadlock. Things many accounts see are read once: a trail
 * (by ARN, with the owner's credentials when the owner is audited), a bucket (by name) and a key
 * (by ARN). No exception escapes a task: it becomes {@code Unavailable} on the value concerned. An
 * account whose role cannot be assumed is kept, every value of it unavailable with the {@code
 * sts:AssumeRole} failure, so that its checks report ERROR naming it.
 */
public final class Collector {
  private final ClientFactory factory;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private final String toolVersion;
  private final Progress progress;

  public Collector(
      ClientFactory factory,
      AwsCredentialsProvider credentials,
      Clock clock,
      String toolVersion,
      Progress progress) {
    this.factory = factory;
    this.credentials = credentials;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.progress = progress;
  }

  /**
   * Collects what {@code request} asks for.
   *
   * @throws CollectionException when the caller cannot be identified, or organization mode cannot
   *     list the organization's accounts
   */
  public Snapshot collect(CollectRequest request) {
    ExecutorService pool = Executors.newFixedThreadPool(request.concurrency(), threads());
    try {
      return new Run(request, pool).collect();
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "trailaudit-collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One collection: its pool, its principals and what has been read once for all accounts. */
  private final class Run {
    private final CollectRequest request;
    private final ExecutorService pool;
    private final String home = factory.settings().homeRegion();
    private final Map<String, Principal> principals = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Trail>> trails = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Bucket>> buckets = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<KmsKey>> keys = new ConcurrentHashMap<>();
    private final AtomicInteger accountsDone = new AtomicInteger();
    private final AtomicInteger regionsDone = new AtomicInteger();
    private final AtomicInteger regionsTotal = new AtomicInteger();
    private volatile int accountsTotal;
    private Principal logArchive;

    Run(CollectRequest request, ExecutorService pool) {
      this.request = request;
      this.pool = pool;
    }

    Snapshot collect() {
      Principal caller = Principal.of(null, "caller", credentials);
      StsReader sts = new StsReader(client(AwsService.STS, home, caller));
      Observed<StsReader.CallerIdentity> identity = sts.callerIdentity();
      if (!identity.isKnown()) {
        throw new CollectionException("cannot identify the caller: " + identity.failure().reason());
      }
      caller = Principal.of(identity.value().accountId(), "caller", credentials);

      OrganizationReader organizations =
          new OrganizationReader(client(AwsService.ORGANIZATIONS, home, caller));
      Observed<OrganizationTree> tree = organizations.tree();
      Observed<OrganizationMembership> membership =
          tree.isKnown()
              ? Observed.known(tree.value() == null ? null : tree.value().organization())
              : organizations.membership();

      List<Target> targets = targets(caller, tree, membership);
      accountsTotal = targets.size();
      if (request.logArchiveRole() != null) {
        logArchive =
            Principal.assumed(
                Arns.account(request.logArchiveRole()),
                "log-archive",
                sts.assumeRole(request.logArchiveRole(), request.externalId()));
      }
      targets.stream()
          .filter(t -> t.principal().usable())
          .forEach(t -> principals.put(t.accountId(), t.principal()));

      List<CompletableFuture<AccountSnapshot>> accounts =
          targets.stream().map(this::account).toList();
      List<AccountSnapshot> read = accounts.stream().map(CompletableFuture::join).toList();
      // Every trail, bucket and key read was started before the account that saw it completed.
      List<Bucket> readBuckets =
          buckets.values().stream()
              .map(CompletableFuture::join)
              .sorted(Comparator.comparing(Bucket::name))
              .toList();
      List<KmsKey> readKeys =
          keys.values().stream()
              .map(CompletableFuture::join)
              .sorted(Comparator.comparing(KmsKey::arn))
              .toList();

      TreeSet<String> regions = new TreeSet<>(request.regions());
      if (regions.isEmpty()) {
        read.forEach(a -> a.regions().forEach(r -> regions.add(r.region())));
      }
      return new Snapshot(
          Snapshot.SCHEMA_VERSION,
          clock.instant(),
          new CollectionInfo(
              "trailaudit",
              toolVersion,
              "live",
              identity.value().arn(),
              home,
              request.regions().isEmpty() ? List.copyOf(regions) : request.regions()),
          tree,
          read,
          readBuckets,
          readKeys);
    }

    /** An account to read: its principal, its name and how it sees the organization. */
    private record Target(
        String accountId,
        String name,
        Principal principal,
        Observed<OrganizationMembership> organization) {}

    private List<Target> targets(
        Principal caller,
        Observed<OrganizationTree> tree,
        Observed<OrganizationMembership> membership) {
      String callerAccount = caller.accountId();
      if (request.organization() == null) {
        String name =
            tree.isKnown() && tree.value() != null
                ? tree.value().accounts().stream()
                    .filter(a -> a.id().equals(callerAccount))
                    .map(OrganizationTree.Account::name)
                    .findFirst()
                    .orElse(null)
                : null;
        return List.of(new Target(callerAccount, name, caller, membership));
      }
      if (!tree.isKnown()) {
        throw new CollectionException(
            "--org: cannot list the accounts of the organization from account "
                + callerAccount
                + " (run from the management or a delegated administrator account): "
                + tree.failure().reason());
      }
      if (tree.value() == null) {
        throw new CollectionException(
            "--org: account " + callerAccount + " is not in an AWS Organization");
      }
      OrganizationTree org = tree.value();
      CollectRequest.Organization scope = request.organization();
      Set<String> ids = new TreeSet<>();
      org.accounts().forEach(a -> ids.add(a.id()));
      for (Set<String> named : List.of(scope.accounts(), scope.excludeAccounts())) {
        for (String id : named) {
          if (!ids.contains(id)) {
            throw new CollectionException(
                "account " + id + " is not in organization " + org.organization().organizationId());
          }
        }
      }
      Observed<OrganizationMembership> member = Observed.known(org.organization());
      List<CompletableFuture<Target>> targets = new ArrayList<>();
      for (OrganizationTree.Account a :
          org.accounts().stream()
              .sorted(Comparator.comparing(OrganizationTree.Account::id))
              .toList()) {
        boolean wanted = scope.accounts().isEmpty() || scope.accounts().contains(a.id());
        // Suspended and closing accounts cannot be entered; audit the active ones.
        boolean active = a.status() == null || a.status().equals("ACTIVE");
        if (!wanted || !active || scope.excludeAccounts().contains(a.id())) {
          continue;
        }
        if (a.id().equals(callerAccount)) {
          targets.add(
              CompletableFuture.completedFuture(new Target(a.id(), a.name(), caller, member)));
          continue;
        }
        String role =
            "arn:" + Arns.partition(a.arn()) + ":iam::" + a.id() + ":role/" + scope.memberRole();
        StsReader sts = new StsReader(client(AwsService.STS, home, caller));
        targets.add(
            async(
                () ->
                    new Target(
                        a.id(),
                        a.name(),
                        Principal.assumed(
                            a.id(), a.id(), sts.assumeRole(role, request.externalId())),
                        member),
                e ->
                    new Target(
                        a.id(),
                        a.name(),
                        Principal.assumed(
                            a.id(), a.id(), Reads.unavailable("sts", "AssumeRole", e)),
                        member)));
      }
      return targets.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<AccountSnapshot> account(Target t) {
      Principal p = t.principal();
      if (!p.usable()) {
        List<String> regions = request.regions().isEmpty() ? List.of(home) : request.regions();
        regionsTotal.addAndGet(regions.size());
        regionsDone.addAndGet(regions.size());
        AccountSnapshot unreadable =
            new AccountSnapshot(
                t.accountId(),
                t.name(),
                p.unavailable(),
                p.unavailable(),
                p.unavailable(),
                regions.stream().map(r -> unreadableRegion(r, p)).toList(),
                List.of());
        accountDone();
        return CompletableFuture.completedFuture(unreadable);
      }
      CompletableFuture<Observed<List<String>>> enabled =
          async(
              () ->
                  new RegionsReader(
                          client(AwsService.ACCOUNT, home, p), client(AwsService.EC2, home, p))
                      .enabledRegions(),
              e -> Reads.unavailable("account", "ListRegions", e));
      CompletableFuture<Observed<PublicAccessBlock>> accountBlock =
          async(
              () -> bucketReader(p).accountPublicAccessBlock(t.accountId()),
              e -> Reads.unavailable("s3control", "GetPublicAccessBlock", e));
      CompletableFuture<List<RegionRead>> regions =
          enabled
              .thenApply(this::regionsToRead)
              .thenCompose(
                  names -> {
                    regionsTotal.addAndGet(names.size());
                    return all(names.stream().map(r -> region(p, r)).toList());
                  });
      CompletableFuture<List<Trail>> seen = regions.thenCompose(r -> trailsSeen(r, p));
      return CompletableFuture.allOf(enabled, accountBlock, regions, seen)
          .thenApply(
              done ->
                  new AccountSnapshot(
                      t.accountId(),
                      t.name(),
                      t.organization(),
                      enabled.join(),
                      accountBlock.join(),
                      regions.join().stream().map(RegionRead::snapshot).toList(),
                      seen.join()))
          .exceptionally(e -> unexpected(t, e))
          .whenComplete((a, e) -> accountDone());
    }

    /** The regions asked for, else the enabled ones, else the home region to see at least that. */
    private List<String> regionsToRead(Observed<List<String>> enabled) {
      if (!request.regions().isEmpty()) {
        return request.regions();
      }
      return enabled.isKnown() && !enabled.value().isEmpty() ? enabled.value() : List.of(home);
    }

    /** A region as read, and the trails its DescribeTrails listed. */
    private record RegionRead(RegionSnapshot snapshot, List<Trail> described) {}

    private CompletableFuture<RegionRead> region(Principal p, String region) {
      TrailReader cloudtrail = new TrailReader(client(AwsService.CLOUDTRAIL, region, p));
      CompletableFuture<Observed<List<Trail>>> described =
          async(
              cloudtrail::describeTrails,
              e -> Reads.unavailable("cloudtrail", "DescribeTrails", e));
      CompletableFuture<Observed<List<EventDataStore>>> eventDataStores =
          async(
              cloudtrail::eventDataStores,
              e -> Reads.unavailable("cloudtrail", "ListEventDataStores", e));
      // Per-region readers of other services (Config, Security Hub, and those that need the trails:
      // log groups, alarms and topics, Glue tables) are added here as further futures.
      return CompletableFuture.allOf(described, eventDataStores)
          .thenApply(
              done -> {
                Observed<List<Trail>> trailList = described.join();
                Observed<List<String>> arns =
                    trailList.isKnown()
                        ? Observed.known(trailList.value().stream().map(Trail::arn).toList())
                        : sameFailure(trailList);
                RegionSnapshot snapshot =
                    new RegionSnapshot(
                        region,
                        arns,
                        List.of(),
                        Observed.notCollected("alarms"),
                        List.of(),
                        eventDataStores.join(),
                        Observed.notCollected("configRecorders"),
                        Observed.notCollected("configRules"),
                        Observed.notCollected("remediationConfigurations"),
                        Observed.notCollected("securityHub"),
                        Observed.notCollected("securityHubStandards"),
                        Observed.notCollected("glueTables"));
                return new RegionRead(
                    snapshot, trailList.isKnown() ? trailList.value() : List.<Trail>of());
              })
          .whenComplete((r, e) -> regionDone());
    }

    /** The account's trails once per ARN, each with its per-trail reads (made once overall). */
    private CompletableFuture<List<Trail>> trailsSeen(List<RegionRead> regions, Principal seenBy) {
      Map<String, Trail> byArn = new LinkedHashMap<>();
      regions.forEach(r -> r.described().forEach(t -> byArn.putIfAbsent(t.arn(), t)));
      return all(byArn.values().stream().map(t -> trail(t, seenBy)).toList());
    }

    /**
     * The trail with its per-trail reads, made once: with the owner's credentials when the owner is
     * audited, else with those of the first account that saw it.
     */
    private CompletableFuture<Trail> trail(Trail described, Principal seenBy) {
      return trails.computeIfAbsent(
          described.arn(),
          arn -> {
            Principal owner = principals.get(described.ownerAccountId());
            Principal p = owner != null ? owner : seenBy;
            if (described.s3BucketName() != null && !described.s3BucketName().isBlank()) {
              buckets.computeIfAbsent(described.s3BucketName(), name -> bucket(name, described, p));
            }
            if (described.kmsKeyId() != null && !described.kmsKeyId().isBlank()) {
              keys.computeIfAbsent(described.kmsKeyId(), key -> key(key, p));
            }
            TrailReader reads =
                new TrailReader(client(AwsService.CLOUDTRAIL, described.homeRegion(), p));
            return async(() -> reads.withDetails(described), e -> failedDetails(described, e));
          });
    }

    private CompletableFuture<Bucket> bucket(String name, Trail trail, Principal trailReader) {
      Principal p = logArchive != null ? logArchive : trailReader;
      String expectedOwner = logArchive != null ? logArchive.accountId() : trail.ownerAccountId();
      if (!p.usable()) {
        return CompletableFuture.completedFuture(unreadableBucket(name, p));
      }
      return async(
          () -> bucketReader(p).bucket(name, expectedOwner),
          e -> {
            Observed<String> failed = Reads.unavailable("s3", "GetBucketLocation", e);
            return new Bucket(
                name,
                null,
                failed,
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed),
                sameFailure(failed));
          });
    }

    /**
     * A trail's key, read once: in the key's account when audited, else with the log-archive role
     * when the key is in its account, else with the credentials that read the trail.
     */
    private CompletableFuture<KmsKey> key(String arn, Principal trailReader) {
      String account = Arns.account(arn);
      Principal p = principals.get(account);
      if (p == null) {
        p = logArchive != null && account.equals(logArchive.accountId()) ? logArchive : trailReader;
      }
      if (!p.usable()) {
        return CompletableFuture.completedFuture(
            new KmsKey(arn, p.unavailable(), p.unavailable(), p.unavailable()));
      }
      Principal reader = p;
      return async(
          () -> readKey(arn, reader),
          e -> {
            Observed<KmsKey.KeyMetadata> failed = Reads.unavailable("kms", "DescribeKey", e);
            return new KmsKey(arn, failed, sameFailure(failed), sameFailure(failed));
          });
    }

    /**
     * The key reads (DescribeKey, GetKeyRotationStatus, GetKeyPolicy). The KMS reader is wired in
     * here; until then the key is in the snapshot with its values not collected.
     */
    private KmsKey readKey(String arn, Principal p) {
      return new KmsKey(arn, null, null, null);
    }

    private BucketReader bucketReader(Principal p) {
      return new BucketReader(
          client(AwsService.S3, home, p), client(AwsService.S3_CONTROL, home, p));
    }

    private <
            B extends
                software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
            C>
        C client(AwsService<B, C> service, String region, Principal p) {
      return factory.client(service, region, p.name(), p.credentials());
    }

    private <T> CompletableFuture<T> async(Supplier<T> work, Function<Exception, T> fallback) {
      return CompletableFuture.supplyAsync(work, pool).exceptionally(e -> fallback.apply(cause(e)));
    }

    private void regionDone() {
      regionsDone.incrementAndGet();
      report();
    }

    private void accountDone() {
      accountsDone.incrementAndGet();
      report();
    }

    private void report() {
      progress.update(
          new Progress.Counts(
              accountsDone.get(),
              accountsTotal,
              regionsDone.get(),
              regionsTotal.get(),
              factory.callLog().calls(),
              factory.callLog().failures()));
    }

    /** A bug in collection must not hide the account: its values say what went wrong. */
    private AccountSnapshot unexpected(Target t, Throwable e) {
      Observed<Object> u = Reads.unavailable("trailaudit", "collect", cause(e));
      Principal failed = new Principal(t.accountId(), t.accountId(), null, u.failure());
      List<String> regions = request.regions().isEmpty() ? List.of(home) : request.regions();
      return new AccountSnapshot(
          t.accountId(),
          t.name(),
          failed.unavailable(),
          failed.unavailable(),
          failed.unavailable(),
          regions.stream().map(r -> unreadableRegion(r, failed)).toList(),
          List.of());
    }
  }

  private static RegionSnapshot unreadableRegion(String region, Principal p) {
    return new RegionSnapshot(
        region,
        p.unavailable(),
        List.of(),
        p.unavailable(),
        List.of(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable());
  }

  private static Bucket unreadableBucket(String name, Principal p) {
    return new Bucket(
        name,
        null,
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable(),
        p.unavailable());
  }

  private static Trail failedDetails(Trail t, Throwable e) {
    Observed<Object> failed = Reads.unavailable("cloudtrail", "GetTrailStatus", cause(e));
    return new Trail(
        t.arn(),
        t.name(),
        t.homeRegion(),
        t.isOrganizationTrail(),
        t.isMultiRegionTrail(),
        t.includeGlobalServiceEvents(),
        t.logFileValidationEnabled(),
        t.s3BucketName(),
        t.s3KeyPrefix(),
        t.kmsKeyId(),
        t.cloudWatchLogsLogGroupArn(),
        t.cloudWatchLogsRoleArn(),
        t.snsTopicArn(),
        sameFailure(failed),
        sameFailure(failed),
        sameFailure(failed),
        sameFailure(failed));
  }

  private static <T> Observed<T> sameFailure(Observed<?> failed) {
    Observed.Unavailable<?> u = failed.failure();
    return Observed.unavailable(u.service(), u.operation(), u.errorCode(), u.message());
  }

  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  private static Exception cause(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return c instanceof Exception x ? x : new RuntimeException(c);
  }
}
