package io.provisio.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date before anything else runs. Flyway takes a database lock
 * while it migrates, so several instances starting at once on one PostgreSQL are safe.
 *
 * <p>A database that is not reachable yet at start-up (started in parallel, failing over) is
 * waited for, up to {@code provisio.startup.database-wait-seconds}, with a log line every 15
 * seconds. If it is still away then, the deployment fails with one SEVERE line naming the data
 * source and the cause: no half-deployed application serves requests without its schema.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
  private static final String DATA_SOURCE = "jdbc/provisio";
  private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
  private static final Duration LOG_EVERY = Duration.ofSeconds(15);

  @Resource(lookup = DATA_SOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "provisio.startup.database-wait-seconds", defaultValue = "120")
  int waitSeconds;

  @PostConstruct
  void migrate() {
    awaitDatabase();
    var result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  private void awaitDatabase() {
    Instant start = Instant.now();
    Instant deadline = start.plusSeconds(Math.max(0, waitSeconds));
    Instant nextLog = start;
    while (true) {
      try (var connection = dataSource.getConnection()) {
        if (connection.isValid(5)) {
          if (!Instant.now().isBefore(start.plus(RETRY_EVERY))) {
            LOG.info(() -> "Database of data source " + DATA_SOURCE + " reachable after "
                + Duration.between(start, Instant.now()).toSeconds() + " s");
          }
          return;
        }
        throw new SQLException("the connection did not answer within 5 s", "08006");
      } catch (SQLException | RuntimeException e) {
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

  private static void sleep() {
    try {
      Thread.sleep(RETRY_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    }
  }
}
