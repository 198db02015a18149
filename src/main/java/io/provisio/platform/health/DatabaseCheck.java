package io.provisio.platform.health;

import io.provisio.platform.ServerResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether the database answers, for load balancers and operators: never an error, UP or DOWN. The
 * connection comes from the application's pool, so UP also means the pool has recovered after a
 * database restart; the check is bounded by the pool's time limits (server-config/) and by
 * {@code isValid}'s own. Answered at GET /health by the server's MicroProfile Health where it has
 * one ({@link DatabaseReadiness}), else by the WAR itself ({@link HealthServlet}), in one format.
 */
@ApplicationScoped
public class DatabaseCheck {

  static final String NAME = "database";
  private static final int VALID_WITHIN_SECONDS = 2;

  /** UP or DOWN with what an operator may see (never a host name, user or exception text). */
  public record Outcome(boolean up, Map<String, String> data) {}

  @Resource(lookup = ServerResources.DATA_SOURCE)
  DataSource dataSource;

  public Outcome check() {
    try (var connection = dataSource.getConnection()) {
      if (!connection.isValid(VALID_WITHIN_SECONDS)) {
        return new Outcome(false, Map.of("error", "database not answering"));
      }
      return new Outcome(true, Map.of("product", connection.getMetaData().getDatabaseProductName()));
    } catch (Exception e) { // whatever the pool or driver throws, the answer is DOWN, not 500
      return new Outcome(false, Map.of("error", "database not reachable"));
    }
  }
}
