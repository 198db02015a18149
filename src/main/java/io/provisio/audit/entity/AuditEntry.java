package io.provisio.audit.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One administrative change: who did what to which thing, when, with the state before and after. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  private Instant at;
  private String actor;
  private String action;
  private String target;

  @Column(name = "before_state")
  private String before;

  @Column(name = "after_state")
  private String after;

  protected AuditEntry() {}

  public AuditEntry(
      String tenantId,
      Instant at,
      String actor,
      String action,
      String target,
      String before,
      String after) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.target = target;
    this.before = before;
    this.after = after;
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public Instant getAt() {
    return at;
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getTarget() {
    return target;
  }

  public String getBefore() {
    return before;
  }

  public String getAfter() {
    return after;
  }
}
