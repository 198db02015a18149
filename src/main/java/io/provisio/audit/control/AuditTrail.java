package io.provisio.audit.control;

import io.provisio.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * Records administrative changes in the caller's transaction, so a change and its audit entry are
 * committed (or rolled back) together. States are JSON snapshots; they never hold secrets.
 */
@ApplicationScoped
public class AuditTrail {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public void record(
      String tenantId, String actor, String action, String target, String before, String after) {
    em.persist(new AuditEntry(tenantId, clock.instant(), actor, action, target, before, after));
  }

  /** A page of a tenant's trail, or of the platform's ({@code tenantId} null: operators' changes). */
  public List<AuditEntry> page(String tenantId, int offset, int limit) {
    var query = em.createQuery(
        "SELECT e FROM AuditEntry e WHERE " + scope(tenantId) + " ORDER BY e.at DESC, e.id", AuditEntry.class);
    if (tenantId != null) query.setParameter("tenant", tenantId);
    return query.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  public long count(String tenantId) {
    var query = em.createQuery("SELECT COUNT(e) FROM AuditEntry e WHERE " + scope(tenantId), Long.class);
    if (tenantId != null) query.setParameter("tenant", tenantId);
    return query.getSingleResult();
  }

  private static String scope(String tenantId) {
    return tenantId == null ? "e.tenantId IS NULL" : "e.tenantId = :tenant";
  }
}
