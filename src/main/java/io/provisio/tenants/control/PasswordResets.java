package io.provisio.tenants.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.PasswordReset;
import io.provisio.tokens.control.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password resets (issue 16). A reset is a token ({@code prvr_} + 256 random bits) valid for
 * {@code provisio.password-reset.minutes} (60); only its SHA-256 is stored, it is never logged, and
 * it works once: redeeming it is a conditional update of its row, so of two concurrent uses
 * through any instances exactly one succeeds. A newer reset of the same account makes the older
 * unused ones invalid. Redeeming sets the password, ends every console session of the account, and
 * lifts its sign-in backoff (the owner proved to hold the mailbox or the link).
 *
 * <p>Asked for by email, a reset is made only for an existing, enabled account, and at most
 * {@link #MAX_PER_HOUR} an hour per account (a stranger cannot flood someone's mailbox); the caller
 * is never told which case applied. Issued by an administrator for someone else, it is handed to
 * that administrator (shown once) only where no mail session is configured.
 */
@Stateless
public class PasswordResets {

  public static final String PREFIX = "prvr_";
  static final int MAX_PER_HOUR = 3;

  /** A reset just made: the token in clear, to be mailed or shown exactly once. */
  public record Issued(String email, String token, Instant expiresAt) {}

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject ConsoleSessions sessions;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.password-reset.minutes", defaultValue = "60")
  int validMinutes;

  /** A reset for the enabled account with this email, unless there is none or it had enough. */
  public Optional<Issued> requestedByEmail(String email, String address) {
    if (email == null || email.isBlank() || email.length() > 320) {
      return Optional.empty();
    }
    var account = em.createNamedQuery(Administrator.BY_EMAIL, Administrator.class)
        .setParameter("email", Administrator.normalize(email))
        .setLockMode(LockModeType.PESSIMISTIC_WRITE) // serializes concurrent requests for the account
        .getResultStream()
        .findFirst()
        .filter(a -> !a.isDisabled());
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    long lastHour = em.createQuery(
            "SELECT COUNT(r) FROM PasswordReset r WHERE r.administratorId = :a AND r.createdAt > :since", Long.class)
        .setParameter("a", account.get().getId())
        .setParameter("since", now.minus(Duration.ofHours(1)))
        .getSingleResult();
    if (lastHour >= MAX_PER_HOUR) {
      SecurityEvents.logChange("PASSWORD_RESET_REQUEST_IGNORED", account.get().getEmail(), "(by email)", address);
      return Optional.empty();
    }
    var issued = issue(account.get(), null, now);
    audit.record(account.get().getTenantId(), account.get().getEmail(), "PASSWORD_RESET_REQUESTED",
        account.get().getEmail(), null, "{\"address\":\"" + SecurityEvents.clean(address) + "\"}");
    SecurityEvents.logChange("PASSWORD_RESET_REQUESTED", account.get().getEmail(), "(by email)", address);
    return Optional.of(issued);
  }

  /**
   * A reset that an administrator issues for another administrator, whom the caller has already
   * found allowed to manage ({@link Administrators}); the audit entry names the issuer.
   */
  public Issued issueFor(Administrator target, AdminIdentity issuer, String delivery) {
    if (target.getId().equals(issuer.id())) {
      throw ApiException.invalid(null,
          "To change your own password, use “Change my password” (PUT /api/v1/me/password).");
    }
    if (target.isDisabled()) {
      throw ApiException.conflict(target.getEmail() + " is disabled: enable it first.", null);
    }
    var issued = issue(target, issuer.email(), clock.instant());
    audit.record(target.getTenantId(), issuer.email(), "PASSWORD_RESET_ISSUED", target.getEmail(), null,
        "{\"delivery\":\"" + delivery + "\",\"expiresAt\":\"" + issued.expiresAt() + "\"}");
    SecurityEvents.logChange("PASSWORD_RESET_ISSUED", target.getEmail(), issuer.email(), null);
    return issued;
  }

  private Issued issue(Administrator account, String issuedBy, Instant now) {
    // only the newest link of an account works
    em.createQuery("UPDATE PasswordReset r SET r.expiresAt = :now WHERE r.administratorId = :a"
            + " AND r.usedAt IS NULL AND r.expiresAt > :now")
        .setParameter("now", now)
        .setParameter("a", account.getId())
        .executeUpdate();
    String token = Secrets.newToken(PREFIX);
    Instant expires = now.plus(Duration.ofMinutes(validMinutes));
    em.persist(new PasswordReset(account.getId(), Secrets.sha256(token), now, expires, issuedBy));
    return new Issued(account.getEmail(), token, expires);
  }

  /**
   * Sets a new password with a reset token, once. Answers the account's email. A weak password is
   * refused before the token is spent; an unknown, used or expired token gets one answer.
   */
  public String redeem(String token, String newPassword, String address) {
    String weakness = Passwords.weakness(newPassword);
    if (weakness != null) {
      throw ApiException.invalid("newPassword", "newPassword " + weakness);
    }
    Instant now = clock.instant();
    var invalid = ApiException.invalid("token",
        "This reset link is not valid: it was used already, a newer one was sent, or it expired"
            + " (links are valid for " + validMinutes + " minutes). Ask for a new one.");
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      throw invalid;
    }
    var reset = em.createQuery("SELECT r FROM PasswordReset r WHERE r.tokenHash = :h", PasswordReset.class)
        .setParameter("h", Secrets.sha256(token))
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> invalid);
    int claimed = em.createQuery("UPDATE PasswordReset r SET r.usedAt = :now WHERE r.id = :id"
            + " AND r.usedAt IS NULL AND r.expiresAt > :now")
        .setParameter("now", now)
        .setParameter("id", reset.getId())
        .executeUpdate();
    if (claimed != 1) {
      throw invalid;
    }
    Administrator account = em.find(Administrator.class, reset.getAdministratorId(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null || account.isDisabled()) {
      throw invalid; // rolls the claim back; nothing changes
    }
    account.changePassword(passwords.hash(newPassword));
    account.unlock(now);
    sessions.closeAllOf(account.getId(), null);
    em.createQuery("UPDATE PasswordReset r SET r.expiresAt = :now WHERE r.administratorId = :a"
            + " AND r.usedAt IS NULL AND r.expiresAt > :now")
        .setParameter("now", now)
        .setParameter("a", account.getId())
        .executeUpdate();
    audit.record(account.getTenantId(), account.getEmail(), "PASSWORD_RESET", account.getEmail(), null,
        "{\"address\":\"" + SecurityEvents.clean(address) + "\",\"issuedBy\":\""
            + SecurityEvents.clean(reset.getIssuedBy() == null ? "(email)" : reset.getIssuedBy()) + "\"}");
    SecurityEvents.logChange("PASSWORD_RESET", account.getEmail(), account.getEmail(), address);
    return account.getEmail();
  }
}
