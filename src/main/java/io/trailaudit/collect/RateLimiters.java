package io.trailaudit.collect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@code LookupEvents} {@link RateLimiter} per (account, region), made on first use. */
public final class RateLimiters {
  private final RateLimiter.Ticker ticker;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  public RateLimiters(RateLimiter.Ticker ticker) {
    this.ticker = ticker;
  }

  /** The limiter of {@code account} in {@code region}. */
  public RateLimiter of(String account, String region) {
    return limiters.computeIfAbsent(
        account + "/" + region, k -> EventHistoryReader.limiter(ticker));
  }

  /** The time every limiter has made its callers wait, summed. */
  public Duration waited() {
    return limiters.values().stream()
        .map(RateLimiter::waited)
        .reduce(Duration.ZERO, Duration::plus);
  }
}
