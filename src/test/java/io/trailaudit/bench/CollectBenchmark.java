package io.trailaudit.bench;

import com.sun.management.OperatingSystemMXBean;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.CollectRequest;
import io.trailaudit.collect.Collector;
import io.trailaudit.collect.FakeAws;
import io.trailaudit.collect.Progress;
import io.trailaudit.collect.RateLimiter;
import io.trailaudit.collect.RateLimiters;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Not a test: live collection against an in-process fake of AWS ({@link InProcessAws}: the {@code
 * FakeAws} estate, a fixed latency per call). Run with {@code mvn -o -Pbench test}; see
 * docs/benchmarks.md.
 *
 * <ul>
 *   <li>{@code -Dbench.scenario=critical-path} (default): one account, and an organization of four
 *       accounts, two regions each. Prints the calls, the depth of the longest chain of dependent
 *       calls, the wall time, client CPU per call and wall ÷ (depth × latency).
 *   <li>{@code -Dbench.scenario=scale}: {@code bench.accounts} × {@code bench.regions} (1,000 × 17)
 *       at each of {@code bench.concurrencies} (16,64,128): calls, wall time, client CPU, the bound
 *       max(calls × latency ÷ concurrency, CPU ÷ cores), the most calls in flight in total and per
 *       (account, region, service), and peak heap.
 *   <li>{@code -Dbench.scenario=history}: the time {@code --history-days} adds (LookupEvents, two a
 *       second per account and region, on the real clock), for one account and a 50-account
 *       organization: lookups, the time the limiters made calls wait, and wall time with and
 *       without history.
 * </ul>
 */
public final class CollectBenchmark {
  static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-north-1",
          "ap-south-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "sa-east-1");
  static final String MANAGEMENT = "100000000001";
  static final CollectRequest.Organization ORG =
      new CollectRequest.Organization(FakeAws.MEMBER_ROLE, Set.of(), Set.of());
  static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CollectBenchmark() {}

  public static void main(String[] args) throws Exception {
    int latency = Integer.getInteger("bench.latency", 50);
    System.out.printf(
        Locale.ROOT,
        "%d cores, JDK %s, max heap %d MiB, %d ms per call%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        latency);
    String scenario = System.getProperty("bench.scenario", "critical-path");
    if (scenario.equals("scale")) {
      scale(latency);
    } else if (scenario.equals("cold")) {
      // One collection in this fresh JVM: run it several times (a loop in the shell) to see what
      // class loading and the JIT add to a one-account live audit.
      Run r =
          run(
              new FakeAws.Estate(MANAGEMENT, List.of(), Set.of(), REGIONS.subList(0, 2)),
              null,
              latency,
              Integer.getInteger("bench.concurrency", 64),
              Collector.DEFAULT_PER_LANE);
      System.out.printf(
          Locale.ROOT,
          "one account, cold JVM: %d calls, wall %.0f ms, client CPU %.0f ms%n",
          r.calls(),
          r.wallNanos() / 1e6,
          r.cpuNanos() / 1e6);
    } else if (scenario.equals("history")) {
      history(
          "one account",
          new FakeAws.Estate(MANAGEMENT, List.of(), Set.of(), REGIONS.subList(0, 2)),
          null,
          latency);
      history(
          "organization, 50 accounts",
          new FakeAws.Estate(MANAGEMENT, members(49), Set.of(), REGIONS.subList(0, 2)),
          ORG,
          latency);
    } else {
      criticalPath(
          "one account",
          new FakeAws.Estate(MANAGEMENT, List.of(), Set.of(), REGIONS.subList(0, 2)),
          null,
          latency);
      criticalPath(
          "organization, 4 accounts",
          new FakeAws.Estate(MANAGEMENT, members(3), Set.of(), REGIONS.subList(0, 2)),
          ORG,
          latency);
    }
  }

  /** One collection: what it took, and each call's start and end. */
  record Run(
      long calls,
      long failures,
      long wallNanos,
      long cpuNanos,
      InProcessAws aws,
      Snapshot snapshot,
      RateLimiters limits) {}

  static Run run(
      FakeAws.Estate estate,
      CollectRequest.Organization org,
      int latency,
      int concurrency,
      int perLane) {
    return run(estate, org, latency, concurrency, perLane, 0);
  }

  static Run run(
      FakeAws.Estate estate,
      CollectRequest.Organization org,
      int latency,
      int concurrency,
      int perLane,
      int historyDays) {
    InProcessAws aws = new InProcessAws(estate, latency);
    CallLog log = new CallLog();
    RateLimiters limits = new RateLimiters(RateLimiter.Ticker.SYSTEM);
    try (ClientFactory factory =
        new ClientFactory(WireMockAws.settings("http://localhost:1"), log, aws)) {
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      Snapshot s =
          new Collector(factory, WireMockAws.CREDENTIALS, Clock.systemUTC(), "bench", Progress.NONE)
              .withPerLane(perLane)
              .withLookupLimits(limits)
              .collect(
                  new CollectRequest(List.of(), concurrency, org, null, null, null, historyDays));
      long wall = System.nanoTime() - start;
      long used = OS.getProcessCpuTime() - cpu;
      if (s.accounts().size() != 1 + estate.members().size()) {
        throw new IllegalStateException("accounts missing: " + s.accounts().size());
      }
      return new Run(log.calls(), log.failures(), wall, used, aws, s, limits);
    }
  }

  /**
   * The time event history adds: the same estate collected without and with {@code --history-days
   * 90}, on the real clock (the limiters really wait), after a warm-up without history.
   */
  static void history(
      String name, FakeAws.Estate estate, CollectRequest.Organization org, int latency) {
    int concurrency = Integer.getInteger("bench.concurrency", 64);
    for (int i = 0; i < 5; i++) {
      run(estate, org, latency, concurrency, Collector.DEFAULT_PER_LANE); // warm-up
    }
    Run without = run(estate, org, latency, concurrency, Collector.DEFAULT_PER_LANE, 0);
    Run with = run(estate, org, latency, concurrency, Collector.DEFAULT_PER_LANE, 90);
    List<EventHistory> searched = with.snapshot().eventHistory().value();
    long lookups = with.calls() - without.calls();
    long unreadable = searched.stream().filter(h -> !h.events().isKnown()).count();
    System.out.printf(
        Locale.ROOT,
        "%s (concurrency %d): %d (account, region) searched (%d unreadable), %d LookupEvents"
            + " calls (%d calls in all), limiters waited %.1f s in total; wall %.0f ms without"
            + " history, %.0f ms with: +%.1f s%n",
        name,
        concurrency,
        searched.size(),
        unreadable,
        lookups,
        with.calls(),
        with.limits().waited().toNanos() / 1e9,
        without.wallNanos() / 1e6,
        with.wallNanos() / 1e6,
        (with.wallNanos() - without.wallNanos()) / 1e9);
  }

  /**
   * The longest chain of calls each started after the previous one ended. Measured on a run with
   * every read free to start (no pool or lane limit) and a latency far above the client's work per
   * round, a call that started after another ended is one that waited for it.
   */
  static int depth(List<long[]> calls) {
    List<long[]> byStart = new ArrayList<>(calls);
    byStart.sort(Comparator.comparingLong(c -> c[0]));
    PriorityQueue<long[]> ended = new PriorityQueue<>(Comparator.comparingLong(e -> e[0]));
    int deepestEnded = 0;
    int deepest = 0;
    for (long[] c : byStart) {
      while (!ended.isEmpty() && ended.peek()[0] <= c[0]) {
        deepestEnded = Math.max(deepestEnded, (int) ended.poll()[1]);
      }
      int d = deepestEnded + 1;
      deepest = Math.max(deepest, d);
      ended.add(new long[] {c[1], d});
    }
    return deepest;
  }

  static void criticalPath(
      String name, FakeAws.Estate estate, CollectRequest.Organization org, int latency) {
    int concurrency = Integer.getInteger("bench.concurrency", 64);
    for (int i = 0; i < 10; i++) {
      run(estate, org, latency, concurrency, Collector.DEFAULT_PER_LANE); // warm-up
    }
    // Depth, once warm: 250 ms per call, nothing queued.
    InProcessAws probe = run(estate, org, 250, 4096, 4096).aws();
    int depth = depth(probe.calls());
    if (Boolean.getBoolean("bench.trace")) {
      List<long[]> calls = probe.calls();
      List<String> names = probe.names();
      long t0 = calls.stream().mapToLong(c -> c[0]).min().orElse(0);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingLong(i -> calls.get(i)[0]));
      for (int i : order) {
        System.out.printf(
            Locale.ROOT,
            "%6d %6d %s%n",
            (calls.get(i)[0] - t0) / 1_000_000,
            (calls.get(i)[1] - t0) / 1_000_000,
            names.get(i));
      }
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      runs.add(run(estate, org, latency, concurrency, Collector.DEFAULT_PER_LANE));
    }
    runs.sort(Comparator.comparingLong(Run::wallNanos));
    Run median = runs.get(runs.size() / 2);
    long[] cpu = runs.stream().mapToLong(Run::cpuNanos).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%s (concurrency %d): %d calls, depth %d, wall %.0f ms (median of %d; min %.0f, max %.0f),"
            + " client CPU %.2f ms per call (median), wall / (depth x latency) = %.2f%n",
        name,
        concurrency,
        median.calls(),
        depth,
        median.wallNanos() / 1e6,
        runs.size(),
        runs.get(0).wallNanos() / 1e6,
        runs.get(runs.size() - 1).wallNanos() / 1e6,
        cpu[cpu.length / 2] / 1e6 / median.calls(),
        median.wallNanos() / 1e6 / (depth * (double) latency));
    if (org != null) {
      marginal(name, estate, org, latency, concurrency);
    }
  }

  /**
   * Client CPU per call once warm, without the costs a collection pays once whatever its size (SDK
   * clients, thread pools, the snapshot): collections of this organization and of one four times
   * its size share one client factory, after warm-up; the difference in CPU over the difference in
   * calls is what each further call costs.
   */
  static void marginal(
      String name,
      FakeAws.Estate small,
      CollectRequest.Organization org,
      int latency,
      int concurrency) {
    FakeAws.Estate large =
        new FakeAws.Estate(
            small.management(),
            members(4 * (small.members().size() + 1) - 1),
            small.denied(),
            small.regions());
    InProcessAws smallAws = new InProcessAws(small, latency);
    InProcessAws largeAws = new InProcessAws(large, latency);
    Switch http = new Switch(smallAws);
    CallLog log = new CallLog();
    List<Long> smallCpu = new ArrayList<>();
    List<Long> largeCpu = new ArrayList<>();
    long smallCalls = 0;
    long largeCalls = 0;
    try (ClientFactory factory =
        new ClientFactory(WireMockAws.settings("http://localhost:1"), log, http)) {
      for (int i = 0; i < 20; i++) {
        for (boolean big : new boolean[] {false, true}) {
          http.to(big ? largeAws : smallAws);
          long calls = log.calls();
          long cpu = OS.getProcessCpuTime();
          new Collector(factory, WireMockAws.CREDENTIALS, Clock.systemUTC(), "bench", Progress.NONE)
              .withPerLane(Collector.DEFAULT_PER_LANE)
              .withLookupLimits(new RateLimiters(RateLimiter.Ticker.SYSTEM))
              .collect(new CollectRequest(List.of(), concurrency, org, null, null, null, 0));
          if (i >= 8) { // warm-up: the JIT, and the clients of every (service, region)
            (big ? largeCpu : smallCpu).add(OS.getProcessCpuTime() - cpu);
            if (big) {
              largeCalls = log.calls() - calls;
            } else {
              smallCalls = log.calls() - calls;
            }
          }
        }
      }
    }
    long smallMedian = median(smallCpu);
    long largeMedian = median(largeCpu);
    System.out.printf(
        Locale.ROOT,
        "%s, once warm with the clients built: %d calls %.0f ms CPU, %d accounts %d calls %.0f ms"
            + " CPU (medians of %d): %.2f ms of client CPU per further call; what a collection pays"
            + " once: %.0f ms%n",
        name,
        smallCalls,
        smallMedian / 1e6,
        large.members().size() + 1,
        largeCalls,
        largeMedian / 1e6,
        smallCpu.size(),
        (largeMedian - smallMedian) / 1e6 / (largeCalls - smallCalls),
        (smallMedian
                - (largeMedian - smallMedian) * smallCalls / (double) (largeCalls - smallCalls))
            / 1e6);
  }

  static long median(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).sorted().toArray()[values.size() / 2];
  }

  /** An HTTP client that sends to whichever fake it was last switched to. */
  static final class Switch implements SdkHttpClient {
    private volatile SdkHttpClient to;

    Switch(SdkHttpClient to) {
      this.to = to;
    }

    void to(SdkHttpClient next) {
      this.to = next;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return to.prepareRequest(request);
    }

    @Override
    public void close() {}
  }

  static void scale(int latency) throws Exception {
    int accounts = Integer.getInteger("bench.accounts", 1000);
    int regions = Integer.getInteger("bench.regions", 17);
    int[] concurrencies =
        Arrays.stream(System.getProperty("bench.concurrencies", "16,64,128").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    FakeAws.Estate estate =
        new FakeAws.Estate(
            MANAGEMENT, members(accounts - 1), Set.of(), REGIONS.subList(0, regions));
    // Warm-up: a small organization, so that the JIT has seen every read.
    FakeAws.Estate small =
        new FakeAws.Estate(MANAGEMENT, members(19), Set.of(), REGIONS.subList(0, regions));
    for (int i = 0; i < 3; i++) {
      run(small, ORG, latency, 64, Collector.DEFAULT_PER_LANE);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "%d accounts x %d regions, per-lane limit %d%n",
        accounts,
        regions,
        Collector.DEFAULT_PER_LANE);
    System.out.printf(
        Locale.ROOT,
        "%-11s %8s %9s %10s %11s %9s %7s %9s %8s %10s%n",
        "concurrency",
        "calls",
        "wall s",
        "CPU s",
        "CPU/call ms",
        "bound s",
        "ratio",
        "in flight",
        "per lane",
        "peak heap");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int concurrency : concurrencies) {
      System.gc();
      AtomicLong peak = new AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      Run r = run(estate, ORG, latency, concurrency, Collector.DEFAULT_PER_LANE);
      sampler.interrupt();
      double wall = r.wallNanos() / 1e9;
      double cpu = r.cpuNanos() / 1e9;
      double bound = Math.max(r.calls() * latency / 1000.0 / concurrency, cpu / cores);
      System.out.printf(
          Locale.ROOT,
          "%-11d %8d %9.1f %10.1f %11.3f %9.1f %7.2f %9d %8d %6d MiB%n",
          concurrency,
          r.calls(),
          wall,
          cpu,
          r.cpuNanos() / 1e6 / r.calls(),
          bound,
          wall / bound,
          r.aws().maxInFlight(),
          r.aws().maxInFlightPerLane(),
          peak.get() >> 20);
    }
  }

  static List<String> members(int n) {
    List<String> members = new ArrayList<>();
    for (int i = 2; i <= n + 1; i++) {
      members.add(String.format(Locale.ROOT, "%012d", 100000000000L + i));
    }
    return members;
  }
}
