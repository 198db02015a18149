package io.provisio.audit.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.platform.DatabaseOutage;
import io.provisio.scim.boundary.ScimExceptionMappers;
import io.provisio.scim.control.ScimException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs every failed SCIM write with its reason (ProvisioningOutcome: the refusal's own, else the
 * one of its status) and the error's detail, after the write's own transaction was rolled back
 * (successes are logged inside that transaction by the resource type itself).
 */
@Provider
public class ProvisioningFailures implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(ProvisioningFailures.class.getName());

  @Inject ProvisioningContext context;
  @Inject ProvisioningLog log;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || context.operation() == null || context.isLogged()) {
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
      log.failure(new ProvisioningLog.Event(context.tenantId(), context.operation(), false, reason, status,
          context.userId(), context.userName(), context.email(), context.mappingName(),
          error == null ? null : error.detail()));
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e); // the database is away: nothing can be logged, one line says so
        return;
      }
      LOG.log(Level.WARNING, "A failed SCIM call could not be written to the provisioning log", e);
    }
  }

}
