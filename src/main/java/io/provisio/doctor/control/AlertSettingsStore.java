package io.provisio.doctor.control;

import io.provisio.doctor.entity.AlertSettings;
import io.provisio.platform.ApiException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** A tenant's alert settings (the defaults until an administrator changes them). */
@Stateless
public class AlertSettingsStore {

  @PersistenceContext EntityManager em;

  public AlertSettings of(String tenantId) {
    AlertSettings settings = em.find(AlertSettings.class, tenantId);
    return settings != null ? settings : AlertSettings.defaults(tenantId);
  }

  public AlertSettings change(String tenantId, Integer idpSilentDays, Integer failureSpikePerHour) {
    if (idpSilentDays != null && (idpSilentDays < 1 || idpSilentDays > 365)) {
      throw ApiException.invalid("idpSilentDays", "idpSilentDays must be between 1 and 365.");
    }
    if (failureSpikePerHour != null && (failureSpikePerHour < 1 || failureSpikePerHour > 1_000_000)) {
      throw ApiException.invalid("failureSpikePerHour", "failureSpikePerHour must be between 1 and 1000000.");
    }
    AlertSettings settings = em.find(AlertSettings.class, tenantId);
    if (settings == null) {
      settings = AlertSettings.defaults(tenantId);
      em.persist(settings);
    }
    settings.change(idpSilentDays == null ? settings.getIdpSilentDays() : idpSilentDays,
        failureSpikePerHour == null ? settings.getFailureSpikePerHour() : failureSpikePerHour);
    return settings;
  }
}
