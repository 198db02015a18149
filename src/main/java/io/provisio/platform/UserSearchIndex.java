package io.provisio.platform;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Schema migration 14: on PostgreSQL, a trigram index (pg_trgm) on scim_user.search_text, so that
 * the console's search for any fragment of a userName, email, display name or externalId
 * ({@code LIKE '%fragment%'}) reads the matching rows rather than the tenant's. A Java migration
 * because it depends on the database: H2 has no such index and searches the tenant's rows.
 *
 * <p>pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13+), so the
 * database owner may create it. Where it cannot be created (contrib not installed, no privilege)
 * the migration says so in the log and leaves the search correct but unindexed; an operator can
 * create the extension and index later with the two statements below.
 */
public class UserSearchIndex extends PostgresMigration {

  private static final Logger LOG = Logger.getLogger(UserSearchIndex.class.getName());

  static final String EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm";
  static final String INDEX = "CREATE INDEX IF NOT EXISTS scim_user_search_trgm_ix ON scim_user USING gin (search_text gin_trgm_ops)";

  public UserSearchIndex() {
    super("14", "user search index");
  }

  @Override
  void migrate(Statement statement) throws SQLException {
    statement.execute("SAVEPOINT provisio_trgm");
    try {
      statement.execute(EXTENSION);
      statement.execute("RELEASE SAVEPOINT provisio_trgm");
    } catch (SQLException e) {
      statement.execute("ROLLBACK TO SAVEPOINT provisio_trgm");
      LOG.warning("The user search stays unindexed: the PostgreSQL extension pg_trgm could not be created ("
          + e.getMessage() + "). Create it and the index later: " + EXTENSION + "; " + INDEX);
      return;
    }
    statement.execute(INDEX);
  }
}
