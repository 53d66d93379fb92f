package io.trailaudit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.integrity.ItemResult.Kind;
import io.trailaudit.integrity.ItemResult.Verdict;
import io.trailaudit.integrity.TestTrail.DigestRef;
import io.trailaudit.integrity.TestTrail.Encoding;
import io.trailaudit.integrity.TestTrail.LogRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {
  static final Instant START = Instant.parse("2026-11-19T00:00:00Z");

  final InMemoryStore store = new InMemoryStore(2);
  final TestTrail trail = new TestTrail(store);

  static Instant at(int minutes) {
    return START.plusSeconds(minutes * 60L);
  }

  ValidationSummary validate(Instant end, int concurrency, List<ItemResult> items)
      throws Exception {
    return new ChainValidator(store, TestTrail.publicKeys(Encoding.X509), concurrency, 100)
        .validate(
            trail.arn,
            trail.location(),
            START,
            end,
            new ValidationListener() {
              @Override
              public void onItem(ItemResult item) {
                items.add(item);
              }
            });
  }

  @Test
  void theWindowFollowsTheAwsCli() throws Exception {
    DigestRef before = trail.digest(at(-30)); // ends 23:30, before the window
    DigestRef first = trail.digest(at(30)); // starts 23:30, ends in the window
    trail.digest(at(90));
    trail.digest(at(150));
    trail.digest(at(150 + 60 * 3)); // ends after end + 1 h: not listed
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s = validate(at(120), 1, items);

    assertThat(items)
        .extracting(ItemResult::key)
        .containsExactly(
            trail.digestKey(at(150), false), trail.digestKey(at(90), false), first.key());
    assertThat(items).allMatch(ItemResult::isValid);
    assertThat(s.digests()).isEqualTo(new FileCounts(3, 0, 0, 0));
    // the CLI reports the start of the oldest digest that starts after the requested start
    assertThat(s.foundStart()).isEqualTo(at(30));
    assertThat(s.foundEnd()).isEqualTo(at(120));
    assertThat(store.keys("trail-bucket")).contains(before.key());
    assertThat(store.opens.get()).isEqualTo(3);
  }

  @Test
  void digestsAreFetchedAheadAndStillJudgedInChainOrder() throws Exception {
    List<String> newestFirst = new ArrayList<>();
    int hours = ChainValidator.DIGESTS_AHEAD + 4; // more than one window
    List<String> logs = new ArrayList<>();
    for (int h = 1; h <= hours; h++) {
      LogRef log = trail.log(at(60 * h - 10));
      logs.add(log.key());
      newestFirst.add(0, trail.digest(at(60 * h), log).key());
    }
    String oldestDigest = newestFirst.get(hours - 1);
    // The fourth hour's log file is fetched once the walk has judged the fourth digest; by then,
    // reading ahead, it has asked for the first. Walking one digest at a time, it would not have.
    java.util.concurrent.CountDownLatch oldestAsked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean askedAhead =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.Set<String> fetchers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger open =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most =
        new java.util.concurrent.atomic.AtomicInteger();
    ObjectStore slow =
        new ObjectStore() {
          @Override
          public Page list(String bucket, String prefix, String startAfter, String token)
              throws java.io.IOException {
            return store.list(bucket, prefix, startAfter, token);
          }

          @Override
          public StoredObject open(String bucket, String key) throws java.io.IOException {
            if (key.equals(logs.get(3))) {
              try {
                askedAhead.set(oldestAsked.await(10, java.util.concurrent.TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (!key.contains("CloudTrail-Digest")) {
              return store.open(bucket, key);
            }
            if (key.equals(oldestDigest)) {
              oldestAsked.countDown();
            }
            fetchers.add(Thread.currentThread().getName().replaceAll("[0-9]+$", ""));
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
              Thread.sleep(100); // one slow round trip per digest
              return store.open(bucket, key);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.io.InterruptedIOException();
            } finally {
              open.decrementAndGet();
            }
          }
        };
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s =
        new ChainValidator(slow, TestTrail.publicKeys(Encoding.X509), 1, 100)
            .validate(
                trail.arn,
                trail.location(),
                START,
                at(60 * hours),
                new ValidationListener() {
                  @Override
                  public void onItem(ItemResult item) {
                    items.add(item);
                  }
                });

    // digests were requested several at once, never by the walk itself, one after another
    assertThat(most.get()).isGreaterThan(1);
    assertThat(fetchers).containsExactly("validate-digests-");
    assertThat(askedAhead).isTrue();
    assertThat(items)
        .filteredOn(i -> i.kind() == Kind.DIGEST)
        .extracting(ItemResult::key)
        .containsExactlyElementsOf(newestFirst);
    assertThat(s.digests()).isEqualTo(new FileCounts(hours, 0, 0, 0));
    assertThat(s.logFiles()).isEqualTo(new FileCounts(hours, 0, 0, 0));
    assertThat(store.opens.get()).isEqualTo(2 * hours); // each digest and log read once
  }

  /** {@code store}, with each digest's read held back {@code delayMs.apply(key)} first. */
  ObjectStore delayingDigests(java.util.function.ToLongFunction<String> delayMs) {
    return new ObjectStore() {
      @Override
      public Page list(String bucket, String prefix, String startAfter, String token)
          throws java.io.IOException {
        return store.list(bucket, prefix, startAfter, token);
      }

      @Override
      public StoredObject open(String bucket, String key) throws java.io.IOException {
        if (key.contains("CloudTrail-Digest")) {
          try {
            Thread.sleep(delayMs.applyAsLong(key));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
          }
        }
        return store.open(bucket, key);
      }
    };
  }

  @Test
  void digestsArrivingOutOfOrderAreStillJudgedInChainOrderAndAMissingOneIsReported()
      throws Exception {
    int hours = ChainValidator.DIGESTS_AHEAD + 3;
    List<String> newestFirst = new ArrayList<>();
    for (int h = 1; h <= hours; h++) {
      newestFirst.add(0, trail.digest(at(60 * h), trail.log(at(60 * h - 10))).key());
    }
    String missing = newestFirst.get(3);
    store.delete("trail-bucket", missing);
    String corrupt = newestFirst.get(6);
    store.put("trail-bucket", corrupt, "{}".getBytes(), store.metadata("trail-bucket", corrupt));
    // the newest digests take longest: among those read ahead, older ones arrive first
    ObjectStore reordering = delayingDigests(k -> 15L * (hours - newestFirst.indexOf(k)));
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s =
        new ChainValidator(reordering, TestTrail.publicKeys(Encoding.X509), 4, 100)
            .validate(
                trail.arn,
                trail.location(),
                START,
                at(60 * hours),
                new ValidationListener() {
                  @Override
                  public void onItem(ItemResult item) {
                    items.add(item);
                  }
                });

    List<Verdict> expected = new ArrayList<>();
    for (String k : newestFirst) {
      expected.add(
          k.equals(missing)
              ? Verdict.NOT_FOUND
              : k.equals(corrupt) ? Verdict.INVALID : Verdict.VALID);
    }
    assertThat(items)
        .filteredOn(i -> i.kind() == Kind.DIGEST)
        .extracting(ItemResult::key, ItemResult::verdict)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, hours)
                .mapToObj(
                    i -> org.assertj.core.groups.Tuple.tuple(newestFirst.get(i), expected.get(i)))
                .toList());
    // each valid digest's log file follows it, before the next digest
    for (int i = 0; i + 1 < items.size(); i++) {
      if (items.get(i).kind() == Kind.LOG) {
        assertThat(items.get(i - 1).kind()).isEqualTo(Kind.DIGEST);
        assertThat(items.get(i - 1).isValid()).isTrue();
      }
    }
    assertThat(s.digests()).isEqualTo(new FileCounts(hours - 2, 1, 1, 0));
    assertThat(s.logFiles()).isEqualTo(new FileCounts(hours - 2, 0, 0, 0));
  }

  @Test
  void publicKeysAreReadWhileTheDigestsAreListedAndFetched() throws Exception {
    for (int h = 1; h <= 3; h++) {
      trail.digest(at(60 * h), trail.log(at(60 * h - 10)));
    }
    String newest = trail.digestKey(at(180), false);
    java.util.concurrent.CountDownLatch keysAsked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch newestAsked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean listedWhileKeysRead =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean fetchedWhileKeysRead =
        new java.util.concurrent.atomic.AtomicBoolean();
    PublicKeySource keys = TestTrail.publicKeys(Encoding.X509);
    PublicKeySource slowKeys =
        (from, to) -> {
          keysAsked.countDown();
          try {
            // a round trip that lasts until the newest digest has been asked for
            fetchedWhileKeysRead.set(newestAsked.await(10, java.util.concurrent.TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return keys.publicKeys(from, to);
        };
    ObjectStore watching =
        new ObjectStore() {
          @Override
          public Page list(String bucket, String prefix, String startAfter, String token)
              throws java.io.IOException {
            try {
              listedWhileKeysRead.set(keysAsked.await(10, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return store.list(bucket, prefix, startAfter, token);
          }

          @Override
          public StoredObject open(String bucket, String key) throws java.io.IOException {
            if (key.equals(newest)) {
              newestAsked.countDown();
            }
            return store.open(bucket, key);
          }
        };
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s =
        new ChainValidator(watching, slowKeys, 2, 100)
            .validate(
                trail.arn,
                trail.location(),
                START,
                at(180),
                new ValidationListener() {
                  @Override
                  public void onItem(ItemResult item) {
                    items.add(item);
                  }
                });

    assertThat(listedWhileKeysRead).isTrue();
    assertThat(fetchedWhileKeysRead).isTrue();
    assertThat(items)
        .filteredOn(i -> i.kind() == Kind.DIGEST)
        .extracting(ItemResult::key)
        .containsExactly(newest, trail.digestKey(at(120), false), trail.digestKey(at(60), false));
    assertThat(s.digests()).isEqualTo(new FileCounts(3, 0, 0, 0));
    assertThat(s.logFiles()).isEqualTo(new FileCounts(3, 0, 0, 0));
  }

  @Test
  void whenThePublicKeysCannotBeReadNothingIsJudgedAndTheFailureIsRaised() throws Exception {
    for (int h = 1; h <= 3; h++) {
      trail.digest(at(60 * h), trail.log(at(60 * h - 10)));
    }
    ReadFailure denied =
        new ReadFailure("cloudtrail", "ListPublicKeys", "AccessDeniedException", "denied");
    PublicKeySource failing =
        (from, to) -> {
          try {
            Thread.sleep(100); // the digests are being fetched ahead meanwhile
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw denied;
        };
    List<ItemResult> items = new ArrayList<>();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ChainValidator(store, failing, 2, 100)
                    .validate(
                        trail.arn,
                        trail.location(),
                        START,
                        at(180),
                        new ValidationListener() {
                          @Override
                          public void onItem(ItemResult item) {
                            items.add(item);
                          }
                        }))
        .isSameAs(denied);
    assertThat(items).isEmpty();
  }

  @Test
  void whenTheListingFailsItsFailureIsRaisedEvenIfTheKeysFailToo() throws Exception {
    ReadFailure listingDenied =
        new ReadFailure("s3", "ListObjectsV2", "AccessDenied", "no listing");
    ObjectStore unlistable =
        new ObjectStore() {
          @Override
          public Page list(String bucket, String prefix, String startAfter, String token)
              throws java.io.IOException {
            throw listingDenied;
          }

          @Override
          public StoredObject open(String bucket, String key) throws java.io.IOException {
            return store.open(bucket, key);
          }
        };
    PublicKeySource failing =
        (from, to) -> {
          throw new ReadFailure("cloudtrail", "ListPublicKeys", "AccessDeniedException", "no");
        };

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ChainValidator(unlistable, failing, 2, 100)
                    .validate(trail.arn, trail.location(), START, at(180), ValidationListener.NONE))
        .isSameAs(listingDenied);
  }

  @Test
  void listingPagesThroughTheBucket() throws Exception {
    for (int h = 1; h <= 6; h++) {
      trail.digest(at(60 * h), trail.log(at(60 * h - 10)));
    }
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s = validate(at(360), 2, items);

    assertThat(s.digests().valid()).isEqualTo(6);
    assertThat(s.logFiles().valid()).isEqualTo(6);
    // six digest keys, two per page; log files are under another prefix
    assertThat(store.lists.get()).isEqualTo(3);
  }

  @Test
  void concurrencyDoesNotChangeTheVerdictsOrTheirOrder() throws Exception {
    for (int h = 1; h <= 3; h++) {
      List<LogRef> logs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        logs.add(trail.log(at(60 * h - 50 + i)));
      }
      store.delete("trail-bucket", logs.get(7 * h).key());
      trail.digest(at(60 * h), logs.toArray(LogRef[]::new));
    }
    List<ItemResult> one = new ArrayList<>();
    List<ItemResult> eight = new ArrayList<>();

    ValidationSummary s1 = validate(at(180), 1, one);
    ValidationSummary s8 = validate(at(180), 8, eight);

    assertThat(eight).isEqualTo(one);
    assertThat(s8).isEqualTo(s1);
    assertThat(s8.logFiles()).isEqualTo(new FileCounts(87, 0, 3, 0));
    assertThat(s8.problems())
        .extracting(ItemResult::verdict)
        .containsExactly(Verdict.NOT_FOUND, Verdict.NOT_FOUND, Verdict.NOT_FOUND);
  }

  @Test
  void aChainCrossesToThePreviousBucket() throws Exception {
    TestTrail old = new TestTrail(store, "old-bucket", null, null);
    DigestRef last = old.digest(at(60), old.log(at(50)));
    trail.continueFrom(last);
    trail.digest(at(120), trail.log(at(110)));
    List<ItemResult> items = new ArrayList<>();

    ValidationSummary s = validate(at(120), 2, items);

    assertThat(items)
        .extracting(ItemResult::bucket, ItemResult::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("trail-bucket", Kind.DIGEST),
            org.assertj.core.groups.Tuple.tuple("trail-bucket", Kind.LOG),
            org.assertj.core.groups.Tuple.tuple("old-bucket", Kind.DIGEST),
            org.assertj.core.groups.Tuple.tuple("old-bucket", Kind.LOG));
    assertThat(s.allValid()).isTrue();
  }

  @Test
  void aDigestThatIsNotGzipIsInvalidFormat() throws Exception {
    trail.digest(at(60));
    DigestRef d = trail.digest(at(120));
    store.put("trail-bucket", d.key(), "{}".getBytes(), store.metadata("trail-bucket", d.key()));
    List<ItemResult> items = new ArrayList<>();

    validate(at(120), 1, items);

    assertThat(items.get(0))
        .isEqualTo(
            new ItemResult(
                Kind.DIGEST, "trail-bucket", d.key(), Verdict.INVALID, "invalid format"));
    assertThat(items.get(1).isValid()).isTrue();
  }

  @Test
  void theSummaryKeepsTheFirstProblemsAndCountsTheRest() throws Exception {
    List<LogRef> logs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      logs.add(trail.log(at(10 + i)));
      store.delete("trail-bucket", logs.get(i).key());
    }
    trail.digest(at(60), logs.toArray(LogRef[]::new));

    ValidationSummary s =
        new ChainValidator(store, TestTrail.publicKeys(Encoding.PKCS1), 2, 2)
            .validate(trail.arn, trail.location(), START, at(60), ValidationListener.NONE);

    assertThat(s.problems())
        .extracting(ItemResult::key)
        .containsExactly(logs.get(0).key(), logs.get(1).key());
    assertThat(s.problemsOmitted()).isEqualTo(3);
    assertThat(s.logFiles()).isEqualTo(new FileCounts(0, 0, 5, 0));
  }

  @Test
  void aLargeGeneratedLogFileValidatesThroughTheWholePath() throws Exception {
    long size = 64L * 1024 * 1024;
    String key = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/19/large.json.gz";
    GeneratedGzip probe = new GeneratedGzip(size);
    probe.transferTo(java.io.OutputStream.nullOutputStream());
    store.put("trail-bucket", key, () -> new GeneratedGzip(size), Map.of());
    trail.digest(at(60), new LogRef("trail-bucket", key, probe.sha256Hex()));

    ValidationSummary s =
        new ChainValidator(store, TestTrail.publicKeys(Encoding.PKCS1), 2, 10)
            .validate(trail.arn, trail.location(), START, at(60), ValidationListener.NONE);

    assertThat(s.logFiles()).isEqualTo(new FileCounts(1, 0, 0, 0));
  }
}
