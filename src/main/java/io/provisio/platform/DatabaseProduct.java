package io.provisio.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Which database the deployment's data source is, for the few statements the databases spell
 * differently ({@link RowLocks}, {@link StatementBatch}): asked of the first connection, then
 * known. A deployment has one data source (ServerResources), so the answer never changes.
 */
public final class DatabaseProduct {

  private static volatile Boolean postgreSql;

  private DatabaseProduct() {}

  /** Whether this connection's database, and so the data source's, is PostgreSQL. */
  public static boolean isPostgreSql(Connection connection) throws SQLException {
    Boolean known = postgreSql;
    if (known == null) {
      known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
      postgreSql = known;
    }
    return known;
  }

  /** The same, opening a connection only while the answer is not yet known. */
  public static boolean isPostgreSql(DataSource dataSource) throws SQLException {
    Boolean known = postgreSql;
    if (known != null) return known;
    try (var connection = dataSource.getConnection()) {
      return isPostgreSql(connection);
    }
  }
}
