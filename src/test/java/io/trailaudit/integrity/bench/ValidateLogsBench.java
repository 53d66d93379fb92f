package io.trailaudit.integrity.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.trailaudit.collect.AwsService;
import io.trailaudit.collect.AwsSettings;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.integrity.ChainValidator;
import io.trailaudit.integrity.GeneratedGzip;
import io.trailaudit.integrity.InMemoryStore;
import io.trailaudit.integrity.ObjectStore;
import io.trailaudit.integrity.S3LogStore;
import io.trailaudit.integrity.TestTrail;
import io.trailaudit.integrity.TestTrail.LogRef;
import io.trailaudit.integrity.ValidationListener;
import io.trailaudit.integrity.ValidationSummary;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: validates a generated corpus (a digest chain of {@code digests} hours, {@code logs}
 * gzip log files per digest of {@code kib} KiB uncompressed each) at concurrency 1 and N from an
 * in-memory store, then through the real S3 client against WireMock answering every request after
 * {@code latencyMs}, at concurrency 8 (the old default) and N; beside each, the ceiling: a plain
 * parallel download of the same objects from the same server through the same client at the same
 * concurrency. Prints files/s, MB/s and validate-logs as a share of the ceiling.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.trailaudit.integrity.bench.ValidateLogsBench [digests logs kib concurrency latencyMs]
 * </pre>
 */
public final class ValidateLogsBench {
  private ValidateLogsBench() {}

  public static void main(String[] args) throws Exception {
    int digests = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    int logsPer = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int kib = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int n = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int latencyMs = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Instant start = Instant.parse("2026-11-19T00:00:00Z");
    InMemoryStore store = new InMemoryStore();
    TestTrail trail = new TestTrail(store);
    long raw = 0;
    long compressed = 0;
    for (int h = 1; h <= digests; h++) {
      List<LogRef> logs = new ArrayList<>();
      for (int i = 0; i < logsPer; i++) {
        String key =
            String.format(
                Locale.ROOT,
                "AWSLogs/%s/CloudTrail/us-east-1/2026/11/19/%s_CloudTrail_us-east-1_h%02d_%03d.json.gz",
                TestTrail.ACCOUNT,
                TestTrail.ACCOUNT,
                h,
                i);
        GeneratedGzip g = new GeneratedGzip(kib * 1024L + h * 1000L + i);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        g.transferTo(bytes);
        store.put("trail-bucket", key, bytes.toByteArray(), java.util.Map.of());
        logs.add(new LogRef("trail-bucket", key, g.sha256Hex()));
        raw += kib * 1024L + h * 1000L + i;
        compressed += bytes.size();
      }
      trail.digest(start.plusSeconds(3600L * h + 300), logs.toArray(LogRef[]::new));
    }
    int files = digests * logsPer;
    Instant end = start.plusSeconds(3600L * digests);
    System.out.printf(
        Locale.ROOT,
        "corpus: %d digests, %d log files, %.1f MB uncompressed, %.1f MB gzip; %d cores;"
            + " %d ms per request over HTTP%n",
        digests,
        files,
        raw / 1e6,
        compressed / 1e6,
        Runtime.getRuntime().availableProcessors(),
        latencyMs);

    // warm-up, then measure
    run("in-memory", store, trail, start, end, n, files, raw, compressed, false);
    for (int c : new int[] {1, n}) {
      run("in-memory", store, trail, start, end, c, files, raw, compressed, true);
    }

    System.setProperty("http.maxConnections", "256");
    WireMockServer server =
        new WireMockServer(options().dynamicPort().containerThreads(4 * Math.max(n, 8) + 16));
    server.start();
    try {
      serve(server, store, latencyMs);
      // The CLI's timeouts, not the tests' short ones: a busy machine must not fail the corpus.
      AwsSettings t = WireMockAws.settings(server);
      AwsSettings settings =
          new AwsSettings(
              t.profile(),
              t.homeRegion(),
              t.endpointUrl(),
              t.environment(),
              AwsSettings.DEFAULT_CALL_TIMEOUT,
              AwsSettings.DEFAULT_ATTEMPT_TIMEOUT,
              t.retryBackoff());
      try (ClientFactory factory = new ClientFactory(settings, new CallLog())) {
        S3Client client =
            factory.client(AwsService.S3, "us-east-1", "bench", WireMockAws.CREDENTIALS);
        ObjectStore s3 = new S3LogStore(client);
        List<String> keys = store.keys("trail-bucket");
        run("S3 over HTTP (WireMock)", s3, trail, start, end, n, files, raw, compressed, false);
        ceiling(client, keys, n, false);
        for (int round = 1; round <= 2; round++) {
          for (int c : new int[] {8, n}) {
            double ceiling = ceiling(client, keys, c, true);
            double v =
                run(
                    "S3 over HTTP (WireMock)",
                    s3,
                    trail,
                    start,
                    end,
                    c,
                    files,
                    raw,
                    compressed,
                    true);
            System.out.printf(
                Locale.ROOT,
                "round %d, concurrency %2d: validate-logs %.0f objects/s = %.0f %% of the ceiling%n",
                round,
                c,
                v * keys.size() / files,
                100 * v * keys.size() / files / ceiling);
          }
        }
      }
    } finally {
      server.stop();
    }
  }

  /** Plain parallel GETs of every object (digests and logs), bodies read and dropped: objects/s. */
  private static double ceiling(S3Client s3, List<String> keys, int concurrency, boolean print)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long bytes = 0;
    long t0 = System.nanoTime();
    try {
      List<Future<Long>> gets = new ArrayList<>();
      for (String key : keys) {
        gets.add(
            pool.submit(
                () -> {
                  try (var body = s3.getObject(b -> b.bucket("trail-bucket").key(key))) {
                    return body.transferTo(OutputStream.nullOutputStream());
                  }
                }));
      }
      for (Future<Long> g : gets) {
        bytes += g.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "%-24s concurrency %2d: %6.2f s  %7.0f objects/s  %6.1f MB/s (ceiling: plain GETs)%n",
          "plain parallel GET",
          concurrency,
          secs,
          keys.size() / secs,
          bytes / 1e6 / secs);
    }
    return keys.size() / secs;
  }

  /** Validates once; returns log files/s. */
  private static double run(
      String name,
      ObjectStore store,
      TestTrail trail,
      Instant start,
      Instant end,
      int concurrency,
      int files,
      long raw,
      long compressed,
      boolean print)
      throws Exception {
    long t0 = System.nanoTime();
    ValidationSummary s =
        new ChainValidator(store, TestTrail.publicKeys(TestTrail.Encoding.PKCS1), concurrency, 10)
            .validate(trail.arn, trail.location(), start, end, ValidationListener.NONE);
    double secs = (System.nanoTime() - t0) / 1e9;
    if (!s.allValid() || s.logFiles().valid() != files) {
      throw new IllegalStateException("benchmark corpus did not validate: " + s);
    }
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "%-24s concurrency %2d: %6.2f s  %7.0f files/s  %7.1f MB/s uncompressed  %6.1f MB/s"
              + " gzip%n",
          name,
          concurrency,
          secs,
          files / secs,
          raw / 1e6 / secs,
          compressed / 1e6 / secs);
    }
    return files / secs;
  }

  private static void serve(WireMockServer server, InMemoryStore store, int latencyMs)
      throws Exception {
    String bucket = "trail-bucket";
    StringBuilder contents = new StringBuilder();
    for (String key : store.keys(bucket)) {
      if (key.contains("CloudTrail-Digest")) {
        contents.append("<Contents><Key>").append(key).append("</Key><Size>1</Size></Contents>");
      }
      var r =
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "application/octet-stream")
              .withFixedDelay(latencyMs)
              .withBody(store.bytes(bucket, key));
      store.metadata(bucket, key).forEach((k, v) -> r.withHeader("x-amz-meta-" + k, v));
      server.stubFor(get(urlPathEqualTo("/" + bucket + "/" + key)).willReturn(r));
    }
    server.stubFor(
        get(urlPathMatching("/" + bucket + "/?"))
            .withQueryParam("list-type", equalTo("2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(latencyMs)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
                            + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>"
                            + bucket
                            + "</Name><IsTruncated>false</IsTruncated>"
                            + contents
                            + "</ListBucketResult>")));
  }
}
