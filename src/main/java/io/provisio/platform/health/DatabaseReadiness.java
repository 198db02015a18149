package io.provisio.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database check for MicroProfile Health (Open Liberty answers /health with it ahead of the
 * WAR; Payara lists it on its own health endpoints). On a server without MicroProfile Health
 * (GlassFish) the interface is missing: beans.xml tells Weld to skip this class there (GlassFish
 * still logs one WARNING while it scans), and {@link HealthServlet} answers.
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
