package io.provisio.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database check for servers with MicroProfile Health (Payara, Open Liberty), whose own
 * /health takes precedence over the WAR's. On a server without it (GlassFish) the interface is
 * missing: beans.xml tells Weld to skip this class there, and {@link HealthServlet} answers.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject DatabaseCheck database;

  @Override
  public HealthCheckResponse call() {
    var outcome = database.check();
    var response = HealthCheckResponse.named(DatabaseCheck.NAME).status(outcome.up());
    outcome.data().forEach(response::withData);
    return response.build();
  }
}
