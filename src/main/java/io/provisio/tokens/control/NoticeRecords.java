package io.provisio.tokens.control;

import io.provisio.tokens.entity.ScimToken;
import io.provisio.tokens.entity.TokenNotice;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The database side of expiry notices. Each method is its own transaction, so that instances of a
 * cluster racing for the same notice collide on the database (unique key, claim update) and exactly
 * one of them wins.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NoticeRecords {

  private static final Duration CLAIM = Duration.ofMinutes(10);

  @PersistenceContext EntityManager em;

  /** Active generated tokens that expire within {@code horizonDays}, expired ones included. */
  public List<ScimToken> tokensNearExpiry(Instant now, int horizonDays) {
    return em.createQuery(
            "SELECT t FROM ScimToken t WHERE t.kind = :kind AND t.revokedAt IS NULL"
                + " AND t.expiresAt <= :horizon",
            ScimToken.class)
        .setParameter("kind", ScimToken.Kind.GENERATED)
        .setParameter("horizon", now.plus(Duration.ofDays(horizonDays)))
        .getResultList();
  }

  public Set<Integer> recordedThresholds(String tokenId) {
    return new HashSet<>(
        em.createQuery(
                "SELECT n.thresholdDays FROM TokenNotice n WHERE n.tokenId = :token", Integer.class)
            .setParameter("token", tokenId)
            .getResultList());
  }

  /** Records a notice; false when another instance recorded it first (unique key). */
  public boolean record(ScimToken token, int thresholdDays, TokenNotice.Status status, Instant now) {
    boolean exists =
        !em.createQuery(
                "SELECT n.id FROM TokenNotice n WHERE n.tokenId = :token AND n.thresholdDays = :days")
            .setParameter("token", token.getId())
            .setParameter("days", thresholdDays)
            .getResultList()
            .isEmpty();
    if (exists) {
      return false;
    }
    em.persist(new TokenNotice(token.getId(), token.getTenantId(), thresholdDays, status, now));
    em.flush();
    return true;
  }

  public List<String> pendingIds(int limit) {
    return em.createQuery(
            "SELECT n.id FROM TokenNotice n WHERE n.status = :status ORDER BY n.createdAt",
            String.class)
        .setParameter("status", TokenNotice.Status.PENDING)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Claims a pending notice for this instance for ten minutes; false when another instance holds
   * it. A claim left by a crashed instance runs out, and the notice is retried.
   */
  public boolean claim(String noticeId, Instant now) {
    return em.createQuery(
                "UPDATE TokenNotice n SET n.claimedUntil = :until WHERE n.id = :id"
                    + " AND n.status = :pending"
                    + " AND (n.claimedUntil IS NULL OR n.claimedUntil < :now)")
            .setParameter("until", now.plus(CLAIM))
            .setParameter("id", noticeId)
            .setParameter("pending", TokenNotice.Status.PENDING)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  public TokenNotice find(String noticeId) {
    return em.find(TokenNotice.class, noticeId);
  }

  public ScimToken token(String tokenId) {
    return em.find(ScimToken.class, tokenId);
  }

  public void sent(String noticeId, String recipients, Instant now) {
    em.find(TokenNotice.class, noticeId).sent(recipients, now);
  }

  public void failed(String noticeId, String error) {
    em.find(TokenNotice.class, noticeId).failed(error);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TokenNotice> list(String tenantId) {
    return em.createQuery(
            "SELECT n FROM TokenNotice n WHERE n.tenantId = :tenant ORDER BY n.createdAt DESC",
            TokenNotice.class)
        .setParameter("tenant", tenantId)
        .setMaxResults(200)
        .getResultList();
  }

  /** The tenant's expiry notices that are due but could not be delivered (retried each run), newest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TokenNotice> undeliverable(String tenantId) {
    return em.createQuery(
            "SELECT n FROM TokenNotice n WHERE n.tenantId = :tenant AND n.status = :pending AND n.attempts > 0"
                + " ORDER BY n.createdAt DESC", TokenNotice.class)
        .setParameter("tenant", tenantId)
        .setParameter("pending", TokenNotice.Status.PENDING)
        .setMaxResults(20)
        .getResultList();
  }
}
