package io.provisio.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date before anything else runs. Flyway takes a database lock
 * while it migrates, so several instances starting at once on one PostgreSQL are safe.
 *
 * <p>A database that is not reachable yet at start-up is waited for first ({@link DatabaseWait}).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
  @Resource(lookup = ServerResources.DATA_SOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "provisio.startup.database-wait-seconds", defaultValue = "120")
  int waitSeconds;

  @PostConstruct
  void migrate() {
    DatabaseWait.await(dataSource, waitSeconds);
    protectEmbeddedDatabaseFiles();
    var result = flyway(dataSource).migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  /** Flyway with Provisio's migrations (SQL scripts and Java ones) on this database. */
  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(SchemaMigration.class.getClassLoader())
        .dataSource(dataSource)
        .resourceProvider(MigrationScripts.load(SchemaMigration.class.getClassLoader()))
        .javaMigrationClassProvider(() -> java.util.List.of(UserSearchIndex.class, LookupPlanIndexes.class))
        .load();
  }

  /**
   * The embedded default keeps its H2 files in a directory (./data): only the service's own user
   * may enter it (0700), whatever the umask made of it. A server database is left alone.
   */
  private void protectEmbeddedDatabaseFiles() {
    String url;
    try (var connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
    } catch (SQLException e) {
      return;
    }
    if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
        || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
      return;
    }
    String file = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (file.startsWith("file:")) file = file.substring("file:".length());
    var directory = java.nio.file.Path.of(file).toAbsolutePath().getParent();
    try {
      java.nio.file.Files.setPosixFilePermissions(
          directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      LOG.log(Level.WARNING, "Could not restrict the embedded database directory {0} to its owner: {1}",
          new Object[] {directory, e.toString()});
    }
  }


}
