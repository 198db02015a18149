package io.provisio.tenants.control;

import io.provisio.tenants.entity.ConsoleSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
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
    if (id == null) {
      return false;
    }
    var session = em.find(ConsoleSession.class, id);
    return session != null && session.isOpenAt(clock.instant());
  }

  public void close(String id) {
    if (id != null) {
      em.createQuery("DELETE FROM ConsoleSession s WHERE s.id = :id").setParameter("id", id).executeUpdate();
    }
  }
}
