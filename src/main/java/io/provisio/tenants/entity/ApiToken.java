package io.provisio.tenants.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token of an administrator: its SHA-256, never the token. */
@Entity
@Table(name = "api_token")
public class ApiToken {

  @Id private String id;

  @Column(name = "administrator_id")
  private String administratorId;

  private String name;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiToken() {}

  public ApiToken(String administratorId, String name, String tokenHash, Instant now) {
    this.id = Ids.newId();
    this.administratorId = administratorId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.createdAt = now;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) revokedAt = now;
  }

  public String getId() {
    return id;
  }

  public String getAdministratorId() {
    return administratorId;
  }

  public String getName() {
    return name;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
