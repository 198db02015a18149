package io.provisio.tenants.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hashes and verifies administrator passwords with PBKDF2-HMAC-SHA256 (Jakarta Security) at
 * 600,000 iterations (OWASP's figure for this algorithm): about a fifth of a second of one core per
 * check. That is affordable because a check runs only after the sign-in throttle let the attempt
 * through and when no recent verification of the same credentials is cached ({@link SignIns}),
 * and because at most {@link #CONCURRENT_CHECKS} checks run at once on an instance: a flood of
 * sign-ins can never take more than half the processors away from SCIM traffic.
 *
 * <p>Hashes of older settings (60,000 iterations) still verify, and {@link #isOutdated} tells the
 * sign-in to store a new hash once the password is known to be right.
 */
@ApplicationScoped
public class Passwords {

  public static final int MIN_LENGTH = 12;
  static final int ITERATIONS = 600_000;
  static final int CONCURRENT_CHECKS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

  /** Thrown when no check could start in time: every permitted check is busy. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super("password checks are busy", null, false, false);
    }
  }

  @Inject Pbkdf2PasswordHash hash;
  private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS, true);
  private String dummyHash;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
            "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS),
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    dummyHash = hash.generate("not-a-password-of-anyone".toCharArray());
  }

  public String hash(String password) {
    return hash.generate(password.toCharArray());
  }

  /** Whether the password matches; waits at most a few seconds for a free check, else {@link Busy}. */
  public boolean verify(String password, String stored) {
    acquire();
    try {
      return hash.verify(password.toCharArray(), stored);
    } finally {
      checks.release();
    }
  }

  /** Spends the time of a real verification, so unknown accounts answer as slowly as known ones. */
  public void verifyNothing(String password) {
    verify(password, dummyHash);
  }

  /** True for a hash made with other settings than today's (fewer iterations, another algorithm). */
  public static boolean isOutdated(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split(":");
    return parts.length != 4 || !parts[0].equals(ALGORITHM) || !parts[1].equals(String.valueOf(ITERATIONS));
  }

  private void acquire() {
    try {
      if (!checks.tryAcquire(5, TimeUnit.SECONDS)) {
        throw new Busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Busy();
    }
  }

  /** Why a new password is refused, or null when it is acceptable. */
  public static String weakness(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "must be at least " + MIN_LENGTH + " characters long";
    }
    if (password.length() > 200) {
      return "must be at most 200 characters long";
    }
    return null;
  }
}
