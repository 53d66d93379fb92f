package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void twoASecondOneAtATime() {
    RateLimiter limiter = new RateLimiter(2, 1, ticker);

    assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.waited()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ticker.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void timeThatPassedBetweenCallsIsNotWaitedAgain() {
    RateLimiter limiter = new RateLimiter(2, 1, ticker);
    limiter.acquire();

    ticker.advance(Duration.ofMillis(300));

    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(200));
    ticker.advance(Duration.ofSeconds(10));
    // Idle time fills the bucket only up to its capacity: one call free, the next waits.
    assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aBurstUpToTheCapacityDoesNotWait() {
    RateLimiter limiter = new RateLimiter(2, 2, ticker);

    assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiter.acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void perAccountAndRegionLimitersAreIndependent() {
    RateLimiters limiters = new RateLimiters(ticker);

    limiters.of("111111111111", "us-east-1").acquire();
    assertThat(limiters.of("111111111111", "eu-west-1").acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiters.of("222222222222", "us-east-1").acquire()).isEqualTo(Duration.ZERO);
    assertThat(limiters.of("111111111111", "us-east-1").acquire())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(limiters.waited()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aRateOfZeroIsABug() {
    assertThatThrownBy(() -> new RateLimiter(0, 1, ticker))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
