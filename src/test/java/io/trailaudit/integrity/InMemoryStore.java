package io.trailaudit.integrity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** An {@link ObjectStore} in memory, with S3's ordering and paging, for tests and benchmarks. */
public final class InMemoryStore implements ObjectStore {
  private final Map<String, NavigableMap<String, Entry>> buckets = new ConcurrentHashMap<>();
  private final Map<String, ReadFailure> failures = new ConcurrentHashMap<>();
  private final int pageSize;
  public final AtomicInteger opens = new AtomicInteger();
  public final AtomicInteger lists = new AtomicInteger();

  private record Entry(Supplier<InputStream> body, Map<String, String> metadata) {}

  public InMemoryStore(int pageSize) {
    this.pageSize = pageSize;
  }

  public InMemoryStore() {
    this(1000);
  }

  public synchronized void put(String bucket, String key, byte[] body, Map<String, String> meta) {
    put(bucket, key, () -> new ByteArrayInputStream(body), meta);
  }

  /** An object whose body is produced on each read (a generated stream, never held). */
  public synchronized void put(
      String bucket, String key, Supplier<InputStream> body, Map<String, String> meta) {
    buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(key, new Entry(body, meta));
  }

  public synchronized void delete(String bucket, String key) {
    buckets.get(bucket).remove(key);
  }

  /** Reads of {@code key} fail with {@code failure} (AccessDenied …). */
  public void fail(String bucket, String key, ReadFailure failure) {
    failures.put(bucket + "/" + key, failure);
  }

  public synchronized byte[] bytes(String bucket, String key) throws IOException {
    try (InputStream in = buckets.get(bucket).get(key).body().get()) {
      return in.readAllBytes();
    }
  }

  public synchronized Map<String, String> metadata(String bucket, String key) {
    return buckets.get(bucket).get(key).metadata();
  }

  public synchronized List<String> keys(String bucket) {
    return new ArrayList<>(buckets.getOrDefault(bucket, new TreeMap<>()).keySet());
  }

  @Override
  public synchronized Page list(
      String bucket, String prefix, String startAfter, String continuationToken) {
    lists.incrementAndGet();
    NavigableMap<String, Entry> all = buckets.getOrDefault(bucket, new TreeMap<>());
    String after = continuationToken != null ? continuationToken : startAfter;
    NavigableMap<String, Entry> tail = after == null ? all : all.tailMap(after, false);
    List<String> keys = new ArrayList<>();
    for (String k : tail.keySet()) {
      if (!k.startsWith(prefix)) {
        if (k.compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      if (keys.size() == pageSize) {
        return new Page(keys, keys.get(keys.size() - 1));
      }
      keys.add(k);
    }
    return new Page(keys, null);
  }

  @Override
  public StoredObject open(String bucket, String key) throws IOException {
    opens.incrementAndGet();
    ReadFailure f = failures.get(bucket + "/" + key);
    if (f != null) {
      throw f;
    }
    Entry e;
    synchronized (this) {
      NavigableMap<String, Entry> b = buckets.get(bucket);
      e = b == null ? null : b.get(key);
    }
    if (e == null) {
      throw new ReadFailure(
          "s3", "GetObject", ReadFailure.NO_SUCH_KEY, "The specified key does not exist.");
    }
    return new StoredObject(e.body().get(), e.metadata());
  }
}
