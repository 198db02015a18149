package io.provisio.platform;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Start-up with the database not reachable yet (started in parallel, failing over): wait for it,
 * retrying every 2 s for up to {@code provisio.startup.database-wait-seconds}, with a WARNING every
 * 15 s naming the data source and the cause. If it is still away then, one SEVERE line says so and
 * the deployment fails: no half-deployed application serves requests without its database.
 *
 * <p>Called where the first connection is needed: by {@link PersistenceTuning} before EclipseLink
 * logs in while the application is being deployed, and by {@link SchemaMigration}.
 */
public final class DatabaseWait {

  private static final String DATA_SOURCE = ServerResources.DATA_SOURCE_NAME;
  private static final Logger LOG = Logger.getLogger(DatabaseWait.class.getName());
  private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
  private static final Duration LOG_EVERY = Duration.ofSeconds(15);
  private static final int DEFAULT_WAIT_SECONDS = 120;

  private DatabaseWait() {}

  public static void await(DataSource dataSource, int waitSeconds) {
    Instant start = Instant.now();
    Instant deadline = start.plusSeconds(Math.max(0, waitSeconds));
    Instant nextLog = start;
    boolean waited = false;
    while (true) {
      try (var connection = dataSource.getConnection()) {
        if (connection.isValid(5)) {
          if (waited) {
            LOG.info(() -> "Database of data source " + DATA_SOURCE + " reachable after "
                + Duration.between(start, Instant.now()).toSeconds() + " s");
          }
          return;
        }
        throw new SQLException("the connection did not answer within 5 s", "08006");
      } catch (SQLException | RuntimeException e) {
        waited = true;
        Instant now = Instant.now();
        String cause = DatabaseOutage.rootCause(e);
        if (!now.isBefore(deadline)) {
          LOG.log(Level.SEVERE, "Provisio cannot start: the database of data source {0} is not"
                  + " reachable after {1} s ({2}). Start the database or correct the data source"
                  + " in server-config/, then start Provisio again.",
              new Object[] {DATA_SOURCE, waitSeconds, cause});
          throw new IllegalStateException("database of " + DATA_SOURCE + " not reachable: " + cause);
        }
        if (!now.isBefore(nextLog)) {
          LOG.log(Level.WARNING, "Waiting for the database of data source {0} ({1}); retrying for"
                  + " up to {2} s more",
              new Object[] {DATA_SOURCE, cause, Duration.between(now, deadline).toSeconds()});
          nextLog = now.plus(LOG_EVERY);
        }
        sleep();
      }
    }
  }

  /**
   * The configured wait, read without CDI (the JPA provider calls its customizer early). So early,
   * MicroProfile Config is not ready on every server (GlassFish creates the persistence unit while
   * deploying, before the application's configuration exists, and ConfigProvider.getConfig()
   * throws): then the same setting is read as MicroProfile Config would find it, from a system
   * property or the environment variable PROVISIO_STARTUP_DATABASE_WAIT_SECONDS.
   */
  public static int configuredSeconds() {
    String key = "provisio.startup.database-wait-seconds";
    try {
      return org.eclipse.microprofile.config.ConfigProvider.getConfig()
          .getOptionalValue(key, Integer.class)
          .orElse(DEFAULT_WAIT_SECONDS);
    } catch (IllegalStateException e) {
      String value = System.getProperty(key, System.getenv("PROVISIO_STARTUP_DATABASE_WAIT_SECONDS"));
      try {
        return value == null || value.isBlank() ? DEFAULT_WAIT_SECONDS : Integer.parseInt(value.trim());
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException(key + " is not a number of seconds: " + value, notANumber);
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    }
  }
}
