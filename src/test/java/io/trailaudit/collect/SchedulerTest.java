package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  /** Counts tasks running at once, overall and in each lane, until released. */
  static final class Gauge {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    void enter() {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    void leave() {
      running.decrementAndGet();
    }
  }

  @Test
  void noLaneRunsMoreThanItsLimitAndThePoolNoMoreThanItsSize() throws Exception {
    Gauge total = new Gauge();
    List<Gauge> lanes = List.of(new Gauge(), new Gauge(), new Gauge());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(5);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    try (Scheduler scheduler = new Scheduler(5, 2)) {
      for (int lane = 0; lane < lanes.size(); lane++) {
        Gauge g = lanes.get(lane);
        Executor executor = scheduler.lane("111111111111", "us-east-1", "s3-" + lane);
        for (int i = 0; i < 6; i++) {
          tasks.add(
              CompletableFuture.runAsync(
                  () -> {
                    total.enter();
                    g.enter();
                    started.countDown();
                    try {
                      release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } finally {
                      g.leave();
                      total.leave();
                    }
                  },
                  executor));
        }
      }
      // Five threads, two per lane: five tasks start (two, two and one), no more.
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(total.running.get()).isEqualTo(5);
      release.countDown();
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
    assertThat(total.most.get()).isEqualTo(5);
    // Once released the tasks end at once, so a lane that started one may never have run two.
    assertThat(lanes).allSatisfy(g -> assertThat(g.most.get()).isBetween(1, 2));
    assertThat(lanes.stream().filter(g -> g.most.get() == 2).count()).isGreaterThanOrEqualTo(2);
    assertThat(tasks).allMatch(t -> t.isDone() && !t.isCompletedExceptionally());
  }

  @Test
  void aTaskWaitingForItsLaneHoldsNoThreadAndRunsInOrder() throws Exception {
    List<Integer> order = new ArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (Scheduler scheduler = new Scheduler(2, 1)) {
      Executor busy = scheduler.lane("a", "us-east-1", "kms");
      List<CompletableFuture<Void>> queued = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        queued.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  synchronized (order) {
                    order.add(n);
                  }
                },
                busy));
      }
      // Three tasks wait for the busy lane, yet another lane still gets the pool's second thread.
      CompletableFuture<String> other =
          CompletableFuture.supplyAsync(() -> "ran", scheduler.lane("b", "us-east-1", "kms"));
      assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
      release.countDown();
      CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
    assertThat(order).containsExactly(0, 1, 2, 3);
  }
}
