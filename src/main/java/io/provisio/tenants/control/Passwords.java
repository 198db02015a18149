package io.provisio.tenants.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes and verifies administrator passwords and client secrets with PBKDF2-HMAC-SHA256 (Jakarta
 * Security). 60,000 iterations: slow enough to make offline guessing costly, fast enough (a few
 * milliseconds) for HTTP Basic on every admin API call.
 */
@ApplicationScoped
public class Passwords {

  public static final int MIN_LENGTH = 12;

  @Inject Pbkdf2PasswordHash hash;
  private String dummyHash;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "60000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    dummyHash = hash.generate("not-a-password-of-anyone".toCharArray());
  }

  public String hash(String password) {
    return hash.generate(password.toCharArray());
  }

  public boolean verify(String password, String stored) {
    return hash.verify(password.toCharArray(), stored);
  }

  /** Spends the time of a real verification, so unknown accounts answer as slowly as known ones. */
  public void verifyNothing(String password) {
    hash.verify(password.toCharArray(), dummyHash);
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
