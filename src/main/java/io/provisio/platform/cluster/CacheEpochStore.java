package io.provisio.platform.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The cache epoch and the members' acknowledgements of it (V17__cache_epoch.sql). */
@Stateless
public class CacheEpochStore {

  /** A member whose last acknowledgement is older than this has no lease left (EpochLease). */
  private static final String LIVE = "LOCALTIMESTAMP - INTERVAL '" + EpochLease.LEASE_NANOS / 1_000_000_000L + "' SECOND";

  @PersistenceContext EntityManager em;

  /** Reads the epoch and records that this member has seen it, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long readAndAcknowledge(String memberId) {
    long epoch = current();
    int updated = em.createNativeQuery(
            "UPDATE cache_member SET seen_epoch = ?1, seen_at = LOCALTIMESTAMP WHERE member_id = ?2")
        .setParameter(1, epoch).setParameter(2, memberId).executeUpdate();
    if (updated == 0) { // this member's first reading: it joins, and the long-gone leave
      em.createNativeQuery("DELETE FROM cache_member WHERE seen_at < LOCALTIMESTAMP - INTERVAL '1' DAY").executeUpdate();
      em.createNativeQuery("INSERT INTO cache_member (member_id, seen_epoch, seen_at) VALUES (?1, ?2, LOCALTIMESTAMP)")
          .setParameter(1, memberId).setParameter(2, epoch).executeUpdate();
    }
    return epoch;
  }

  /** Raises the epoch in the caller's transaction; the new epoch. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public long raise() {
    em.createNativeQuery("UPDATE cache_epoch SET epoch = epoch + 1 WHERE id = 1").executeUpdate();
    return current();
  }

  /** How many members with a live lease have not yet acknowledged {@code epoch}. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long membersBehind(long epoch) {
    return ((Number) em.createNativeQuery(
            "SELECT COUNT(*) FROM cache_member WHERE seen_epoch < ?1 AND seen_at > " + LIVE)
        .setParameter(1, epoch).getSingleResult()).longValue();
  }

  private long current() {
    return ((Number) em.createNativeQuery("SELECT epoch FROM cache_epoch WHERE id = 1").getSingleResult()).longValue();
  }
}
