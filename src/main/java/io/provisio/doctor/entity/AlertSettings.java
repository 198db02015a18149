package io.provisio.doctor.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a tenant's administrators set for the doctor; a tenant without a row has the defaults. */
@Entity
@Table(name = "alert_settings")
public class AlertSettings {

  public static final int DEFAULT_SILENT_DAYS = 7;
  public static final int DEFAULT_FAILURE_SPIKE = 20;

  @Id
  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "idp_silent_days")
  private int idpSilentDays;

  @Column(name = "failure_spike_per_hour")
  private int failureSpikePerHour;

  protected AlertSettings() {}

  public AlertSettings(String tenantId, int idpSilentDays, int failureSpikePerHour) {
    this.tenantId = tenantId;
    this.idpSilentDays = idpSilentDays;
    this.failureSpikePerHour = failureSpikePerHour;
  }

  public static AlertSettings defaults(String tenantId) {
    return new AlertSettings(tenantId, DEFAULT_SILENT_DAYS, DEFAULT_FAILURE_SPIKE);
  }

  public String getTenantId() { return tenantId; }
  /** After how many days without a call the IdP counts as silent (0: any day without a call). */
  public int getIdpSilentDays() { return idpSilentDays; }
  /** How many failed SCIM calls within an hour are a spike. */
  public int getFailureSpikePerHour() { return failureSpikePerHour; }

  public void change(int idpSilentDays, int failureSpikePerHour) {
    this.idpSilentDays = idpSilentDays;
    this.failureSpikePerHour = failureSpikePerHour;
  }
}
