package io.provisio.tenants.control;

import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.ConsoleSession;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The record of open console sessions, in the database so that every instance of a cluster agrees
 * on it: a session signed out through one instance is refused by all of them on the next request,
 * even where a replicated copy of the HTTP session lingers. A session lasts at most {@code
 * provisio.console.session-max-hours}, however active; the HTTP session's idle timeout (30 min)
 * ends it sooner.
 */
@Stateless
public class ConsoleSessions {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.console.session-max-hours", defaultValue = "12")
  int maxHours;

  /** Opens a session for the administrator and returns its id; sweeps the expired ones. */
  public String open(AdminIdentity identity) {
    var now = clock.instant();
    em.createQuery("DELETE FROM ConsoleSession s WHERE s.expiresAt <= :now")
        .setParameter("now", now)
        .executeUpdate();
    var session = new ConsoleSession(identity.id(), now, now.plus(Duration.ofHours(maxHours)));
    em.persist(session);
    return session.getId();
  }

  public boolean isOpen(String id) {
    return current(id).isPresent();
  }

  /**
   * The administrator of an open session as the account is now (its current role), or empty when
   * the session was closed, ran out, or its administrator was removed or disabled meanwhile. One
   * indexed read; every instance asks it on every request of the session.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<AdminIdentity> current(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return em.createQuery(
            "SELECT a FROM ConsoleSession s, Administrator a WHERE s.id = :id AND a.id = s.administratorId"
                + " AND s.expiresAt > :now AND a.disabled = false",
            Administrator.class)
        .setParameter("id", id)
        .setParameter("now", clock.instant())
        .getResultStream()
        .findFirst()
        .map(a -> new AdminIdentity(a.getId(), a.getEmail(), a.getTenantId(), a.getRole()));
  }

  /**
   * Ends every console session of the administrator, except {@code keep} (the session that made a
   * password change), on every instance at once: their rows go, and each request checks its row.
   */
  public int closeAllOf(String administratorId, String keep) {
    return em.createQuery("DELETE FROM ConsoleSession s WHERE s.administratorId = :admin AND s.id <> :keep")
        .setParameter("admin", administratorId)
        .setParameter("keep", keep == null ? "" : keep)
        .executeUpdate();
  }

  public void close(String id) {
    if (id != null) {
      em.createQuery("DELETE FROM ConsoleSession s WHERE s.id = :id").setParameter("id", id).executeUpdate();
    }
  }
}
