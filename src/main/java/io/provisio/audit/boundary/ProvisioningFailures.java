package io.provisio.audit.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.platform.DatabaseOutage;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs every failed SCIM write with its reason code, after the write's own transaction was
 * rolled back (successes are logged inside that transaction by the resource itself).
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
    if (status == 503 && context.reason() == null) {
      // the database is away (an unhealthy region names its reason): nothing can be written now,
      // and trying would hold the request for another connection timeout
      return;
    }
    String reason = context.reason() != null ? context.reason() : reasonFor(status);
    try {
      log.failure(new ProvisioningLog.Event(context.tenantId(), context.operation(), false, reason, status,
          context.userId(), context.userName(), context.email(), context.mappingName(), detail(response)));
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e); // the database is away: nothing can be logged, one line says so
        return;
      }
      LOG.log(Level.WARNING, "A failed SCIM call could not be written to the provisioning log", e);
    }
  }

  static String reasonFor(int status) {
    return switch (status) {
      case 404 -> "NOT_FOUND";
      case 409 -> "USERNAME_TAKEN";
      case 412 -> "VERSION_CONFLICT";
      default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST";
    };
  }

  private static String detail(ContainerResponseContext response) {
    if (response.getEntity() instanceof String body && body.startsWith("{")) {
      try {
        JsonObject error = ScimJson.provider().createReader(new StringReader(body)).readObject();
        return error.getString("detail", null);
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
