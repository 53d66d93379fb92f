package io.trailaudit.integrity;

import io.trailaudit.integrity.ItemResult.Kind;
import io.trailaudit.integrity.ItemResult.Verdict;
import io.trailaudit.integrity.PublicKeySource.PublicKeyInfo;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Validates a trail's digest chain and log files over a time window, with the AWS CLI's verdicts
 * ({@code aws cloudtrail validate-logs}, {@code awscli/customizations/cloudtrail/validation.py}).
 *
 * <p>Digests are walked newest first, each naming the previous one, and judged in that order; since
 * the listing already names them, the next {@value #DIGESTS_AHEAD} are fetched, parsed and their
 * signatures checked ahead on a pool of their own, so the walk does not wait one round trip per
 * digest. Log files are fetched and hashed concurrently on a pool of {@code concurrency} threads;
 * at most {@code 4 × concurrency} are in flight, so memory is bounded whatever their number, and
 * verdicts reach the listener in the order the AWS CLI prints them.
 */
public final class ChainValidator {
  private static final Duration ONE_HOUR = Duration.ofHours(1);

  /** Digests fetched ahead of the walk: each is a few KiB, and 8 hide S3's latency. */
  static final int DIGESTS_AHEAD = 8;

  private final ObjectStore store;
  private final PublicKeySource keySource;
  private final int concurrency;
  private final int maxProblems;

  /**
   * @param concurrency log files fetched and hashed at once (at least 1)
   * @param maxProblems problems kept in the summary; the rest are counted
   */
  public ChainValidator(
      ObjectStore store, PublicKeySource keySource, int concurrency, int maxProblems) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.store = store;
    this.keySource = keySource;
    this.concurrency = concurrency;
    this.maxProblems = maxProblems;
  }

  /**
   * Validates the digests of {@code location} that end between {@code start} and {@code end} plus
   * one hour (late deliveries), and the log files they list.
   *
   * @throws ReadFailure when validation cannot run: the digest listing or the public keys cannot be
   *     read, or there are no public keys for the window
   */
  public ValidationSummary validate(
      String trailArn,
      TrailLocation location,
      Instant start,
      Instant end,
      ValidationListener listener)
      throws ReadFailure, InterruptedException {
    ExecutorService pool = pool(concurrency, "validate-logs-");
    ExecutorService digestPool = pool(DIGESTS_AHEAD, "validate-digests-");
    try {
      return new Run(trailArn, location, start, end, listener, pool, digestPool).walk();
    } finally {
      pool.shutdownNow();
      digestPool.shutdownNow();
    }
  }

  private static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** One validation: the walk's state. Only the calling thread touches it. */
  private final class Run {
    private final String trailArn;
    private final TrailLocation location;
    private final Instant start;
    private final Instant end;
    private final ValidationListener listener;
    private final ExecutorService pool;
    private final ExecutorService digestPool;
    private final ArrayDeque<Future<Object>> pending = new ArrayDeque<>();

    /** Digests being fetched ahead, by bucket/key; only those the walk may reach next. */
    private final Map<String, Future<Outcome>> ahead = new HashMap<>();

    private final Map<String, TrailLocation> backfill = new LinkedHashMap<>();
    private final Set<String> visited = new HashSet<>();
    private final List<ItemResult> problems = new ArrayList<>();

    /** ListPublicKeys, by fingerprint; read while the digests are listed. */
    private CompletableFuture<Map<String, PublicKeyInfo>> publicKeys;

    private FileCounts digests = FileCounts.ZERO;
    private FileCounts logs = FileCounts.ZERO;
    private int gaps;
    private int omitted;
    private Instant foundStart;
    private Instant foundEnd;

    Run(
        String trailArn,
        TrailLocation location,
        Instant start,
        Instant end,
        ValidationListener listener,
        ExecutorService pool,
        ExecutorService digestPool) {
      this.trailArn = trailArn;
      this.location = location;
      this.start = start;
      this.end = end;
      this.listener = listener;
      this.pool = pool;
      this.digestPool = digestPool;
      this.foundStart = start;
    }

    ValidationSummary walk() throws ReadFailure, InterruptedException {
      try {
        return walkChains();
      } finally {
        publicKeys.cancel(true);
      }
    }

    private ValidationSummary walkChains() throws ReadFailure, InterruptedException {
      TrailLocation at = location;
      // ListPublicKeys and the listing are independent: one round trip for both. The pool is idle.
      publicKeys = CompletableFuture.supplyAsync(this::loadPublicKeys, pool);
      List<String> keys = listDigests(at, end);
      String key = keys.isEmpty() ? null : keys.remove(keys.size() - 1);
      Instant lastStart = key == null ? null : TrailLocation.keyTime(key).orElse(null);
      if (key != null && lastStart != null && !start.isAfter(lastStart)) {
        fetchAhead(at, key, keys); // their signatures are checked once the keys are there
      }
      awaitPublicKeys(); // nothing is judged, nothing reported, before the keys are known
      while (key != null && lastStart != null && !start.isAfter(lastStart)) {
        if (!visited.add(at.bucket() + "/" + key)) {
          break; // a chain that loops back: CloudTrail never writes one
        }
        fetchAhead(at, key, keys);
        Outcome o = outcome(at, key);
        if (o instanceof Valid v) {
          lastStart = v.start();
          digestValid(at, key, v, true);
          String previousBucket = v.digest().previousDigestS3Bucket();
          if (previousBucket == null) {
            Next next = nextBefore(keys, key);
            if (next.key() != null) {
              emit(CompletableFuture.completedFuture(new Gap(next.endTime(), lastStart)));
            }
            key = next.key();
          } else {
            key = v.digest().previousDigestS3Object();
            if (!previousBucket.equals(at.bucket())) {
              at = at.inBucket(previousBucket);
              keys = listDigests(at, v.end());
            }
          }
        } else {
          Problem p = (Problem) o;
          emit(item(Kind.DIGEST, at, key, p.verdict(), p.reason()));
          key = nextBefore(keys, key).key();
        }
      }
      List<Map.Entry<String, TrailLocation>> backfills = new ArrayList<>(backfill.entrySet());
      Collections.reverse(backfills);
      cancelAhead(Set.of());
      for (int i = 0; i < backfills.size(); i++) {
        Map.Entry<String, TrailLocation> b = backfills.get(i);
        String k = b.getKey().substring(b.getKey().indexOf('/') + 1);
        for (int j = i; j < Math.min(backfills.size(), i + DIGESTS_AHEAD); j++) {
          Map.Entry<String, TrailLocation> n = backfills.get(j);
          if (!visited.contains(n.getKey())) {
            fetch(n.getValue(), n.getKey().substring(n.getKey().indexOf('/') + 1));
          }
        }
        if (visited.add(b.getKey())) {
          Outcome o = outcome(b.getValue(), k);
          if (o instanceof Valid v) {
            digestValid(b.getValue(), k, v, false);
          } else {
            Problem p = (Problem) o;
            emit(item(Kind.DIGEST, b.getValue(), k, p.verdict(), p.reason()));
          }
        }
      }
      cancelAhead(Set.of());
      while (!pending.isEmpty()) {
        deliver(pending.poll());
      }
      return new ValidationSummary(
          trailArn,
          start,
          end,
          foundEnd == null ? null : foundStart,
          foundEnd,
          digests,
          logs,
          gaps,
          problems,
          omitted);
    }

    private void digestValid(TrailLocation at, String key, Valid v, boolean inChain)
        throws InterruptedException {
      if (inChain) {
        if (v.start().isAfter(start)) {
          foundStart = v.start();
        }
        if (foundEnd == null) {
          foundEnd = v.end().isBefore(end) ? v.end() : end;
        }
      }
      emit(item(Kind.DIGEST, at, key, Verdict.VALID, ""));
      for (DigestFile.LogFile f : v.digest().logFiles()) {
        emit(pool.submit(() -> (Object) checkLog(f)));
      }
    }

    /**
     * Starts fetching {@code key} and the digests the walk reaches after it if the chain follows
     * the listing: the last {@value #DIGESTS_AHEAD} not yet visited of {@code keys} (ascending). A
     * chain that points elsewhere still works: its digest is fetched when reached, and stale
     * fetches are cancelled.
     */
    private void fetchAhead(TrailLocation at, String key, List<String> keys) {
      Set<String> window = new HashSet<>();
      window.add(fetch(at, key));
      // Following its pointers, the walk leaves visited keys at the end of the list: skip them.
      for (int i = keys.size() - 1; i >= 0 && window.size() <= DIGESTS_AHEAD; i--) {
        if (!visited.contains(at.bucket() + "/" + keys.get(i))) {
          window.add(fetch(at, keys.get(i)));
        }
      }
      cancelAhead(window);
    }

    private String fetch(TrailLocation at, String key) {
      String id = at.bucket() + "/" + key;
      ahead.computeIfAbsent(id, i -> digestPool.submit(() -> loadAndValidate(at, key)));
      return id;
    }

    private void cancelAhead(Set<String> keep) {
      ahead
          .entrySet()
          .removeIf(
              e -> {
                if (keep.contains(e.getKey())) {
                  return false;
                }
                e.getValue().cancel(true);
                return true;
              });
    }

    /** The digest's verdict, from its fetch ahead when there is one. */
    private Outcome outcome(TrailLocation at, String key) throws InterruptedException {
      Future<Outcome> f = ahead.remove(at.bucket() + "/" + key);
      if (f == null) {
        return loadAndValidate(at, key);
      }
      try {
        return f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a digest check failed unexpectedly", e.getCause());
      }
    }

    /** The AWS CLI's {@code load_digest_keys_in_range}: ascending, backfill digests set aside. */
    private List<String> listDigests(TrailLocation at, Instant until) throws ReadFailure {
      List<String> keys = new ArrayList<>();
      Pattern pattern = at.digestKeyPattern();
      String from = TrailLocation.keyFormat(start);
      String to = TrailLocation.keyFormat(until.plus(ONE_HOUR));
      String marker = at.listMarker(start);
      String token = null;
      try {
        do {
          ObjectStore.Page page = store.list(at.bucket(), at.digestFolder(), marker, token);
          for (String key : page.keys()) {
            if (!pattern.matcher(key).matches()) {
              continue;
            }
            String time = TrailLocation.keyTimestamp(key);
            if (time.compareTo(to) > 0) {
              return keys;
            }
            if (time.compareTo(from) >= 0) {
              if (TrailLocation.isBackfill(key)) {
                backfill.putIfAbsent(at.bucket() + "/" + key, at);
              } else {
                keys.add(key);
              }
            }
          }
          token = page.nextToken();
        } while (token != null);
      } catch (ReadFailure e) {
        throw e;
      } catch (IOException e) {
        throw new ReadFailure("s3", "ListObjectsV2", "NetworkError", e.getMessage());
      }
      return keys;
    }

    /** The public keys, or the {@link ReadFailure} that kept them from being read. */
    private void awaitPublicKeys() throws ReadFailure, InterruptedException {
      try {
        publicKeys.get();
      } catch (ExecutionException e) {
        Throwable cause =
            e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        if (cause instanceof ReadFailure f) {
          throw f;
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException("the public keys could not be loaded", cause);
      }
    }

    private Map<String, PublicKeyInfo> loadPublicKeys() {
      List<PublicKeyInfo> list;
      try {
        list = keySource.publicKeys(start, end);
      } catch (ReadFailure e) {
        throw new CompletionException(e);
      } catch (IOException e) {
        throw new CompletionException(
            new ReadFailure("cloudtrail", "ListPublicKeys", "NetworkError", e.getMessage()));
      }
      if (list.isEmpty()) {
        throw new CompletionException(
            new ReadFailure(
                "cloudtrail",
                "ListPublicKeys",
                "NoPublicKeys",
                "No public keys found between "
                    + DisplayTime.format(start)
                    + " and "
                    + DisplayTime.format(end)));
      }
      Map<String, PublicKeyInfo> byFingerprint = new HashMap<>();
      list.forEach(k -> byFingerprint.put(k.fingerprint(), k));
      return byFingerprint;
    }

    /** The AWS CLI's {@code _get_last_digest(digests, before_key)}. */
    private Next nextBefore(List<String> keys, String before) {
      Instant limit = TrailLocation.keyTime(before).orElse(null);
      while (limit != null && !keys.isEmpty()) {
        String k = keys.remove(keys.size() - 1);
        Instant t = TrailLocation.keyTime(k).orElse(null);
        if (t != null && t.isBefore(limit)) {
          return new Next(k, t);
        }
      }
      return new Next(null, null);
    }

    private Outcome loadAndValidate(TrailLocation at, String key) {
      DigestFile d;
      try (ObjectStore.StoredObject o = store.open(at.bucket(), key)) {
        d = DigestFile.read(o.body(), o.metadata());
      } catch (ReadFailure e) {
        return e.isNoSuchKey()
            ? new Problem(Verdict.NOT_FOUND, "not found")
            : new Problem(Verdict.UNREADABLE, e.reason());
      } catch (DigestFile.FormatException e) {
        return new Problem(Verdict.INVALID, "invalid format");
      } catch (DigestFile.UnsignedException e) {
        return new Problem(Verdict.INVALID, "signature verification failed");
      } catch (IOException | RuntimeException e) {
        return new Problem(Verdict.UNREADABLE, "s3:GetObject failed while reading: " + e);
      }
      if (!at.bucket().equals(d.digestS3Bucket()) || !key.equals(d.digestS3Object())) {
        return new Problem(Verdict.INVALID, "has been moved from its original location");
      }
      Map<String, PublicKeyInfo> known;
      try {
        known = publicKeys.join();
      } catch (CancellationException | CompletionException e) {
        // never reported: the walk stops with the keys' ReadFailure before judging any digest
        return new Problem(Verdict.UNREADABLE, "the public keys could not be read");
      }
      String fingerprint = d.digestPublicKeyFingerprint();
      PublicKeyInfo info = known.get(fingerprint);
      if (info == null) {
        return new Problem(
            Verdict.INVALID,
            "public key not found in region "
                + at.homeRegion()
                + " for fingerprint "
                + fingerprint);
      }
      RSAPublicKey publicKey;
      try {
        publicKey = RsaKeys.parse(info.der());
      } catch (GeneralSecurityException e) {
        return new Problem(
            Verdict.INVALID, "Unable to load PKCS #1 key with fingerprint " + fingerprint);
      }
      if (!verify(publicKey, d)) {
        return new Problem(Verdict.INVALID, "signature verification failed");
      }
      try {
        return new Valid(d, d.startTime(), d.endTime());
      } catch (DateTimeParseException e) {
        return new Problem(Verdict.INVALID, e.getMessage());
      }
    }

    private boolean verify(RSAPublicKey key, DigestFile d) {
      try {
        byte[] signature = HexFormat.of().parseHex(d.signature());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(DigestFile.utf8(d.stringToSign()));
        return rsa.verify(signature);
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        return false;
      }
    }

    /** Queues a verdict; delivers the oldest ones while too many are in flight. */
    private void emit(Future<Object> f) throws InterruptedException {
      pending.add(f);
      while (pending.size() > 4 * concurrency) {
        deliver(pending.poll());
      }
    }

    private void deliver(Future<Object> f) throws InterruptedException {
      Object event;
      try {
        event = f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a log file check failed unexpectedly", e.getCause());
      }
      if (event instanceof Gap g) {
        gaps++;
        listener.onGap(g.from(), g.to());
        return;
      }
      ItemResult r = (ItemResult) event;
      if (r.kind() == Kind.DIGEST) {
        digests = digests.plus(r.verdict());
      } else {
        logs = logs.plus(r.verdict());
      }
      if (!r.isValid()) {
        if (problems.size() < maxProblems) {
          problems.add(r);
        } else {
          omitted++;
        }
      }
      listener.onItem(r);
    }

    private Future<Object> item(
        Kind kind, TrailLocation at, String key, Verdict verdict, String reason) {
      return CompletableFuture.completedFuture(
          new ItemResult(kind, at.bucket(), key, verdict, reason));
    }

    /** The AWS CLI's {@code _download_log}: streamed, hashed, compared. */
    private ItemResult checkLog(DigestFile.LogFile f) {
      String bucket = f.s3Bucket() == null ? "None" : f.s3Bucket();
      String key = f.s3Object() == null ? "None" : f.s3Object();
      if (f.s3Bucket() == null || f.s3Object() == null) {
        return new ItemResult(Kind.LOG, bucket, key, Verdict.INVALID, "invalid format");
      }
      try (ObjectStore.StoredObject o = store.open(bucket, key)) {
        GzipHash.Result h = GzipHash.of(o.body());
        if (f.hashValue() == null) {
          return new ItemResult(Kind.LOG, bucket, key, Verdict.INVALID, "invalid format");
        }
        if (!h.sha256Hex().equals(f.hashValue())) {
          return new ItemResult(Kind.LOG, bucket, key, Verdict.INVALID, "hash value doesn't match");
        }
        if (h.trailingData()) {
          return new ItemResult(
              Kind.LOG, bucket, key, Verdict.INVALID, "data after the end of the gzip stream");
        }
        return new ItemResult(Kind.LOG, bucket, key, Verdict.VALID, "");
      } catch (ReadFailure e) {
        return e.isNoSuchKey()
            ? new ItemResult(Kind.LOG, bucket, key, Verdict.NOT_FOUND, "not found")
            : new ItemResult(Kind.LOG, bucket, key, Verdict.UNREADABLE, e.reason());
      } catch (ZipException e) {
        return new ItemResult(Kind.LOG, bucket, key, Verdict.INVALID, "invalid format");
      } catch (IOException | RuntimeException e) {
        return new ItemResult(
            Kind.LOG, bucket, key, Verdict.UNREADABLE, "s3:GetObject failed while reading: " + e);
      }
    }
  }

  private sealed interface Outcome permits Valid, Problem {}

  private record Valid(DigestFile digest, Instant start, Instant end) implements Outcome {}

  private record Problem(Verdict verdict, String reason) implements Outcome {}

  private record Next(String key, Instant endTime) {}

  private record Gap(Instant from, Instant to) {}
}
