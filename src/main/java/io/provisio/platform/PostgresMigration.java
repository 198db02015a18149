package io.provisio.platform;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration that only PostgreSQL needs (an index H2 does not have); on H2 it is recorded
 * as applied and does nothing. Registered in {@link SchemaMigration#flyway}.
 */
abstract class PostgresMigration implements JavaMigration {

  private final String version;
  private final String description;

  PostgresMigration(String version, String description) {
    this.version = version;
    this.description = description;
  }

  /** Runs on PostgreSQL only, in the migration's transaction. */
  abstract void migrate(Statement statement) throws SQLException;

  @Override
  public final MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public final void migrate(Context context) throws SQLException {
    var connection = context.getConnection();
    if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
      return;
    }
    try (var statement = connection.createStatement()) {
      migrate(statement);
    }
  }
}
