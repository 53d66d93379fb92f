package io.trailaudit.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.CollectRequest;
import io.trailaudit.collect.Collector;
import io.trailaudit.collect.FakeAws;
import io.trailaudit.collect.Progress;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.model.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Not a test: collects an organization of N accounts x R regions served by WireMock with a fixed
 * latency per call, at concurrency 1 and 16, and prints API calls and wall time. Run with {@code
 * mvn -o -Pbench test} (arguments: {@code -Dbench.accounts=50 -Dbench.regions=4
 * -Dbench.latency=20}).
 */
public final class CollectBenchmark {
  private CollectBenchmark() {}

  public static void main(String[] args) {
    int accounts = Integer.getInteger("bench.accounts", 50);
    int regions = Integer.getInteger("bench.regions", 4);
    int latency = Integer.getInteger("bench.latency", 20);
    List<String> regionNames =
        List.of(
                "us-east-1",
                "us-east-2",
                "us-west-1",
                "us-west-2",
                "eu-west-1",
                "eu-central-1",
                "ap-southeast-1",
                "ap-northeast-1")
            .subList(0, regions);
    String management = "100000000001";
    List<String> members = new ArrayList<>();
    for (int i = 2; i <= accounts; i++) {
      members.add(String.format("%012d", 100000000000L + i));
    }

    WireMockServer server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .containerThreads(128)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(64)
                .disableRequestJournal());
    server.start();
    try {
      FakeAws.serve(
          new WireMock(server), new FakeAws.Estate(management, members, Set.of(), regionNames));
      server.setGlobalFixedDelay(latency);
      System.out.printf(
          Locale.ROOT,
          "organization of %d accounts x %d regions, %d ms per call, http.maxConnections=%s%n",
          accounts,
          regions,
          latency,
          System.getProperty("http.maxConnections", "(JDK default 5)"));
      run(server, 16); // warm-up: class loading and JIT, not reported
      Result one = run(server, 1);
      Result sixteen = run(server, 16);
      System.out.printf(
          Locale.ROOT,
          "%-12s %10s %12s %12s%n",
          "concurrency",
          "API calls",
          "attempts",
          "wall time");
      for (Result r : List.of(one, sixteen)) {
        System.out.printf(
            Locale.ROOT,
            "%-12d %10d %12d %10.2f s%n",
            r.concurrency(),
            r.calls(),
            r.attempts(),
            r.millis() / 1000.0);
      }
      System.out.printf(
          Locale.ROOT, "speed-up at 16: %.1fx%n", (double) one.millis() / sixteen.millis());
    } finally {
      server.stop();
    }
  }

  record Result(int concurrency, long calls, long attempts, long millis) {}

  private static Result run(WireMockServer server, int concurrency) {
    CallLog log = new CallLog();
    try (ClientFactory factory = WireMockAws.factory(server, log)) {
      long start = System.nanoTime();
      Snapshot s =
          new Collector(factory, WireMockAws.CREDENTIALS, Clock.systemUTC(), "bench", Progress.NONE)
              .collect(
                  new CollectRequest(
                      List.of(),
                      concurrency,
                      new CollectRequest.Organization(FakeAws.MEMBER_ROLE, Set.of(), Set.of()),
                      null,
                      null));
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (s.accounts().isEmpty()) {
        throw new IllegalStateException("nothing collected");
      }
      return new Result(concurrency, log.calls(), log.attempts(), millis);
    }
  }
}
