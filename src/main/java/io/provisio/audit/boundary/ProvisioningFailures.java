package io.provisio.audit.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.platform.DatabaseOutage;
import io.provisio.scim.boundary.ScimExceptionMappers;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimWrite;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs every failed SCIM write with its reason (ProvisioningOutcome: the refusal's own, else the
 * one of its status), the error's detail and the write's subject, after the write's own transaction
 * was rolled back. The SCIM endpoint core records every write ({@link ScimWrite}) before it calls
 * the resource type, so no write has to remember to; successes are logged inside the write's
 * transaction by the resource type itself (a success logged and then rolled back by a failed commit
 * is logged here as the failure it became).
 */
@Provider
public class ProvisioningFailures implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(ProvisioningFailures.class.getName());

  @Inject ScimWrite write;
  @Inject ProvisioningLog log;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || !write.started()) {
      return;
    }
    ScimException error = request.getProperty(ScimExceptionMappers.ERROR) instanceof ScimException e ? e : null;
    ProvisioningOutcome outcome = error instanceof ProvisioningRefusal refusal ? refusal.outcome() : null;
    if (status == 503 && outcome == null) {
      // the database is away (an unhealthy region names its reason): nothing can be written now,
      // and trying would hold the request for another connection timeout
      return;
    }
    String reason = (outcome != null ? outcome : ProvisioningOutcome.forStatus(status)).name();
    try {
      ScimWrite.Subject subject = write.subject();
      log.failure(new ProvisioningLog.Event(write.tenantId(), operation(write), false, reason, status,
          subject.id(), subject.name(), subject.email(),
          error instanceof ProvisioningRefusal refusal ? refusal.mappingName() : null,
          error == null ? null : error.detail(),
          error instanceof ProvisioningRefusal refusal ? refusal.testedValues() : null));
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e); // the database is away: nothing can be logged, one line says so
        return;
      }
      LOG.log(Level.WARNING, "A failed SCIM call could not be written to the provisioning log", e);
    }
  }


  /** The log's name of a write: "CREATE" … for users, "GROUP_CREATE" … for groups (and any further type). */
  static String operation(ScimWrite write) {
    return "User".equals(write.resourceType()) ? write.verb().name()
        : write.resourceType().toUpperCase(java.util.Locale.ROOT) + "_" + write.verb().name();
  }
}
