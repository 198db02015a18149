package io.provisio.tenants.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single-use password reset of an administrator: the SHA-256 of its token, never the token. */
@Entity
@Table(name = "password_reset")
public class PasswordReset {

  @Id private String id;

  @Column(name = "administrator_id")
  private String administratorId;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  /** Who issued it for someone else; null when the owner asked for it by email. */
  @Column(name = "issued_by")
  private String issuedBy;

  protected PasswordReset() {}

  public PasswordReset(String administratorId, String tokenHash, Instant now, Instant expiresAt, String issuedBy) {
    this.id = Ids.newId();
    this.administratorId = administratorId;
    this.tokenHash = tokenHash;
    this.createdAt = now;
    this.expiresAt = expiresAt;
    this.issuedBy = issuedBy;
  }

  public String getId() {
    return id;
  }

  public String getAdministratorId() {
    return administratorId;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public String getIssuedBy() {
    return issuedBy;
  }
}
