package io.provisio.tokens.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The record of one expiry notice (token, threshold). Its unique key makes it exist once however
 * many instances run the timer; its status says whether the mail went out.
 */
@Entity
@Table(name = "token_notice")
public class TokenNotice {

  public enum Status {
    /** Due, not delivered yet (or delivery failed and will be retried on the next run). */
    PENDING,
    SENT,
    /** A more urgent threshold was already due when this one was found: not sent. */
    SUPERSEDED
  }

  @Id private String id;

  @Column(name = "token_id")
  private String tokenId;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "threshold_days")
  private int thresholdDays;

  @Enumerated(EnumType.STRING)
  private Status status;

  private String recipients;
  private int attempts;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  protected TokenNotice() {}

  public TokenNotice(String tokenId, String tenantId, int thresholdDays, Status status, Instant now) {
    this.id = Ids.newId();
    this.tokenId = tokenId;
    this.tenantId = tenantId;
    this.thresholdDays = thresholdDays;
    this.status = status;
    this.createdAt = now;
  }

  public void sent(String recipients, Instant now) {
    this.status = Status.SENT;
    this.recipients = recipients;
    this.sentAt = now;
    this.attempts++;
    this.lastError = null;
    this.claimedUntil = null;
  }

  public void failed(String error) {
    this.attempts++;
    this.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
    this.claimedUntil = null;
  }

  public String getId() {
    return id;
  }

  public String getTokenId() {
    return tokenId;
  }

  public String getTenantId() {
    return tenantId;
  }

  public int getThresholdDays() {
    return thresholdDays;
  }

  public Status getStatus() {
    return status;
  }

  public String getRecipients() {
    return recipients;
  }

  public int getAttempts() {
    return attempts;
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }
}
