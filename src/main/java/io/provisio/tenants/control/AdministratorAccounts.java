package io.provisio.tenants.control;

import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The administrator accounts as a sign-in sees them: short reads without locks, so that no row
 * lock or connection is held while a password is hashed, and the rare update of a hash.
 */
@Stateless
public class AdministratorAccounts {

  /** What a sign-in needs of an account. */
  public record Credential(String id, String email, String tenantId, Role role, String passwordHash) {
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

  private static Credential credential(Administrator a) {
    return new Credential(a.getId(), a.getEmail(), a.getTenantId(), a.getRole(), a.getPasswordHash());
  }
}
