package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.CollectionInfo.Exclusion;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.RemediationConfiguration;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.StandardsSubscription;
import io.trailaudit.model.Trail;
import java.time.Clock;
import java.time.Instant;
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
import java.util.concurrent.Executor;
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
  private final LogValidator validator;

  public Collector(
      ClientFactory factory,
      AwsCredentialsProvider credentials,
      Clock clock,
      String toolVersion,
      Progress progress) {
    this(factory, credentials, clock, toolVersion, progress, null);
  }

  /**
   * @param validator validates a trail's digests and log files for {@code --verify-digests} (the
   *     {@code integrity} package's, passed in because it builds on this package), or null
   */
  public Collector(
      ClientFactory factory,
      AwsCredentialsProvider credentials,
      Clock clock,
      String toolVersion,
      Progress progress,
      LogValidator validator) {
    this.factory = factory;
    this.credentials = credentials;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.progress = progress;
    this.validator = validator;
  }

  /**
   * Validates the digest chain and log files one account delivered through a trail in one region,
   * between two instants.
   */
  @FunctionalInterface
  public interface LogValidator {
    /** Never throws for an AWS failure: the result is then unavailable with the failed call. */
    LogValidation validate(
        ClientFactory factory,
        AwsCredentialsProvider credentials,
        String principal,
        Trail trail,
        String account,
        String region,
        Instant start,
        Instant end,
        int concurrency);
  }

  /** Validations run at once by {@code --verify-digests}; each has its share of the concurrency. */
  static final int PARALLEL_VALIDATIONS = 4;

  /**
   * Collects what {@code request} asks for.
   *
   * @throws CollectionException when the caller cannot be identified, or organization mode cannot
   *     list the organization's accounts
   */
  public Snapshot collect(CollectRequest request) {
    try (Scheduler scheduler = new Scheduler(request.concurrency(), perLane)) {
      return new Run(request, scheduler).collect();
    }
  }

  /**
   * This collector with at most {@code perLane} reads at once per (account, region, service); the
   * default is {@link #DEFAULT_PER_LANE}.
   */
  public Collector withPerLane(int perLane) {
    Collector c = new Collector(factory, credentials, clock, toolVersion, progress, validator);
    c.perLane = perLane;
    c.lookupLimits = lookupLimits;
    return c;
  }

  /**
   * This collector with {@code LookupEvents} paced by {@code limits} (one limiter per account and
   * region); the default paces with the system clock.
   */
  public Collector withLookupLimits(RateLimiters limits) {
    Collector c = withPerLane(perLane);
    c.lookupLimits = limits;
    return c;
  }

  private RateLimiters lookupLimits = new RateLimiters(RateLimiter.Ticker.SYSTEM);

  /**
   * Reads at once in one (account, region, service): enough for the widest fan-out, a bucket's nine
   * reads after its location, to be in flight together.
   */
  public static final int DEFAULT_PER_LANE = 10;

  private int perLane = DEFAULT_PER_LANE;

  /**
   * One collection: its scheduler, its principals and what has been read once for all accounts.
   *
   * <p>Every read is a task in the lane of its (account, region, service); a read that needs
   * another's answer is chained to it, never joined inside a task, so a small pool cannot deadlock.
   * Only the calling thread waits.
   */
  private final class Run {
    private final CollectRequest request;
    private final Scheduler scheduler;
    private final String home = factory.settings().homeRegion();

    /** Every audited account's principal, registered before any account is read. */
    private final Map<String, CompletableFuture<Principal>> principals = new ConcurrentHashMap<>();

    private final Map<String, CompletableFuture<Trail>> trails = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Bucket>> buckets = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<KmsKey>> keys = new ConcurrentHashMap<>();
    private final AtomicInteger accountsDone = new AtomicInteger();
    private final AtomicInteger regionsDone = new AtomicInteger();
    private final AtomicInteger regionsTotal = new AtomicInteger();
    private volatile int accountsTotal;
    private CompletableFuture<Principal> logArchive;
    private String logArchiveAccount;

    /** Accounts of the organization not collected, and why; filled by {@link #targets}. */
    private final List<CollectionInfo.ExcludedAccount> excluded = new ArrayList<>();

    Run(CollectRequest request, Scheduler scheduler) {
      this.request = request;
      this.scheduler = scheduler;
    }

    Snapshot collect() {
      Principal caller = Principal.of(null, "caller", credentials);
      Observed<StsReader.CallerIdentity> identity =
          new StsReader(client(AwsService.STS, home, caller)).callerIdentity();
      if (!identity.isKnown()) {
        throw new CollectionException("cannot identify the caller: " + identity.failure().reason());
      }
      caller = Principal.of(identity.value().accountId(), "caller", credentials);
      Principal me = caller;

      OrganizationReader.TreeRead tree =
          new OrganizationReader(client(AwsService.ORGANIZATIONS, home, caller))
              .read(lane(caller, home, AwsService.ORGANIZATIONS));
      if (request.logArchiveRole() != null) {
        logArchiveAccount = Arns.account(request.logArchiveRole());
        logArchive =
            async(
                lane(caller, home, AwsService.STS),
                () ->
                    Principal.assumed(
                        logArchiveAccount,
                        "log-archive",
                        sts(me).assumeRole(request.logArchiveRole(), request.externalId())),
                e ->
                    Principal.assumed(
                        logArchiveAccount,
                        "log-archive",
                        Reads.unavailable("sts", "AssumeRole", e)));
      }

      List<Target> targets = targets(caller, tree);
      accountsTotal = targets.size();
      targets.forEach(t -> principals.put(t.accountId(), t.principal()));
      List<CompletableFuture<AccountSnapshot>> accounts = gated(targets);

      Observed<OrganizationTree> organization = tree.tree().join();
      if (request.organization() != null && !organization.isKnown()) {
        throw cannotList(caller.accountId(), organization);
      }
      if (request.organization() == null
          && organization.isKnown()
          && organization.value() != null) {
        String callerAccount = caller.accountId();
        organization.value().accounts().stream()
            .filter(a -> !a.id().equals(callerAccount))
            .sorted(Comparator.comparing(OrganizationTree.Account::id))
            .forEach(a -> exclude(a.id(), Exclusion.NOT_ORGANIZATION_MODE));
      }
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
      List<LogValidation> validations = validations(read, regions);
      Snapshot seen =
          new Snapshot(
              Snapshot.SCHEMA_VERSION,
              clock.instant(),
              new CollectionInfo(
                  "trailaudit",
                  toolVersion,
                  "live",
                  identity.value().arn(),
                  home,
                  request.regions().isEmpty() ? List.copyOf(regions) : request.regions(),
                  excluded),
              organization,
              read,
              readBuckets,
              readKeys,
              validations);
      return new Snapshot(
          seen.schemaVersion(),
          seen.collectedAt(),
          seen.collection(),
          seen.organization(),
          seen.accounts(),
          seen.buckets(),
          seen.keys(),
          seen.logValidations(),
          history(seen));
    }

    /**
     * {@code --history-days}: the event history of every (account, region) where an audited
     * resource lives ({@link HistoryPlan}), searched once everything else is read, each (account,
     * region) one task in its CloudTrail lane, its lookups paced by its limiter. An account with no
     * credentials here (not audited, its role not assumed) is recorded as unreadable.
     */
    private Observed<List<EventHistory>> history(Snapshot seen) {
      if (request.historyDays() == 0) {
        return Observed.unavailable(
            "trailaudit",
            "LookupEvents",
            Observed.NOT_COLLECTED,
            "event history was not searched (--history-days 0)");
      }
      Instant end = clock.instant();
      Instant start = end.minus(java.time.Duration.ofDays(request.historyDays()));
      List<CompletableFuture<EventHistory>> running = new ArrayList<>();
      for (HistoryPlan.Lookup l : HistoryPlan.of(seen)) {
        running.add(historyOf(l, start, end));
      }
      return Observed.known(running.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<EventHistory> historyOf(
        HistoryPlan.Lookup l, Instant start, Instant end) {
      Function<Observed<List<ChangeEvent>>, EventHistory> failed =
          o ->
              new EventHistory(
                  l.account(),
                  l.region(),
                  start,
                  end,
                  l.eventNames(),
                  List.copyOf(new TreeSet<>(l.resources())),
                  o);
      if (l.account() == null || l.region() == null) {
        return CompletableFuture.completedFuture(
            failed.apply(
                Observed.unavailable(
                    "cloudtrail",
                    "LookupEvents",
                    "UnknownLocation",
                    "the account or region of "
                        + String.join(", ", l.resources())
                        + " could not be read")));
      }
      CompletableFuture<Principal> audited = principals.get(l.account());
      CompletableFuture<Principal> reader =
          audited != null
              ? audited
              : logArchive != null && l.account().equals(logArchiveAccount) ? logArchive : null;
      if (reader == null) {
        return CompletableFuture.completedFuture(
            failed.apply(
                Observed.unavailable(
                    "cloudtrail",
                    "LookupEvents",
                    "AccountNotAudited",
                    "account "
                        + l.account()
                        + " is not audited: no credentials to read its event history")));
      }
      return reader.thenCompose(
          p ->
              !p.usable()
                  ? CompletableFuture.completedFuture(failed.apply(p.unavailable()))
                  : async(
                      lane(p, l.region(), AwsService.CLOUDTRAIL),
                      () ->
                          new EventHistoryReader(
                                  client(AwsService.CLOUDTRAIL, l.region(), p),
                                  lookupLimits.of(l.account(), l.region()))
                              .read(
                                  l.account(),
                                  l.region(),
                                  start,
                                  end,
                                  l.eventNames(),
                                  l.resources()),
                      e -> failed.apply(Reads.unavailable("cloudtrail", "LookupEvents", e))));
    }

    private StsReader sts(Principal caller) {
      return new StsReader(client(AwsService.STS, home, caller));
    }

    private CollectionException cannotList(String callerAccount, Observed<?> tree) {
      return new CollectionException(
          "--org: cannot list the accounts of the organization from account "
              + callerAccount
              + " (run from the management or a delegated administrator account): "
              + tree.failure().reason());
    }

    /**
     * {@code --verify-digests}: each trail with log file validation enabled, validated over the
     * last period with the credentials that can read its bucket (the log-archive role, else the
     * trail owner's when the owner is audited), once per (account, region) of its files: every
     * audited account for an organization trail (its {@code AWSLogs/o-…/ACCOUNT/} prefix), the
     * owner otherwise; every region read in that account for a multi-region trail, the home region
     * otherwise. At most {@link #PARALLEL_VALIDATIONS} run at once, sharing the concurrency. A
     * trail neither credential can read is not validated: its check then says so rather than
     * reporting another account's AccessDenied.
     */
    private List<LogValidation> validations(List<AccountSnapshot> read, Set<String> regions) {
      if (request.verifyDigests() == null) {
        return List.of();
      }
      if (validator == null) {
        throw new IllegalStateException("--verify-digests needs a log validator");
      }
      Instant end = clock.instant();
      Instant start = end.minus(request.verifyDigests());
      List<String> audited = read.stream().map(AccountSnapshot::accountId).sorted().toList();
      Map<String, List<String>> readRegions = new java.util.HashMap<>();
      // An account whose regions could not be listed is validated in every region collected:
      // leaving regions out would pass over its files without saying so.
      read.stream()
          .filter(a -> a.enabledRegions().isKnown())
          .forEach(
              a ->
                  readRegions.put(
                      a.accountId(),
                      a.regions().stream().map(RegionSnapshot::region).sorted().toList()));
      record Job(Trail trail, Principal reader, String account, String region) {}
      List<Job> jobs = new ArrayList<>();
      for (Trail trail :
          trails.values().stream()
              .map(CompletableFuture::join)
              .sorted(Comparator.comparing(Trail::arn))
              .toList()) {
        CompletableFuture<Principal> reader =
            logArchive != null ? logArchive : principals.get(trail.ownerAccountId());
        Principal p = reader == null ? null : reader.join();
        if (!trail.logFileValidationEnabled() || p == null || !p.usable()) {
          continue;
        }
        List<String> accounts =
            trail.isOrganizationTrail() ? audited : List.of(trail.ownerAccountId());
        for (String account : accounts) {
          // An account delivers from the regions read in it (its enabled ones unless --regions
          // names them): a region it never enabled has no files, which is not a failure.
          List<String> covered =
              trail.isMultiRegionTrail()
                  ? readRegions.getOrDefault(account, List.copyOf(regions))
                  : List.of(trail.homeRegion());
          for (String region : covered) {
            jobs.add(new Job(trail, p, account, region));
          }
        }
      }
      if (jobs.isEmpty()) {
        return List.of();
      }
      int parallel = Math.min(PARALLEL_VALIDATIONS, jobs.size());
      int each = Math.max(1, request.concurrency() / parallel);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(parallel);
      try {
        List<CompletableFuture<LogValidation>> running = new ArrayList<>();
        for (Job j : jobs) {
          running.add(
              async(
                  pool,
                  () ->
                      validator.validate(
                          factory,
                          j.reader().credentials(),
                          j.reader().name(),
                          j.trail(),
                          j.account(),
                          j.region(),
                          start,
                          end,
                          each),
                  e ->
                      new LogValidation(
                          j.trail().arn(),
                          j.account(),
                          j.region(),
                          start,
                          end,
                          Reads.unavailable("trailaudit", "validate-logs", e))));
        }
        return running.stream().map(CompletableFuture::join).toList();
      } finally {
        pool.shutdownNow();
      }
    }

    /** An account to read: its principal, its name and how it sees the organization. */
    private record Target(
        String accountId,
        CompletableFuture<String> name,
        CompletableFuture<Principal> principal,
        CompletableFuture<Observed<OrganizationMembership>> organization) {}

    private void exclude(String accountId, Exclusion reason) {
      excluded.add(new CollectionInfo.ExcludedAccount(accountId, reason));
    }

    /**
     * The accounts to read. The caller's own account is read at once, the tree read beside it; in
     * organization mode the members as soon as every level of the tree is listed (the policies
     * still being read), each once its role is assumed.
     */
    private List<Target> targets(Principal caller, OrganizationReader.TreeRead tree) {
      String callerAccount = caller.accountId();
      if (request.organization() == null) {
        CompletableFuture<Observed<OrganizationTree>> whole = tree.tree();
        CompletableFuture<String> name =
            whole.thenApply(
                t ->
                    t.isKnown() && t.value() != null
                        ? t.value().accounts().stream()
                            .filter(a -> a.id().equals(callerAccount))
                            .map(OrganizationTree.Account::name)
                            .findFirst()
                            .orElse(null)
                        : null);
        CompletableFuture<Observed<OrganizationMembership>> membership =
            whole.thenCompose(
                t ->
                    t.isKnown()
                        ? CompletableFuture.completedFuture(
                            Observed.known(t.value() == null ? null : t.value().organization()))
                        : async(
                            lane(caller, home, AwsService.ORGANIZATIONS),
                            () ->
                                new OrganizationReader(
                                        client(AwsService.ORGANIZATIONS, home, caller))
                                    .membership(),
                            e -> Reads.unavailable("organizations", "DescribeOrganization", e)));
        return List.of(
            new Target(callerAccount, name, CompletableFuture.completedFuture(caller), membership));
      }
      Observed<OrganizationTree> listed = tree.accounts().join();
      if (!listed.isKnown()) {
        throw cannotList(callerAccount, listed);
      }
      if (listed.value() == null) {
        throw new CollectionException(
            "--org: account " + callerAccount + " is not in an AWS Organization");
      }
      OrganizationTree org = listed.value();
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
      CompletableFuture<Observed<OrganizationMembership>> member =
          CompletableFuture.completedFuture(Observed.known(org.organization()));
      List<Target> targets = new ArrayList<>();
      for (OrganizationTree.Account a :
          org.accounts().stream()
              .sorted(Comparator.comparing(OrganizationTree.Account::id))
              .toList()) {
        boolean wanted = scope.accounts().isEmpty() || scope.accounts().contains(a.id());
        // Suspended and closing accounts cannot be entered; audit the active ones.
        boolean active = a.status() == null || a.status().equals("ACTIVE");
        if (!wanted) {
          exclude(a.id(), Exclusion.NOT_SELECTED);
          continue;
        }
        if (scope.excludeAccounts().contains(a.id())) {
          exclude(a.id(), Exclusion.EXCLUDED);
          continue;
        }
        if (!active) {
          exclude(a.id(), Exclusion.NOT_ACTIVE);
          continue;
        }
        CompletableFuture<String> name = CompletableFuture.completedFuture(a.name());
        if (a.id().equals(callerAccount)) {
          targets.add(new Target(a.id(), name, CompletableFuture.completedFuture(caller), member));
          continue;
        }
        String role =
            "arn:" + Arns.partition(a.arn()) + ":iam::" + a.id() + ":role/" + scope.memberRole();
        CompletableFuture<Principal> principal =
            async(
                lane(caller, home, AwsService.STS),
                () ->
                    Principal.assumed(
                        a.id(), a.id(), sts(caller).assumeRole(role, request.externalId())),
                e -> Principal.assumed(a.id(), a.id(), Reads.unavailable("sts", "AssumeRole", e)));
        targets.add(new Target(a.id(), name, principal, member));
      }
      return targets;
    }

    /**
     * Each target's account, at most {@code concurrency} of them read at once (their roles are
     * assumed beforehand): what is held while reading grows with the accounts in flight, not with
     * the organization, and that many accounts still give the pool more reads than it runs.
     */
    private List<CompletableFuture<AccountSnapshot>> gated(List<Target> targets) {
      List<CompletableFuture<Void>> turns =
          targets.stream().map(t -> new CompletableFuture<Void>()).toList();
      AtomicInteger next = new AtomicInteger(Math.min(request.concurrency(), targets.size()));
      List<CompletableFuture<AccountSnapshot>> accounts = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Target t = targets.get(i);
        accounts.add(
            turns
                .get(i)
                .thenCompose(go -> account(t))
                .whenComplete(
                    (a, e) -> {
                      int j = next.getAndIncrement();
                      if (j < turns.size()) {
                        turns.get(j).complete(null);
                      }
                    }));
      }
      turns
          .subList(0, Math.min(request.concurrency(), targets.size()))
          .forEach(turn -> turn.complete(null));
      return accounts;
    }

    private CompletableFuture<AccountSnapshot> account(Target t) {
      return t.principal()
          .thenCompose(p -> p.usable() ? read(t, p) : unreadable(t, p))
          .exceptionally(e -> unexpected(t, e))
          .whenComplete((a, e) -> accountDone());
    }

    private CompletableFuture<AccountSnapshot> unreadable(Target t, Principal p) {
      List<String> regions = request.regions().isEmpty() ? List.of(home) : request.regions();
      regionsTotal.addAndGet(regions.size());
      regionsDone.addAndGet(regions.size());
      return t.name()
          .thenApply(
              name ->
                  new AccountSnapshot(
                      t.accountId(),
                      name,
                      p.unavailable(),
                      p.unavailable(),
                      p.unavailable(),
                      regions.stream().map(r -> unreadableRegion(r, p)).toList(),
                      List.of()));
    }

    private CompletableFuture<AccountSnapshot> read(Target t, Principal p) {
      CompletableFuture<Observed<List<String>>> enabled =
          async(
              lane(p, home, AwsService.ACCOUNT),
              () ->
                  new RegionsReader(
                          client(AwsService.ACCOUNT, home, p), client(AwsService.EC2, home, p))
                      .enabledRegions(),
              e -> Reads.unavailable("account", "ListRegions", e));
      CompletableFuture<Observed<PublicAccessBlock>> accountBlock =
          async(
              lane(p, home, AwsService.S3_CONTROL),
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
      CompletableFuture<List<Trail>> seen = regions.thenCompose(this::trailsSeen);
      return CompletableFuture.allOf(
              enabled, accountBlock, regions, seen, t.name(), t.organization())
          .thenApply(
              done ->
                  new AccountSnapshot(
                      t.accountId(),
                      t.name().join(),
                      t.organization().join(),
                      enabled.join(),
                      accountBlock.join(),
                      regions.join().stream().map(RegionRead::snapshot).toList(),
                      seen.join()));
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
      Executor trailLane = lane(p, region, AwsService.CLOUDTRAIL);
      // The per-trail reads, its bucket's and its key's start as soon as a region lists the trail.
      CompletableFuture<Observed<List<Trail>>> described =
          this.<Observed<List<Trail>>>async(
                  trailLane,
                  cloudtrail::describeTrails,
                  e -> Reads.unavailable("cloudtrail", "DescribeTrails", e))
              .thenApply(
                  listed -> {
                    if (listed.isKnown()) {
                      listed.value().forEach(t -> trail(t, p));
                    }
                    return listed;
                  });
      CompletableFuture<Observed<List<EventDataStore>>> eventDataStores =
          async(
              trailLane,
              cloudtrail::eventDataStores,
              e -> Reads.unavailable("cloudtrail", "ListEventDataStores", e));
      ConfigReader configReader = new ConfigReader(client(AwsService.CONFIG, region, p));
      Executor configLane = lane(p, region, AwsService.CONFIG);
      CompletableFuture<Observed<List<ConfigRecorder>>> recorders =
          async(
              configLane,
              configReader::recorders,
              e -> Reads.unavailable("config", "DescribeConfigurationRecorders", e));
      CompletableFuture<ConfigRules> configRules =
          async(
              configLane,
              () -> {
                Observed<List<ConfigRule>> rules = configReader.rules();
                return new ConfigRules(
                    rules,
                    rules.isKnown()
                        ? configReader.remediations(rules.value())
                        : Failures.of(rules));
              },
              e -> ConfigRules.failed(Reads.unavailable("config", "DescribeConfigRules", e)));
      CompletableFuture<Hub> hub =
          async(
              lane(p, region, AwsService.SECURITY_HUB),
              () -> {
                SecurityHubReader reader =
                    new SecurityHubReader(client(AwsService.SECURITY_HUB, region, p));
                Observed<SecurityHubHub> read = reader.hub();
                return new Hub(read, reader.standards(read));
              },
              e -> Hub.failed(Reads.unavailable("securityhub", "DescribeHub", e)));
      // Log groups, alarms, topics and Glue tables are looked for where the trails point.
      CompletableFuture<Alerting> alerting =
          described
              .thenCompose(trails -> alerting(p, region, trails))
              .exceptionally(
                  e ->
                      Alerting.failed(
                          Reads.unavailable("logs", "DescribeMetricFilters", cause(e))));
      CompletableFuture<Observed<List<GlueTable>>> glue =
          described.thenCompose(
              trails ->
                  async(
                      lane(p, region, AwsService.GLUE),
                      () -> glueTables(p, region, trails),
                      e -> Reads.unavailable("glue", "GetDatabases", e)));
      return CompletableFuture.allOf(
              described, eventDataStores, recorders, configRules, hub, alerting, glue)
          .thenApply(
              done -> {
                Observed<List<Trail>> trailList = described.join();
                Observed<List<String>> arns =
                    trailList.isKnown()
                        ? Observed.known(trailList.value().stream().map(Trail::arn).toList())
                        : Failures.of(trailList);
                RegionSnapshot snapshot =
                    new RegionSnapshot(
                        region,
                        arns,
                        alerting.join().logGroups(),
                        alerting.join().alarms(),
                        alerting.join().topics(),
                        eventDataStores.join(),
                        recorders.join(),
                        configRules.join().rules(),
                        configRules.join().remediations(),
                        hub.join().hub(),
                        hub.join().standards(),
                        glue.join());
                return new RegionRead(
                    snapshot, trailList.isKnown() ? trailList.value() : List.<Trail>of());
              })
          .whenComplete((r, e) -> regionDone());
    }

    /**
     * The log groups in this account and region that the trails described here deliver to, the
     * alarms on their metric filters' metrics, and the SNS topics (of this region) they notify:
     * each group's alarms asked for once its filters are read, the topics once every alarm is.
     */
    private CompletableFuture<Alerting> alerting(
        Principal p, String region, Observed<List<Trail>> trails) {
      if (!trails.isKnown()) {
        return CompletableFuture.completedFuture(Alerting.failed(Failures.of(trails)));
      }
      List<String> groupArns =
          trails.value().stream()
              .map(Trail::cloudWatchLogsLogGroupArn)
              .filter(arn -> arn != null && arn.startsWith("arn:"))
              .filter(arn -> region.equals(Arns.region(arn)))
              .filter(arn -> p.accountId() == null || p.accountId().equals(Arns.account(arn)))
              .distinct()
              .toList();
      if (groupArns.isEmpty()) {
        return CompletableFuture.completedFuture(
            new Alerting(List.of(), Observed.known(List.of()), List.of()));
      }
      AlertingReader reader =
          new AlertingReader(
              client(AwsService.LOGS, region, p),
              client(AwsService.CLOUDWATCH, region, p),
              client(AwsService.SNS, region, p),
              client(AwsService.KMS, region, p));
      Executor logsLane = lane(p, region, AwsService.LOGS);
      List<CompletableFuture<LogGroup>> groups =
          groupArns.stream()
              .map(arn -> CompletableFuture.supplyAsync(() -> reader.logGroup(arn), logsLane))
              .toList();
      CompletableFuture<Observed<List<MetricAlarm>>> alarms =
          reader.alarms(groups, lane(p, region, AwsService.CLOUDWATCH));
      CompletableFuture<List<SnsTopic>> topics =
          alarms.thenCompose(
              a ->
                  reader.topics(
                      AlertingReader.topicArns(a).stream()
                          .filter(arn -> region.equals(Arns.region(arn)))
                          .sorted()
                          .toList(),
                      lane(p, region, AwsService.SNS),
                      lane(p, region, AwsService.KMS)));
      return topics.thenApply(
          t ->
              new Alerting(
                  groups.stream().map(CompletableFuture::join).toList(), alarms.join(), t));
    }

    /** Glue tables over the buckets of the trails described here. */
    private Observed<List<GlueTable>> glueTables(
        Principal p, String region, Observed<List<Trail>> trails) {
      if (!trails.isKnown()) {
        return Failures.of(trails);
      }
      Set<String> buckets = new TreeSet<>();
      trails.value().stream()
          .map(Trail::s3BucketName)
          .filter(b -> b != null && !b.isBlank())
          .forEach(buckets::add);
      if (buckets.isEmpty()) {
        return Observed.known(List.of());
      }
      return new GlueReader(client(AwsService.GLUE, region, p)).tablesOver(buckets);
    }

    /** The account's trails once per ARN, as their regions listed them (read once overall). */
    private CompletableFuture<List<Trail>> trailsSeen(List<RegionRead> regions) {
      Map<String, CompletableFuture<Trail>> byArn = new LinkedHashMap<>();
      regions.forEach(
          r -> r.described().forEach(t -> byArn.putIfAbsent(t.arn(), trails.get(t.arn()))));
      return all(List.copyOf(byArn.values()));
    }

    /**
     * The trail with its per-trail reads, made once: with the owner's credentials when the owner is
     * audited (and its role could be assumed), else with those of the first account that saw it.
     */
    private CompletableFuture<Trail> trail(Trail described, Principal seenBy) {
      return trails.computeIfAbsent(
          described.arn(),
          arn -> {
            CompletableFuture<Principal> owner = principals.get(described.ownerAccountId());
            CompletableFuture<Principal> reader =
                owner == null
                    ? CompletableFuture.completedFuture(seenBy)
                    : owner.thenApply(o -> o.usable() ? o : seenBy);
            return reader.thenCompose(
                p -> {
                  if (described.s3BucketName() != null && !described.s3BucketName().isBlank()) {
                    buckets.computeIfAbsent(
                        described.s3BucketName(), name -> bucket(name, described, p));
                  }
                  if (described.kmsKeyId() != null && !described.kmsKeyId().isBlank()) {
                    keys.computeIfAbsent(
                        described.kmsKeyId(), key -> key(key, described.homeRegion(), p));
                  }
                  return new TrailReader(client(AwsService.CLOUDTRAIL, described.homeRegion(), p))
                      .withDetails(
                          described, lane(p, described.homeRegion(), AwsService.CLOUDTRAIL))
                      .exceptionally(e -> failedDetails(described, e));
                });
          });
    }

    private CompletableFuture<Bucket> bucket(String name, Trail trail, Principal trailReader) {
      CompletableFuture<Principal> reader =
          logArchive != null ? logArchive : CompletableFuture.completedFuture(trailReader);
      return reader.thenCompose(
          p -> {
            String expectedOwner = logArchive != null ? p.accountId() : trail.ownerAccountId();
            if (!p.usable()) {
              return CompletableFuture.completedFuture(unreadableBucket(name, p.unavailable()));
            }
            return bucketReader(p)
                .bucket(name, expectedOwner, lane(p, home, AwsService.S3))
                .exceptionally(
                    e ->
                        unreadableBucket(
                            name, Reads.unavailable("s3", "GetBucketLocation", cause(e))));
          });
    }

    /**
     * A trail's key, read once: in the key's account when audited, else with the log-archive role
     * when the key is in its account, else with the credentials that read the trail.
     */
    private CompletableFuture<KmsKey> key(String arn, String trailRegion, Principal trailReader) {
      // A trail names its key by ARN; an id or alias is in the trail's account and home region.
      boolean isArn = arn.startsWith("arn:");
      String account = isArn ? Arns.account(arn) : trailReader.accountId();
      String region = isArn ? Arns.region(arn) : trailRegion;
      CompletableFuture<Principal> fallback =
          logArchive != null && account != null && account.equals(logArchiveAccount)
              ? logArchive
              : CompletableFuture.completedFuture(trailReader);
      CompletableFuture<Principal> audited = account == null ? null : principals.get(account);
      CompletableFuture<Principal> reader =
          audited == null
              ? fallback
              : audited.thenCompose(
                  o -> o.usable() ? CompletableFuture.completedFuture(o) : fallback);
      return reader.thenCompose(
          p -> {
            if (!p.usable()) {
              return CompletableFuture.completedFuture(
                  new KmsKey(arn, p.unavailable(), p.unavailable(), p.unavailable()));
            }
            return new KmsReader(client(AwsService.KMS, region, p))
                .key(arn, lane(p, region, AwsService.KMS))
                .exceptionally(
                    e -> {
                      Observed<KmsKey.KeyMetadata> failed =
                          Reads.unavailable("kms", "DescribeKey", cause(e));
                      return new KmsKey(arn, failed, Failures.of(failed), Failures.of(failed));
                    });
          });
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

    /** The lane of the calls {@code p} makes to {@code service} in {@code region}. */
    private Executor lane(Principal p, String region, AwsService<?, ?> service) {
      return scheduler.lane(p.name(), region, service.prefix());
    }

    private <T> CompletableFuture<T> async(
        Executor lane, Supplier<T> work, Function<Exception, T> fallback) {
      return CompletableFuture.supplyAsync(work, lane).exceptionally(e -> fallback.apply(cause(e)));
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
          t.name().getNow(null),
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

  /** A bucket none of whose values could be read, each unavailable with {@code failure}. */
  private static Bucket unreadableBucket(String name, Observed<?> failure) {
    return new Bucket(
        name,
        null,
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure),
        Failures.of(failure));
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
        Failures.of(failed),
        Failures.of(failed),
        Failures.of(failed),
        Failures.of(failed),
        Failures.of(failed));
  }

  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  private static Exception cause(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return c instanceof Exception x ? x : new RuntimeException(c);
  }

  /** AWS Config rules and their remediation configurations, read in that order. */
  private record ConfigRules(
      Observed<List<ConfigRule>> rules, Observed<List<RemediationConfiguration>> remediations) {
    static ConfigRules failed(Observed<List<ConfigRule>> failure) {
      return new ConfigRules(failure, Failures.of(failure));
    }
  }

  /** The Security Hub hub and its enabled standards. */
  private record Hub(
      Observed<SecurityHubHub> hub, Observed<List<StandardsSubscription>> standards) {
    static Hub failed(Observed<SecurityHubHub> failure) {
      return new Hub(failure, Failures.of(failure));
    }
  }

  /** A region's trail log groups, the alarms on their metrics and the topics those notify. */
  private record Alerting(
      List<LogGroup> logGroups, Observed<List<MetricAlarm>> alarms, List<SnsTopic> topics) {
    static Alerting failed(Observed<?> failure) {
      return new Alerting(List.of(), Failures.of(failure), List.of());
    }
  }
}
