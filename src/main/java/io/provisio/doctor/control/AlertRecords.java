package io.provisio.doctor.control;

import io.provisio.doctor.entity.TenantAlert;
import io.provisio.doctor.entity.TenantAlert.Delivery;
import io.provisio.doctor.entity.TenantAlert.Kind;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The alerts as rows, each call a transaction of its own: the unique open marker makes an onset
 * happen once however many members evaluate it at once, and a claim makes one member mail it.
 */
@Stateless
public class AlertRecords {

  /** A claim left by a crashed member runs out after this, and the alert is mailed by another. */
  static final Duration CLAIM = Duration.ofMinutes(10);

  @PersistenceContext EntityManager em;

  /** Whether an alert of this kind and subject is open. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isOpen(String tenantId, Kind kind, String subject) {
    return !em.createQuery("SELECT a.id FROM TenantAlert a WHERE a.tenantId = :t AND a.kind = :k"
            + " AND a.subject = :s AND a.openKey = :open", String.class)
        .setParameter("t", tenantId).setParameter("k", kind).setParameter("s", subject)
        .setParameter("open", TenantAlert.OPEN).getResultList().isEmpty();
  }

  /**
   * Records an onset; a uniqueness violation (another member recorded it first) propagates. The
   * alert is mailed on its own unless the same one was mailed within a day: then it waits for the digest.
   */
  public void open(String tenantId, Kind kind, String subject, String summary, Instant now) {
    boolean mailedToday = !em.createQuery("SELECT a.id FROM TenantAlert a WHERE a.tenantId = :t AND a.kind = :k"
            + " AND a.subject = :s AND a.delivery = :sent AND a.sentAt > :since", String.class)
        .setParameter("t", tenantId).setParameter("k", kind).setParameter("s", subject)
        .setParameter("sent", Delivery.SENT).setParameter("since", now.minus(Duration.ofDays(1)))
        .setMaxResults(1).getResultList().isEmpty();
    em.persist(new TenantAlert(tenantId, kind, subject, summary, mailedToday ? Delivery.DIGEST : Delivery.PENDING, now));
    em.flush();
  }

  /** Ends the open alert of this kind and subject (the condition is over); a later onset is a new alert. */
  public void close(String tenantId, Kind kind, String subject, Instant now) {
    em.createQuery("UPDATE TenantAlert a SET a.openKey = NULL, a.endedAt = :now WHERE a.tenantId = :t"
            + " AND a.kind = :k AND a.subject = :s AND a.openKey = :open")
        .setParameter("now", now).setParameter("t", tenantId).setParameter("k", kind).setParameter("s", subject)
        .setParameter("open", TenantAlert.OPEN).executeUpdate();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TenantAlert> openOf(String tenantId) {
    return em.createQuery("SELECT a FROM TenantAlert a WHERE a.tenantId = :t AND a.openKey = :open"
            + " ORDER BY a.startedAt DESC", TenantAlert.class)
        .setParameter("t", tenantId).setParameter("open", TenantAlert.OPEN).setMaxResults(100).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> pendingIds(int limit) {
    return em.createQuery("SELECT a.id FROM TenantAlert a WHERE a.delivery = :p ORDER BY a.startedAt", String.class)
        .setParameter("p", Delivery.PENDING).setMaxResults(limit).getResultList();
  }

  /** Claims a pending alert for this member; false when another holds it or it was sent. */
  public boolean claim(String id, Instant now) {
    return em.createQuery("UPDATE TenantAlert a SET a.claimedAt = :now WHERE a.id = :id AND a.delivery = :p"
            + " AND (a.claimedAt IS NULL OR a.claimedAt < :expired)")
        .setParameter("now", now).setParameter("id", id).setParameter("p", Delivery.PENDING)
        .setParameter("expired", now.minus(CLAIM)).executeUpdate() == 1;
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public TenantAlert find(String id) {
    return em.find(TenantAlert.class, id);
  }

  public void sent(String id, Delivery how, String recipients, Instant now) {
    em.find(TenantAlert.class, id).sent(how, recipients, now);
  }

  public void failed(String id, String error) {
    em.find(TenantAlert.class, id).failed(error);
  }

  /** The tenants with alerts held for a digest. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> tenantsWithHeldAlerts(int limit) {
    return em.createQuery("SELECT DISTINCT a.tenantId FROM TenantAlert a WHERE a.delivery = :d", String.class)
        .setParameter("d", Delivery.DIGEST).setMaxResults(limit).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TenantAlert> held(String tenantId) {
    return em.createQuery("SELECT a FROM TenantAlert a WHERE a.tenantId = :t AND a.delivery = :d ORDER BY a.startedAt",
            TenantAlert.class)
        .setParameter("t", tenantId).setParameter("d", Delivery.DIGEST).setMaxResults(100).getResultList();
  }

  /**
   * Takes the tenant's digest of this day (UTC): true for exactly one caller per tenant and day
   * (the primary key), false when one was taken already.
   */
  public boolean takeDigest(String tenantId, Instant now) {
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    Number taken = (Number) em.createNativeQuery(
            "SELECT COUNT(*) FROM tenant_alert_digest WHERE tenant_id = ? AND digest_day = ?")
        .setParameter(1, tenantId).setParameter(2, java.sql.Date.valueOf(day)).getSingleResult();
    if (taken.intValue() > 0) {
      return false;
    }
    // two members at once: the primary key lets one insert win, the other's fails (the caller's catch)
    int inserted = em.createNativeQuery("INSERT INTO tenant_alert_digest (tenant_id, digest_day, sent_at) VALUES (?, ?, ?)")
        .setParameter(1, tenantId).setParameter(2, java.sql.Date.valueOf(day))
        .setParameter(3, java.sql.Timestamp.from(now))
        .executeUpdate();
    return inserted == 1;
  }

  /** The tenant's alerts, newest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TenantAlert> list(String tenantId, int limit) {
    return em.createQuery("SELECT a FROM TenantAlert a WHERE a.tenantId = :t ORDER BY a.startedAt DESC, a.id",
            TenantAlert.class)
        .setParameter("t", tenantId).setMaxResults(limit).getResultList();
  }
}
