package io.provisio.tokens.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An OAuth 2.0 client (RFC 6749 §4.4) that exchanges its id and secret for SCIM access tokens. */
@Entity
@Table(name = "oauth_client")
public class OAuthClient {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "client_id")
  private String clientId;

  @Column(name = "secret_hash")
  private String secretHash;

  private String name;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  protected OAuthClient() {}

  public OAuthClient(
      String tenantId, String clientId, String secretHash, String name, String createdBy, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.secretHash = secretHash;
    this.name = name;
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getClientId() {
    return clientId;
  }

  public String getSecretHash() {
    return secretHash;
  }

  public String getName() {
    return name;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
