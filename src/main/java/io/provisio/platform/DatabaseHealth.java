package io.provisio.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether the database answers, for load balancers and operators (GET /health: 200 UP or
 * 503 DOWN, never an error). The connection comes from the application's pool, so UP also means
 * the pool has recovered after a database restart; the check is bounded by the pool's time limits
 * (server-config/) and by {@code isValid}'s own.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  private static final int VALID_WITHIN_SECONDS = 2;

  @Resource(lookup = "jdbc/provisio")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (var connection = dataSource.getConnection()) {
      if (!connection.isValid(VALID_WITHIN_SECONDS)) {
        return response.down().withData("error", "database not answering").build();
      }
      return response
          .up()
          .withData("product", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (Exception e) { // whatever the pool or driver throws, the answer is DOWN, not 500
      return response.down().withData("error", "database not reachable").build();
    }
  }
}
