package io.provisio.tenants.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed-in console session; the HTTP session holds its id. */
@Entity
@Table(name = "console_session")
public class ConsoleSession {

  @Id private String id;

  @Column(name = "administrator_id")
  private String administratorId;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  protected ConsoleSession() {}

  public ConsoleSession(String administratorId, Instant now, Instant expiresAt) {
    this.id = Ids.newId();
    this.administratorId = administratorId;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public String getId() {
    return id;
  }

  public boolean isOpenAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
