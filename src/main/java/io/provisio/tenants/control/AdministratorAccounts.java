package io.provisio.tenants.control;

import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The administrator accounts as a sign-in sees them: short reads without locks, so that no row
 * lock or connection is held while a password is hashed, and the rare update of a hash.
 */
@Stateless
public class AdministratorAccounts {

  /**
   * What a sign-in needs of an account. {@code credentialVersion} changes with every change of
   * password, role or disabled state, so a sign-in cached with an older one is not reused.
   */
  public record Credential(
      String id, String email, String tenantId, Role role, String passwordHash, boolean disabled, long credentialVersion) {
    public AdminIdentity identity() {
      return new AdminIdentity(id, email, tenantId, role);
    }
  }

  @PersistenceContext EntityManager em;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Credential> byEmail(String email) {
    return em.createNamedQuery(Administrator.BY_EMAIL, Administrator.class)
        .setParameter("email", Administrator.normalize(email))
        .getResultStream()
        .findFirst()
        .map(AdministratorAccounts::credential);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Credential> byId(String id) {
    return Optional.ofNullable(em.find(Administrator.class, id)).map(AdministratorAccounts::credential);
  }

  /** When the sign-in backoff of the account with this email was last lifted; empty if never. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Instant> unlockedAt(String email) {
    return em.createQuery("SELECT a.unlockedAt FROM Administrator a WHERE a.emailLower = :email", Instant.class)
        .setParameter("email", Administrator.normalize(email))
        .getResultStream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** Stores a new hash of the same password, unless the password was changed meanwhile. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void rehash(String id, String previousHash, String newHash) {
    em.createQuery(
            "UPDATE Administrator a SET a.passwordHash = :new WHERE a.id = :id AND a.passwordHash = :old")
        .setParameter("new", newHash)
        .setParameter("id", id)
        .setParameter("old", previousHash)
        .executeUpdate();
  }

  /**
   * Notes that sign-ins to the account started (or extended) a backoff at {@code at}, and claims
   * the owner's notice mail unless one was claimed less than {@code onePer} before: true when this
   * caller is to send it (exactly one instance is, by the conditional update).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean recordBackoff(String id, Instant at, java.time.Duration onePer) {
    em.createQuery("UPDATE Administrator a SET a.backoffAt = :at WHERE a.id = :id"
            + " AND (a.backoffAt IS NULL OR a.backoffAt < :at)")
        .setParameter("at", at)
        .setParameter("id", id)
        .executeUpdate();
    return em.createQuery(
                "UPDATE Administrator a SET a.backoffNoticeAt = :at WHERE a.id = :id AND a.disabled = false"
                    + " AND (a.backoffNoticeAt IS NULL OR a.backoffNoticeAt < :since)")
            .setParameter("at", at)
            .setParameter("id", id)
            .setParameter("since", at.minus(onePer))
            .executeUpdate()
        == 1;
  }

  private static Credential credential(Administrator a) {
    return new Credential(a.getId(), a.getEmail(), a.getTenantId(), a.getRole(), a.getPasswordHash(),
        a.isDisabled(), a.getCredentialVersion());
  }
}
