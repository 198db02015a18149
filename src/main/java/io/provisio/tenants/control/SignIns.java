package io.provisio.tenants.control;

import io.provisio.tenants.entity.Administrator;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks an administrator's password and applies the lockout rule: after {@code
 * provisio.login.max-failures} consecutive wrong passwords the account is locked for {@code
 * provisio.login.lock-minutes}, during which even the right password is refused.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SignIns {

  /** The outcome of one attempt: the identity, or why it was refused. */
  public record Outcome(AdminIdentity identity, String refusal) {}

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.login.max-failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "provisio.login.lock-minutes", defaultValue = "15")
  int lockMinutes;

  public Outcome attempt(String email, String password) {
    Optional<Administrator> found =
        em.createNamedQuery(Administrator.BY_EMAIL, Administrator.class)
            .setParameter("email", Administrator.normalize(email))
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      passwords.verifyNothing(password); // same cost as a real check: no account probing by timing
      return refused();
    }
    Administrator admin = found.get();
    var now = clock.instant();
    if (admin.isLocked(now)) {
      return new Outcome(
          null,
          "This account is locked after repeated failed sign-ins; try again after "
              + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                  .withZone(ZoneOffset.UTC)
                  .format(admin.getLockedUntil())
              + ".");
    }
    if (!passwords.verify(password, admin.getPasswordHash())) {
      admin.failedLogin(maxFailures, now.plus(Duration.ofMinutes(lockMinutes)));
      return refused();
    }
    if (admin.getFailedLogins() > 0 || admin.getLockedUntil() != null) {
      admin.successfulLogin();
    }
    return new Outcome(
        new AdminIdentity(admin.getId(), admin.getEmail(), admin.getTenantId(), admin.getRole()),
        null);
  }

  private static Outcome refused() {
    return new Outcome(
        null,
        "Wrong email or password. After repeated failures the account is locked for a while.");
  }
}
