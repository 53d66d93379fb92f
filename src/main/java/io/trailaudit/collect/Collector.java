package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.CollectionInfo.Exclusion;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
 *
 * <p>This class schedules: which accounts and regions are read, with whose credentials ({@link
 * WhoReadsWhat}), and the reads made once for all (trails, buckets, keys). What is read in an
 * account or a region is the readers' of {@link ServiceReaders}: each fills its part of the
 * account's or region's snapshot.
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
    ExecutorService ahead =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "trailaudit-clients-ahead");
              t.setDaemon(true);
              return t;
            });
    try (Scheduler scheduler = new Scheduler(request.concurrency(), perLane)) {
      return new Run(request, scheduler, ahead).collect();
    } finally {
      ahead.shutdown();
      try {
        ahead.awaitTermination(1, TimeUnit.MINUTES); // the factory may be closed after this
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The clients every account reads in its home region, built while the first calls wait. */
  private static final List<AwsService<?, ?>> HOME_CLIENTS =
      List.of(
          AwsService.ORGANIZATIONS,
          AwsService.ACCOUNT,
          AwsService.S3,
          AwsService.CLOUDTRAIL,
          AwsService.CONFIG,
          AwsService.SECURITY_HUB);

  /** The clients every region read uses (ServiceReaders.REGION reads them unconditionally). */
  private static final List<AwsService<?, ?>> REGION_CLIENTS =
      List.of(AwsService.CLOUDTRAIL, AwsService.CONFIG, AwsService.SECURITY_HUB);

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

    private final Map<String, CompletableFuture<Trail>> trails = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Bucket>> buckets = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<KmsKey>> keys = new ConcurrentHashMap<>();
    private final AtomicInteger accountsDone = new AtomicInteger();
    private final AtomicInteger regionsDone = new AtomicInteger();
    private final AtomicInteger regionsTotal = new AtomicInteger();
    private volatile int accountsTotal;
    private WhoReadsWhat who;

    /** Accounts of the organization not collected, and why; filled by {@link #targets}. */
    private final List<CollectionInfo.ExcludedAccount> excluded = new ArrayList<>();

    private final Executor ahead;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    Run(CollectRequest request, Scheduler scheduler, Executor ahead) {
      this.request = request;
      this.scheduler = scheduler;
      this.ahead = ahead;
    }

    /**
     * Builds {@code services}' clients in {@code region} on the side thread, each once; a client
     * that fails to build fails again, and is reported, at its first call.
     */
    private void prepare(String region, List<AwsService<?, ?>> services) {
      for (AwsService<?, ?> service : services) {
        if (!prepared.add(service.prefix() + "|" + region)) {
          continue;
        }
        ahead.execute(
            () -> {
              try {
                factory.prepare(service, region);
              } catch (RuntimeException e) {
                // left to the first call, which builds it again and says why it failed
              }
            });
      }
    }

    Snapshot collect() {
      prepare(home, HOME_CLIENTS);
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
      if (request.logArchiveRole() == null) {
        who = new WhoReadsWhat(null, null);
      } else {
        String logArchiveAccount = Arns.account(request.logArchiveRole());
        who =
            new WhoReadsWhat(
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
                            Reads.unavailable("sts", "AssumeRole", e))),
                logArchiveAccount);
      }

      List<Target> targets = targets(caller, tree);
      accountsTotal = targets.size();
      targets.forEach(t -> who.audit(t.accountId(), t.principal()));
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
          Snapshot.builder()
              .schemaVersion(Snapshot.SCHEMA_VERSION)
              .collectedAt(clock.instant())
              .collection(
                  CollectionInfo.builder()
                      .tool("trailaudit")
                      .toolVersion(toolVersion)
                      .method("live")
                      .callerArn(identity.value().arn())
                      .homeRegion(home)
                      .regions(
                          request.regions().isEmpty() ? List.copyOf(regions) : request.regions())
                      .excludedAccounts(excluded)
                      .build())
              .organization(organization)
              .accounts(read)
              .buckets(readBuckets)
              .keys(readKeys)
              .logValidations(validations)
              .build();
      return seen.toBuilder().eventHistory(history(seen)).build();
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
      CompletableFuture<Principal> reader = who.history(l.account());
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
        CompletableFuture<Principal> reader = who.validation(trail);
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
        for (String id : new TreeSet<>(named)) { // sorted: the first unknown id is named
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
        String role = Arn.role(Arns.partition(a.arn()), a.id(), scope.memberRole()).toString();
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
          .thenApply(name -> AccountSnapshot.unreadable(t.accountId(), name, regions, p.failure()));
    }

    private CompletableFuture<AccountSnapshot> read(Target t, Principal p) {
      ReadScope in = scope(p, home);
      CompletableFuture<Observed<List<String>>> enabled =
          in.read(
              AwsService.ACCOUNT,
              () ->
                  new RegionsReader(in.client(AwsService.ACCOUNT), in.client(AwsService.EC2))
                      .enabledRegions(),
              e -> Reads.unavailable("account", "ListRegions", e));
      List<CompletableFuture<Consumer<AccountSnapshot.Builder>>> parts =
          ServiceReaders.ACCOUNT.stream().map(r -> r.read(in, t.accountId())).toList();
      CompletableFuture<List<RegionRead>> regions =
          enabled
              .thenApply(this::regionsToRead)
              .thenCompose(
                  names -> {
                    names.forEach(r -> prepare(r, REGION_CLIENTS));
                    regionsTotal.addAndGet(names.size());
                    return all(names.stream().map(r -> region(p, r)).toList());
                  });
      CompletableFuture<List<Trail>> seen = regions.thenCompose(this::trailsSeen);
      return CompletableFuture.allOf(enabled, all(parts), regions, seen, t.name(), t.organization())
          .thenApply(
              done -> {
                AccountSnapshot.Builder a =
                    AccountSnapshot.builder()
                        .accountId(t.accountId())
                        .name(t.name().join())
                        .organization(t.organization().join())
                        .enabledRegions(enabled.join())
                        .regions(regions.join().stream().map(RegionRead::snapshot).toList())
                        .trails(seen.join());
                parts.forEach(part -> part.join().accept(a));
                return a.build();
              });
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
      ReadScope in = scope(p, region);
      // The per-trail reads, its bucket's and its key's start as soon as a region lists the trail.
      CompletableFuture<Observed<List<Trail>>> described =
          in.<Observed<List<Trail>>>read(
                  AwsService.CLOUDTRAIL,
                  () -> new TrailReader(in.client(AwsService.CLOUDTRAIL)).describeTrails(),
                  e -> Reads.unavailable("cloudtrail", "DescribeTrails", e))
              .thenApply(
                  listed -> {
                    if (listed.isKnown()) {
                      listed.value().forEach(t -> trail(t, p));
                    }
                    return listed;
                  });
      List<CompletableFuture<Consumer<RegionSnapshot.Builder>>> parts =
          ServiceReaders.REGION.stream().map(r -> r.read(in, described)).toList();
      return described
          .thenCombine(all(parts), (trailList, filled) -> regionRead(region, trailList, filled))
          .whenComplete((r, e) -> regionDone());
    }

    private RegionRead regionRead(
        String region,
        Observed<List<Trail>> trailList,
        List<Consumer<RegionSnapshot.Builder>> filled) {
      RegionSnapshot.Builder snapshot =
          RegionSnapshot.builder()
              .region(region)
              .trailArns(
                  trailList.isKnown()
                      ? Observed.known(trailList.value().stream().map(Trail::arn).toList())
                      : Failures.of(trailList));
      filled.forEach(part -> part.accept(snapshot));
      return new RegionRead(
          snapshot.build(), trailList.isKnown() ? trailList.value() : List.<Trail>of());
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
          arn ->
              who.trail(described, seenBy)
                  .thenCompose(
                      p -> {
                        if (described.s3BucketName() != null
                            && !described.s3BucketName().isBlank()) {
                          buckets.computeIfAbsent(
                              described.s3BucketName(), name -> bucket(name, described, p));
                        }
                        if (described.kmsKeyId() != null && !described.kmsKeyId().isBlank()) {
                          keys.computeIfAbsent(
                              described.kmsKeyId(), key -> key(key, described.homeRegion(), p));
                        }
                        return new TrailReader(
                                client(AwsService.CLOUDTRAIL, described.homeRegion(), p))
                            .withDetails(
                                described, lane(p, described.homeRegion(), AwsService.CLOUDTRAIL))
                            .exceptionally(
                                e ->
                                    described.detailsUnreadable(
                                        Reads.unavailable("cloudtrail", "GetTrailStatus", cause(e))
                                            .failure()));
                      }));
    }

    private CompletableFuture<Bucket> bucket(String name, Trail trail, Principal trailReader) {
      return who.bucket(trailReader)
          .thenCompose(
              p -> {
                if (!p.usable()) {
                  return CompletableFuture.completedFuture(Bucket.unreadable(name, p.failure()));
                }
                return BucketReader.of(scope(p, home))
                    .bucket(name, who.bucketOwner(p, trail), lane(p, home, AwsService.S3))
                    .exceptionally(
                        e ->
                            Bucket.unreadable(
                                name,
                                Reads.unavailable("s3", "GetBucketLocation", cause(e)).failure()));
              });
    }

    /**
     * A trail's key, read once: in the key's account when audited, else with the log-archive role
     * when the key is in its account, else with the credentials that read the trail.
     */
    private CompletableFuture<KmsKey> key(String arn, String trailRegion, Principal trailReader) {
      // A trail names its key by ARN; an id or alias is in the trail's account and home region.
      Optional<Arn> parsed = Arn.parse(arn);
      String account = parsed.map(Arn::account).orElse(trailReader.accountId());
      String region = parsed.map(Arn::region).orElse(trailRegion);
      return who.key(account, trailReader)
          .thenCompose(
              p -> {
                if (!p.usable()) {
                  return CompletableFuture.completedFuture(KmsKey.unreadable(arn, p.failure()));
                }
                return new KmsReader(client(AwsService.KMS, region, p))
                    .key(arn, lane(p, region, AwsService.KMS))
                    .exceptionally(
                        e ->
                            KmsKey.unreadable(
                                arn, Reads.unavailable("kms", "DescribeKey", cause(e)).failure()));
              });
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

    private ReadScope scope(Principal p, String region) {
      return new ReadScope(factory, scheduler, p, region);
    }

    private <T> CompletableFuture<T> async(
        Executor lane, Supplier<T> work, Function<Exception, T> fallback) {
      return ReadScope.async(lane, work, fallback);
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
      List<String> regions = request.regions().isEmpty() ? List.of(home) : request.regions();
      return AccountSnapshot.unreadable(t.accountId(), t.name().getNow(null), regions, u.failure());
    }
  }

  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  private static Exception cause(Throwable e) {
    return ReadScope.cause(e);
  }
}
