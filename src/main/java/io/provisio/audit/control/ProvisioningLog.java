package io.provisio.audit.control;

import io.provisio.audit.entity.ProvisioningLogEntry;
import io.provisio.platform.StatementBatch;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The provisioning log: every SCIM write and every refused SCIM call. A success is written in the
 * transaction of the write itself, so it exists exactly when the write does; a failure is written
 * in a transaction of its own, since the failed call's transaction is rolled back.
 */
@Stateless
public class ProvisioningLog {

  /** What the log says of one call. */
  public record Event(
      String tenantId, String operation, boolean success, String reason, int httpStatus,
      String userId, String userName, String email, String mappingName, String detail, String testedValues) {

    public Event(String tenantId, String operation, boolean success, String reason, int httpStatus,
        String userId, String userName, String email, String mappingName, String detail) {
      this(tenantId, operation, success, reason, httpStatus, userId, userName, email, mappingName, detail, null);
    }
  }

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** Records a success in the caller's transaction. */
  public void success(Event event) {
    em.persist(entry(event));
  }

  /**
   * The statement that records a success, for a write that sends its statements together
   * ({@link StatementBatch}) in the caller's transaction: the same row {@link #success} writes.
   */
  public StatementBatch.Statement successInsert(Event event) {
    var e = entry(event);
    return StatementBatch.Statement.of(
        "INSERT INTO provisioning_log (id, tenant_id, at, operation, outcome, reason, http_status, user_id,"
            + " user_name, user_name_lower, email_lower, mapping_name, detail, remedy, tested_values)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.getId(), e.getTenantId(), e.getAt(), e.getOperation(), e.getOutcome(), e.getReason(), e.getHttpStatus(),
        e.getUserId(), e.getUserName(), e.getUserNameLower(), e.getEmailLower(), e.getMappingName(), e.getDetail(),
        e.getRemedy(), e.getTestedValues());
  }

  /** Records a failure on its own, whatever becomes of the caller's transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void failure(Event event) {
    em.persist(entry(event));
  }

  private ProvisioningLogEntry entry(Event e) {
    return new ProvisioningLogEntry(
        e.tenantId(), clock.instant(), e.operation(), e.success(), e.reason(), e.httpStatus(),
        e.userId(), e.userName(), e.email(), e.mappingName(), e.detail(),
        e.success() ? null : ProvisioningOutcome.remedy(e.reason()), e.testedValues());
  }

  /** Newest first; {@code q} matches the start of a userName or an email, ignoring case. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ProvisioningLogEntry> search(String tenantId, String q, String outcome, String reason, int offset,
      int limit) {
    return query(tenantId, q, outcome, reason, "SELECT e FROM ProvisioningLogEntry e", ProvisioningLogEntry.class,
            " ORDER BY e.at DESC, e.id DESC")
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long count(String tenantId, String q, String outcome, String reason) {
    return query(tenantId, q, outcome, reason, "SELECT COUNT(e) FROM ProvisioningLogEntry e", Long.class, "")
        .getSingleResult();
  }

  private <T> jakarta.persistence.TypedQuery<T> query(
      String tenantId, String q, String outcome, String reason, String select, Class<T> type, String order) {
    StringBuilder jpql = new StringBuilder(select).append(" WHERE e.tenantId = :tenant");
    if (q != null && !q.isBlank()) {
      jpql.append(" AND (e.userNameLower LIKE :q OR e.emailLower LIKE :q)");
    }
    if (outcome != null && !outcome.isBlank()) {
      jpql.append(" AND e.outcome = :outcome");
    }
    if (reason != null && !reason.isBlank()) {
      jpql.append(" AND e.reason = :reason");
    }
    var query = em.createQuery(jpql + order, type).setParameter("tenant", tenantId);
    if (q != null && !q.isBlank()) {
      String escaped = q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      query.setParameter("q", escaped + "%");
    }
    if (outcome != null && !outcome.isBlank()) {
      query.setParameter("outcome", outcome.trim().toUpperCase(Locale.ROOT));
    }
    if (reason != null && !reason.isBlank()) {
      query.setParameter("reason", reason.trim().toUpperCase(Locale.ROOT));
    }
    return query;
  }

  /** Failures since a time, counted by reason code. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Long> failuresByReason(String tenantId, Instant since) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Object[] row : em.createQuery(
            "SELECT e.reason, COUNT(e) FROM ProvisioningLogEntry e WHERE e.tenantId = :t"
                + " AND e.outcome = 'FAILURE' AND e.at >= :since GROUP BY e.reason ORDER BY COUNT(e) DESC",
            Object[].class)
        .setParameter("t", tenantId)
        .setParameter("since", since)
        .getResultList()) {
      counts.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
    }
    return counts;
  }

  /** Outcomes per day since a time: day (yyyy-mm-dd) → [successes, failures]. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, long[]> outcomesByDay(String tenantId, Instant since) {
    Map<String, long[]> days = new java.util.TreeMap<>();
    for (Object[] row : em.createQuery(
            "SELECT e.at, e.outcome FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.at >= :since",
            Object[].class)
        .setParameter("t", tenantId)
        .setParameter("since", since)
        .setMaxResults(200_000)
        .getResultList()) {
      String day = row[0].toString().substring(0, 10);
      long[] counts = days.computeIfAbsent(day, d -> new long[2]);
      counts["SUCCESS".equals(row[1]) ? 0 : 1]++;
    }
    return days;
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Instant lastSuccess(String tenantId) {
    return em.createQuery(
            "SELECT MAX(e.at) FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.outcome = 'SUCCESS'",
            Instant.class)
        .setParameter("t", tenantId)
        .getSingleResult();
  }

  /** One failure as the doctor reads it. */
  public record Failure(Instant at, String userName, String email, String mappingName, String detail,
      String testedValues) {}

  /** The newest failures of a reason since a time, at most {@code limit}: one range of (tenant, reason, at). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Failure> recentFailures(String tenantId, String reason, Instant since, int limit) {
    return em.createQuery(
            "SELECT e FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.reason = :r AND e.at >= :since"
                + " ORDER BY e.at DESC", ProvisioningLogEntry.class)
        .setParameter("t", tenantId).setParameter("r", reason).setParameter("since", since)
        .setMaxResults(limit)
        .getResultStream()
        .map(e -> new Failure(e.getAt(), e.getUserName(), e.getEmailLower(), e.getMappingName(), e.getDetail(),
            e.getTestedValues()))
        .toList();
  }

  /** How many failures of a reason since a time (counted over the (tenant, reason, at) index). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long countFailures(String tenantId, String reason, Instant since) {
    return em.createQuery(
            "SELECT COUNT(e) FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.reason = :r AND e.at >= :since",
            Long.class)
        .setParameter("t", tenantId).setParameter("r", reason).setParameter("since", since)
        .getSingleResult();
  }

  /** How many entries of an operation and outcome since a time (e.g. users created in 7 days). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long countOperations(String tenantId, String operation, boolean success, Instant since) {
    return em.createQuery(
            "SELECT COUNT(e) FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.operation = :o"
                + " AND e.outcome = :outcome AND e.at >= :since", Long.class)
        .setParameter("t", tenantId).setParameter("o", operation)
        .setParameter("outcome", success ? "SUCCESS" : "FAILURE").setParameter("since", since)
        .getSingleResult();
  }

  /** When the operation last succeeded (e.g. the first user was ever created), or null. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Instant lastOf(String tenantId, String operation) {
    return em.createQuery(
            "SELECT MAX(e.at) FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.operation = :o AND e.outcome = 'SUCCESS'",
            Instant.class)
        .setParameter("t", tenantId).setParameter("o", operation)
        .getSingleResult();
  }

  /** Failures of any reason in the window, counted (the (tenant, at) index, bounded by the window). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long countAllFailures(String tenantId, Instant since) {
    return em.createQuery(
            "SELECT COUNT(e) FROM ProvisioningLogEntry e WHERE e.tenantId = :t AND e.at >= :since AND e.outcome = 'FAILURE'",
            Long.class)
        .setParameter("t", tenantId).setParameter("since", since)
        .getSingleResult();
  }
}
