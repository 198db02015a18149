package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Makes a pair of client address and email back off for a while (README "Security"): the free
 * failures, then one more failure after each wait, which doubles it (1 s, 2 s, 4 s, …). A test
 * that checks something during the wait needs more than the first second, which a slow password
 * check on a busy machine can use up on its own.
 */
final class SignInBackoff {

  private static final int FREE_FAILURES = 3;

  private SignInBackoff() {}

  /** {@code wrong} makes one failed attempt (a wrong password) and answers it. */
  static void atLeast(Duration wait, Supplier<Http.Answer> wrong) {
    for (int i = 0; i < FREE_FAILURES; i++) {
      assertThat(wrong.get().status()).as("a free failure").isIn(400, 401);
    }
    for (long current = 1_000; current < wait.toMillis(); current *= 2) {
      try {
        Thread.sleep(current + 200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      assertThat(wrong.get().status()).as("a failure after a wait of " + current + " ms").isIn(400, 401);
    }
  }
}
