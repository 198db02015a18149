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
 * A bearer token for the SCIM API, stored as a hash. Either the tenant's generated token (one
 * active at a time) or an OAuth access token of a client (one active per client).
 */
@Entity
@Table(name = "scim_token")
public class ScimToken {

  public enum Kind {
    GENERATED,
    OAUTH
  }

  /** Why a token stopped working before its expiry. */
  public enum Revocation {
    REPLACED,
    CLIENT_DELETED
  }

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  @Enumerated(EnumType.STRING)
  private Kind kind;

  @Column(name = "oauth_client_id")
  private String oauthClientId;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "revoked_reason")
  private Revocation revokedReason;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ScimToken() {}

  public ScimToken(
      String tenantId,
      Kind kind,
      String oauthClientId,
      String tokenHash,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.kind = kind;
    this.oauthClientId = oauthClientId;
    this.tokenHash = tokenHash;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public void revoke(Revocation reason, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedReason = reason;
    }
  }

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public Kind getKind() {
    return kind;
  }

  public String getOauthClientId() {
    return oauthClientId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public Revocation getRevokedReason() {
    return revokedReason;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }
}
