package io.provisio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void offWhenNotConfigured() {
    assertThat(RateLimits.Limiter.of(0, 2)).isNull();
  }

  @Test
  void aBurstThenTheSustainedRateThenTheWaitUntilTheNextRequest() {
    var limiter = RateLimits.Limiter.of(10, 2); // 10 per second, bursts of 20
    long start = 0;
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.acquire("token", start)).as("request %d of the burst", i).isZero();
    }
    long wait = limiter.acquire("token", start);
    assertThat(wait).isEqualTo(SECOND / 10);
    assertThat(limiter.acquire("other token", start)).as("each key has its own bucket").isZero();
    assertThat(limiter.acquire("token", start + SECOND / 10)).isZero();
    assertThat(limiter.acquire("token", start + SECOND / 10)).isPositive();
    // a full second later ten more, not twenty
    long later = start + SECOND / 10 + SECOND;
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire("token", later)).isZero();
    }
    assertThat(limiter.acquire("token", later)).isPositive();
  }

  @Test
  void aSlowRateStillAllowsOneRequest() {
    var limiter = RateLimits.Limiter.of(0.1, 2); // one request per 10 s
    assertThat(limiter.acquire("ip", 0)).isZero();
    assertThat(limiter.acquire("ip", 0)).isEqualTo(10 * SECOND);
  }
}
