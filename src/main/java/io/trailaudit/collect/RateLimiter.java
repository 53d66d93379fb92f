package io.trailaudit.collect;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket: at most {@code capacity} calls at once, refilled at {@code perSecond} tokens a
 * second. {@link #acquire} blocks until a token is free and says how long it waited.
 *
 * <p>Time comes from a {@link Ticker} so that a test drives it with a fake clock.
 */
public final class RateLimiter {
  private final Ticker ticker;
  private final double capacity;
  private final long nanosPerToken;
  private final AtomicLong waitedNanos = new AtomicLong();
  private double tokens;
  private long refilledAt;

  /**
   * @param perSecond tokens added a second
   * @param capacity the most tokens held: the largest burst
   */
  public RateLimiter(double perSecond, int capacity, Ticker ticker) {
    if (perSecond <= 0 || capacity < 1) {
      throw new IllegalArgumentException("perSecond must be positive and capacity at least 1");
    }
    this.ticker = ticker;
    this.capacity = capacity;
    this.nanosPerToken = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.tokens = capacity;
    this.refilledAt = ticker.nanos();
  }

  /** Takes a token, waiting for one if none is free; returns the time waited. */
  public Duration acquire() {
    long waited = 0;
    while (true) {
      long wait;
      synchronized (this) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          waitedNanos.addAndGet(waited);
          return Duration.ofNanos(waited);
        }
        wait = (long) Math.ceil((1 - tokens) * nanosPerToken);
      }
      try {
        ticker.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the rate limit", e);
      }
      waited += wait;
    }
  }

  /** The time all {@link #acquire} calls have waited so far. */
  public Duration waited() {
    return Duration.ofNanos(waitedNanos.get());
  }

  private void refill() {
    long now = ticker.nanos();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + (double) elapsed / nanosPerToken);
      refilledAt = now;
    }
  }

  /** A monotonic clock that can sleep. */
  public interface Ticker {
    long nanos();

    void sleep(long nanos) throws InterruptedException;

    /** The system's: {@link System#nanoTime()} and {@link TimeUnit#sleep}. */
    Ticker SYSTEM =
        new Ticker() {
          @Override
          public long nanos() {
            return System.nanoTime();
          }

          @Override
          public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
          }
        };
  }
}
