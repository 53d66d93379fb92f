package io.trailaudit.integrity.bench;

import io.trailaudit.collect.AwsService;
import io.trailaudit.collect.AwsSettings;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.WireMockAws;
import io.trailaudit.integrity.ChainValidator;
import io.trailaudit.integrity.CloudTrailPublicKeys;
import io.trailaudit.integrity.GeneratedGzip;
import io.trailaudit.integrity.InMemoryStore;
import io.trailaudit.integrity.ObjectStore;
import io.trailaudit.integrity.PublicKeySource;
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
 * in-memory store, then over HTTP from {@link StubAws} (S3 and ListPublicKeys answering every
 * request after {@code latencyMs}) through the real SDK clients at concurrency N. Each of {@code
 * -Dbench.rounds} (3) rounds measures, one after the other, on the same server: the ceiling (a
 * plain parallel download of every digest and log file through the same S3 client at the same
 * concurrency, bodies dropped), trailaudit's validation, and {@code aws cloudtrail validate-logs}
 * ({@code -Dbench.aws}: the executable, {@code aws} on the PATH by default, {@code none} to skip
 * it), a child process, so at this process's niceness. Prints files/s, CPU per file (this process:
 * client, server and GC) and the ratios.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * nice -n 10 java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
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
    run(
        "in-memory",
        store,
        TestTrail.publicKeys(TestTrail.Encoding.PKCS1),
        trail,
        start,
        end,
        n,
        files,
        raw,
        compressed,
        false);
    for (int c : new int[] {1, n}) {
      run(
          "in-memory",
          store,
          TestTrail.publicKeys(TestTrail.Encoding.PKCS1),
          trail,
          start,
          end,
          c,
          files,
          raw,
          compressed,
          true);
    }

    System.setProperty("http.maxConnections", "256");
    int rounds = Integer.getInteger("bench.rounds", 3);
    String aws = System.getProperty("bench.aws", "aws");
    try (StubAws server = new StubAws(store, List.of("trail-bucket"), latencyMs)) {
      // The CLI's timeouts, not the tests' short ones: a busy machine must not fail the corpus.
      AwsSettings t = WireMockAws.settings(server.endpoint());
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
        PublicKeySource overHttp =
            new CloudTrailPublicKeys(
                factory.client(
                    AwsService.CLOUDTRAIL, "us-east-1", "bench", WireMockAws.CREDENTIALS));
        List<String> keys = store.keys("trail-bucket");
        String name = "validate-logs over HTTP";
        run(name, s3, overHttp, trail, start, end, n, files, raw, compressed, false);
        ceiling(client, keys, n, false);
        for (int round = 1; round <= rounds; round++) {
          double ceiling = ceiling(client, keys, n, true);
          double v = run(name, s3, overHttp, trail, start, end, n, files, raw, compressed, true);
          double cli = "none".equals(aws) ? Double.NaN : cli(aws, server, trail, start, end, files);
          System.out.printf(
              Locale.ROOT,
              "round %d, concurrency %d: ceiling %.0f objects/s (%.0f files/s);"
                  + " validate-logs %.0f files/s = %.0f %% of the ceiling;"
                  + " AWS CLI %.1f files/s: trailaudit %.1f x the CLI%n",
              round,
              n,
              ceiling,
              ceiling * files / keys.size(),
              v,
              100 * v * keys.size() / files / ceiling,
              cli,
              v / cli);
        }
      }
    }
  }

  /**
   * {@code aws cloudtrail validate-logs} against {@code server}: its CloudTrail through {@code
   * --endpoint-url}, its S3 clients through {@code AWS_ENDPOINT_URL_S3} (botocore's configured
   * endpoints; the CLI makes its S3 clients without {@code --endpoint-url}). Runs at this process's
   * niceness. Returns log files/s over the process's wall time (start-up included).
   */
  private static double cli(
      String aws, StubAws server, TestTrail trail, Instant start, Instant end, int files)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            aws,
            "cloudtrail",
            "validate-logs",
            "--trail-arn",
            trail.arn,
            "--s3-bucket",
            trail.bucket,
            "--start-time",
            start.toString(),
            "--end-time",
            end.toString(),
            "--region",
            TestTrail.REGION,
            "--endpoint-url",
            server.endpoint());
    java.util.Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ENDPOINT_URL_S3", server.endpoint());
    env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
    env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    pb.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int rc = p.waitFor();
    double secs = (System.nanoTime() - t0) / 1e9;
    String expected = files + "/" + files + " log files valid";
    if (rc != 0 || !out.contains(expected)) {
      throw new IllegalStateException(
          "the AWS CLI did not validate the corpus (exit " + rc + "):\n" + out);
    }
    System.out.printf(
        Locale.ROOT,
        "%-24s concurrency  1: %6.2f s  %7.1f files/s (%s)%n",
        "aws cloudtrail validate-logs",
        secs,
        files / secs,
        out.lines().filter(l -> l.contains("files valid")).toList());
    return files / secs;
  }

  /** CPU time of this process (every thread: the client, the stub server, GC), in ns. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Plain parallel GETs of every object (digests and logs), bodies read and dropped: objects/s. */
  private static double ceiling(S3Client s3, List<String> keys, int concurrency, boolean print)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long bytes = 0;
    long cpu0 = cpu();
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
    double cpuMs = (cpu() - cpu0) / 1e6 / keys.size();
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "%-24s concurrency %2d: %6.2f s  %7.0f objects/s  %6.1f MB/s (ceiling: plain GETs)"
              + "  %.2f ms CPU per object%n",
          "plain parallel GET",
          concurrency,
          secs,
          keys.size() / secs,
          bytes / 1e6 / secs,
          cpuMs);
    }
    return keys.size() / secs;
  }

  /** Validates once; returns log files/s. */
  private static double run(
      String name,
      ObjectStore store,
      PublicKeySource keys,
      TestTrail trail,
      Instant start,
      Instant end,
      int concurrency,
      int files,
      long raw,
      long compressed,
      boolean print)
      throws Exception {
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    ValidationSummary s =
        new ChainValidator(store, keys, concurrency, 10)
            .validate(trail.arn, trail.location(), start, end, ValidationListener.NONE);
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpuMs = (cpu() - cpu0) / 1e6 / files;
    if (!s.allValid() || s.logFiles().valid() != files) {
      throw new IllegalStateException("benchmark corpus did not validate: " + s);
    }
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "%-24s concurrency %2d: %6.2f s  %7.0f files/s  %7.1f MB/s uncompressed  %6.1f MB/s"
              + " gzip  %.2f ms CPU per log file%n",
          name,
          concurrency,
          secs,
          files / secs,
          raw / 1e6 / secs,
          compressed / 1e6 / secs,
          cpuMs);
    }
    return files / secs;
  }
}
