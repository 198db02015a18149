package io.provisio.doctor.control;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.doctor.entity.AlertSettings;
import io.provisio.doctor.entity.TenantAlert;
import io.provisio.doctor.entity.TenantAlert.Delivery;
import io.provisio.doctor.entity.TenantAlert.Kind;
import io.provisio.platform.ApiExceptionMappers;
import io.provisio.platform.Mail;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.tenants.control.Tenants;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tokens.control.NoticeRecords;
import io.provisio.tokens.control.ScimTokens;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The alerts of every tenant in SCIM mode: each run finds which conditions hold (a failure spike,
 * a silent IdP, a profile above 90 %, a revoked token still presented, undeliverable expiry
 * reminders), records the onsets and ends, and mails what is due to the tenant's CLOUD_ADMINs (the
 * undeliverable reminders to the platform operators as well). Safe on every member at once, like
 * the expiry notices: an onset is recorded once (the open marker's unique index), an alert mailed
 * once (a claim), a digest taken once per tenant and day (its primary key).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Alerts {

  private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

  /** What one run did. */
  public record Run(int opened, int closed, int sent, int digests, int failed) {}

  /** A condition that holds now: its kind, subject and what it says. */
  record Condition(Kind kind, String subject, String summary) {}

  @Inject AlertRecords records;
  @Inject AlertMail mail;
  @Inject AlertSettingsStore settings;
  @Inject Tenants tenants;
  @Inject ScimTokens tokens;
  @Inject ProvisioningLog log;
  @Inject ProfileStore places;
  @Inject NoticeRecords notices;

  @Inject
  @ConfigProperty(name = "provisio.public-url")
  Optional<String> publicUrl;

  public Run run(Instant now) {
    int opened = 0;
    int closed = 0;
    String after = null;
    List<Tenant> page;
    do {
      page = tenants.scimTenants(after, 200);
      for (Tenant tenant : page) {
        int[] changes = evaluate(tenant, now);
        opened += changes[0];
        closed += changes[1];
        after = tenant.getId();
      }
    } while (page.size() == 200);
    int sent = 0;
    int failed = 0;
    for (String id : records.pendingIds(500)) {
      if (!records.claim(id, now)) continue;
      if (deliver(records.find(id), now)) sent++; else failed++;
    }
    int digests = 0;
    for (String tenantId : records.tenantsWithHeldAlerts(500)) {
      if (digest(tenantId, now)) digests++;
    }
    if (opened + closed + sent + digests + failed > 0) {
      LOG.info("Alerts: " + opened + " started, " + closed + " ended, " + sent + " mailed, " + digests
          + " digest(s), " + failed + " not delivered (retried next run)");
    }
    return new Run(opened, closed, sent, digests, failed);
  }

  /** The conditions that hold for the tenant now. */
  List<Condition> conditions(Tenant tenant, Instant now) {
    String tenantId = tenant.getId();
    AlertSettings set = settings.of(tenantId);
    List<Condition> holding = new ArrayList<>();
    long failures = log.countAllFailures(tenantId, now.minus(Duration.ofHours(1)));
    if (failures >= set.getFailureSpikePerHour()) {
      holding.add(new Condition(Kind.FAILURE_SPIKE, "", failures + " SCIM calls failed in the last hour (alert threshold "
          + set.getFailureSpikePerHour() + ")."));
    }
    Instant last = tokens.lastCall(tenantId);
    if (last != null && last.isBefore(now.minus(Duration.ofDays(set.getIdpSilentDays())))) {
      holding.add(new Condition(Kind.IDP_SILENT, "", "The identity provider has not called since "
          + Diagnosis.WHEN.format(last) + " (more than " + set.getIdpSilentDays() + " days)."));
    }
    for (Profile profile : places.profiles(tenantId)) {
      if (profile.getMaxUsers() > 0 && profile.getUserCount() * 10L >= profile.getMaxUsers() * 9L) {
        holding.add(new Condition(Kind.PROFILE_NEARLY_FULL, profile.getId(), "Profile \"" + profile.getName() + "\" holds "
            + profile.getUserCount() + " of its " + profile.getMaxUsers() + " users."));
      }
    }
    long revoked = log.countFailures(tenantId, ProvisioningOutcome.TOKEN_REVOKED.name(), now.minus(Duration.ofDays(1)));
    if (revoked > 0) {
      holding.add(new Condition(Kind.REVOKED_TOKEN_PRESENTED, "", revoked
          + " SCIM call(s) in the last 24 hours presented a revoked token: the identity provider still uses a replaced token."));
    }
    var undeliverable = notices.undeliverable(tenantId);
    if (!undeliverable.isEmpty()) {
      var notice = undeliverable.get(0);
      holding.add(new Condition(Kind.REMINDERS_UNDELIVERABLE, "", "The token expiry reminder (" + notice.getThresholdDays()
          + " days) could not be delivered after " + notice.getAttempts() + " attempt(s): " + notice.getLastError()));
    }
    return holding;
  }

  /** Records the tenant's onsets and ends: {opened, closed}. */
  private int[] evaluate(Tenant tenant, Instant now) {
    String tenantId = tenant.getId();
    Map<String, Condition> holding = new LinkedHashMap<>();
    conditions(tenant, now).forEach(c -> holding.put(c.kind() + "/" + c.subject(), c));
    int opened = 0;
    int closed = 0;
    for (Condition condition : holding.values()) {
      if (records.isOpen(tenantId, condition.kind(), condition.subject())) continue;
      try {
        records.open(tenantId, condition.kind(), condition.subject(), condition.summary(), now);
        opened++;
      } catch (RuntimeException e) {
        if (!ApiExceptionMappers.isUniquenessViolation(e)) throw e;
        // another member recorded this onset at the same moment
      }
    }
    for (TenantAlert open : records.openOf(tenantId)) {
      if (!holding.containsKey(open.getKind() + "/" + open.getSubject())) {
        records.close(tenantId, open.getKind(), open.getSubject(), now);
        closed++;
      }
    }
    return new int[] {opened, closed};
  }

  private List<String> recipients(String tenantId, boolean alsoOperators) {
    var all = new LinkedHashSet<>(tenants.cloudAdminEmails(tenantId));
    if (alsoOperators) all.addAll(tenants.operatorEmails());
    return List.copyOf(all);
  }

  private boolean deliver(TenantAlert alert, Instant now) {
    String tenantName = tenants.find(alert.getTenantId()).map(Tenant::getName).orElse(alert.getTenantId());
    List<String> to = recipients(alert.getTenantId(), alert.getKind() == Kind.REMINDERS_UNDELIVERABLE);
    if (to.isEmpty()) {
      records.failed(alert.getId(), "The account has no CLOUD_ADMIN to alert.");
      return false;
    }
    try {
      mail.alert(to, tenantName, alert, publicUrl.orElse(null));
      records.sent(alert.getId(), Delivery.SENT, String.join(", ", to), now);
      return true;
    } catch (Mail.NotSent e) {
      records.failed(alert.getId(), e.getMessage());
      return false;
    }
  }

  /** The tenant's daily digest of held alerts, if this member takes today's. */
  private boolean digest(String tenantId, Instant now) {
    try {
      if (!records.takeDigest(tenantId, now)) return false;
    } catch (RuntimeException e) {
      if (ApiExceptionMappers.isUniquenessViolation(e)) return false;
      throw e;
    }
    List<TenantAlert> held = records.held(tenantId);
    List<String> to = recipients(tenantId, held.stream().anyMatch(a -> a.getKind() == Kind.REMINDERS_UNDELIVERABLE));
    if (held.isEmpty() || to.isEmpty()) return false;
    String tenantName = tenants.find(tenantId).map(Tenant::getName).orElse(tenantId);
    try {
      mail.digest(to, tenantName, held, records.openOf(tenantId), publicUrl.orElse(null));
      for (TenantAlert alert : held) {
        records.sent(alert.getId(), Delivery.DIGESTED, String.join(", ", to), now);
      }
      return true;
    } catch (Mail.NotSent e) {
      LOG.warning("The alert digest of a tenant could not be mailed: " + e.getMessage());
      return false;
    }
  }
}
