package io.trailaudit.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link RateLimiter.Ticker} whose time moves only when someone sleeps or the test says so. */
final class FakeTicker implements RateLimiter.Ticker {
  private long now;
  final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanos() {
    return now;
  }

  @Override
  public synchronized void sleep(long nanos) {
    sleeps.add(Duration.ofNanos(nanos));
    now += nanos;
  }

  synchronized void advance(Duration d) {
    now += d.toNanos();
  }
}
