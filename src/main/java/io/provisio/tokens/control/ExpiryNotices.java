package io.provisio.tokens.control;

import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tokens.entity.ScimToken;
import io.provisio.tokens.entity.TokenNotice;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Expiry notices: finds the thresholds a token has crossed, records each notice once, and delivers
 * pending ones to every CLOUD_ADMIN of the tenant. Safe to run on every instance at once: the
 * record's unique key and the claim decide who sends (see {@link NoticeRecords}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryNotices {

  private static final Logger LOG = Logger.getLogger(ExpiryNotices.class.getName());

  /** What one run did. */
  public record Run(int recorded, int sent, int failed) {}

  @Inject NoticeRecords records;
  @Inject NoticeMail mail;
  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "provisio.token.reminder-days", defaultValue = "30,14,7,3,1,0")
  String reminderDays;

  @Inject
  @ConfigProperty(name = "provisio.public-url")
  Optional<String> publicUrl;

  /**
   * Records a notice unless it exists. Two runs at once (timers of several instances, a manual
   * run) can both find it missing; the unique key lets one insert win and the other's fails: that
   * one was simply recorded by someone else.
   */
  private boolean recordOnce(ScimToken token, int days, TokenNotice.Status status, Instant now) {
    try {
      return records.record(token, days, status, now);
    } catch (RuntimeException e) {
      if (io.provisio.platform.ApiExceptionMappers.isUniquenessViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  public Run run(Instant now) {
    List<Integer> thresholds = NoticeSchedule.parse(reminderDays);
    int recorded = 0;
    for (ScimToken token : records.tokensNearExpiry(now, thresholds.get(0))) {
      var due = NoticeSchedule.due(token.getExpiresAt(), now, thresholds, records.recordedThresholds(token.getId()));
      for (int days : due.superseded()) {
        recordOnce(token, days, TokenNotice.Status.SUPERSEDED, now);
      }
      if (due.send() != null && recordOnce(token, due.send(), TokenNotice.Status.PENDING, now)) {
        recorded++;
      }
    }
    int sent = 0;
    int failed = 0;
    for (String id : records.pendingIds(500)) {
      if (!records.claim(id, now)) {
        continue;
      }
      if (deliver(records.find(id), now)) {
        sent++;
      } else {
        failed++;
      }
    }
    if (recorded + sent + failed > 0) {
      LOG.info("Token expiry notices: " + recorded + " due, " + sent + " sent, " + failed + " not delivered (retried next run)");
    }
    return new Run(recorded, sent, failed);
  }

  private boolean deliver(TokenNotice notice, Instant now) {
    ScimToken token = records.token(notice.getTokenId());
    Tenant tenant = em.find(Tenant.class, notice.getTenantId());
    List<String> recipients =
        em.createNamedQuery(Administrator.BY_TENANT_AND_ROLE, Administrator.class)
            .setParameter("tenantId", notice.getTenantId())
            .setParameter("role", Role.CLOUD_ADMIN)
            .getResultList()
            .stream()
            .map(Administrator::getEmail)
            .sorted()
            .toList();
    if (recipients.isEmpty()) {
      records.failed(notice.getId(), "The account has no CLOUD_ADMIN to notify.");
      return false;
    }
    long daysLeft = ScimTokens.daysLeft(token.getExpiresAt(), now);
    try {
      mail.send(recipients, tenant.getName(), token.getExpiresAt(), daysLeft, publicUrl.orElse(null));
      records.sent(notice.getId(), recipients.stream().collect(Collectors.joining(", ")), now);
      return true;
    } catch (io.provisio.platform.Mail.NotSent e) {
      records.failed(notice.getId(), e.getMessage());
      return false;
    }
  }

  public List<TokenNotice> list(String tenantId) {
    return records.list(tenantId);
  }
}
