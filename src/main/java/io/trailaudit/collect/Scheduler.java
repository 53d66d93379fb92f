package io.trailaudit.collect;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the collector's reads run: a pool of {@code total} threads (each read is a blocking SDK
 * call, so the pool size is the number of calls in flight), and at most {@code perLane} of them at
 * once in one lane, an (account, region, service) triple, because AWS rate-limits each API per
 * account and region. A read waiting for its lane holds no thread.
 */
final class Scheduler implements AutoCloseable {
  private final ExecutorService pool;
  private final int perLane;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  Scheduler(int total, int perLane) {
    if (total < 1 || perLane < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.pool = Executors.newFixedThreadPool(total, threads());
    this.perLane = perLane;
  }

  /** The executor of one lane; {@code account} names the credentials that call. */
  Executor lane(String account, String region, String service) {
    return lanes.computeIfAbsent(account + "|" + region + "|" + service, k -> new Lane());
  }

  /** Runs a task that makes no call (a continuation's bookkeeping) on the pool, in no lane. */
  Executor pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "trailaudit-collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Hands at most {@code perLane} tasks at a time to the pool; the others wait in order. */
  private final class Lane implements Executor {
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (running >= perLane) {
          waiting.add(task);
          return;
        }
        running++;
      }
      pool.execute(() -> run(task));
    }

    private void run(Runnable task) {
      Runnable next = task;
      while (next != null) {
        try {
          next.run();
        } finally {
          synchronized (this) {
            next = waiting.poll();
            if (next == null) {
              running--;
            }
          }
        }
      }
    }
  }
}
