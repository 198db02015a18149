package io.provisio.doctor.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A condition that started for a tenant (an onset): open while it lasts, then ended. Recorded once
 * per onset across a cluster (the unique index on tenant, kind, subject and the open marker), and
 * mailed once: at its onset, or in the daily digest when the same alert was mailed less than a day
 * before (a condition that comes and goes does not flood anyone's inbox).
 */
@Entity
@Table(name = "tenant_alert")
public class TenantAlert {

  public enum Kind {
    FAILURE_SPIKE, IDP_SILENT, PROFILE_NEARLY_FULL, REVOKED_TOKEN_PRESENTED, REMINDERS_UNDELIVERABLE
  }

  public enum Delivery {
    /** To be mailed on its own at the next run. */
    PENDING,
    /** Held for the tenant's daily digest. */
    DIGEST,
    SENT,
    /** Mailed in a daily digest. */
    DIGESTED
  }

  public static final String OPEN = "OPEN";

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  @Enumerated(EnumType.STRING)
  private Kind kind;

  private String subject;

  @Column(name = "open_key")
  private String openKey;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  private String summary;

  @Enumerated(EnumType.STRING)
  private Delivery delivery;

  @Column(name = "claimed_at")
  private Instant claimedAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  private String recipients;
  private String error;

  protected TenantAlert() {}

  public TenantAlert(String tenantId, Kind kind, String subject, String summary, Delivery delivery, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.kind = kind;
    this.subject = subject;
    this.openKey = OPEN;
    this.startedAt = now;
    this.summary = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
    this.delivery = delivery;
  }

  public void sent(Delivery how, String recipients, Instant now) {
    this.delivery = how;
    this.recipients = recipients.length() > 2000 ? recipients.substring(0, 2000) : recipients;
    this.sentAt = now;
    this.error = null;
    this.claimedAt = null;
  }

  public void failed(String error) {
    this.error = error.length() > 1000 ? error.substring(0, 1000) : error;
    this.claimedAt = null;
  }

  public String getId() { return id; }
  public String getTenantId() { return tenantId; }
  public Kind getKind() { return kind; }
  public String getSubject() { return subject; }
  public boolean isOpen() { return openKey != null; }
  public Instant getStartedAt() { return startedAt; }
  public Instant getEndedAt() { return endedAt; }
  public String getSummary() { return summary; }
  public Delivery getDelivery() { return delivery; }
  public Instant getSentAt() { return sentAt; }
  public String getRecipients() { return recipients; }
  public String getError() { return error; }
}
