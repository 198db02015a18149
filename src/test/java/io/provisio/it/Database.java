package io.provisio.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Direct access to the database under test, for what no API offers on purpose: moving a token's
 * expiry to make time pass. (H2 runs with AUTO_SERVER, so the test JVM can open it too.)
 */
public final class Database {

  private Database() {}

  public static Connection connect() throws SQLException {
    if ("postgresql".equals(System.getProperty("provisio.it.db"))) {
      return DriverManager.getConnection(System.getProperty("provisio.it.pg.url"), "postgres", "postgres");
    }
    return DriverManager.getConnection(
        "jdbc:h2:" + System.getProperty("provisio.it.h2.path") + ";AUTO_SERVER=TRUE", "provisio", "provisio");
  }

  /** Sets the expiry of the tenant's active generated token. */
  public static void expireGeneratedTokenAt(String tenantId, Instant expiresAt) throws SQLException {
    try (var connection = connect();
        var update =
            connection.prepareStatement(
                "UPDATE scim_token SET expires_at = ? WHERE tenant_id = ? AND kind = 'GENERATED'"
                    + " AND revoked_at IS NULL")) {
      update.setTimestamp(1, Timestamp.from(expiresAt));
      update.setString(2, tenantId);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no active token for tenant " + tenantId);
      }
      invalidateCaches(connection);
    }
  }

  /**
   * What the service does after a change behind its caches' back (platform/cluster/ClusterCaches):
   * raises the cache epoch and waits until every live member has acknowledged it.
   */
  static void invalidateCaches(Connection connection) throws SQLException {
    long epoch;
    try (var raise = connection.createStatement()) {
      raise.executeUpdate("UPDATE cache_epoch SET epoch = epoch + 1 WHERE id = 1");
      var read = raise.executeQuery("SELECT epoch FROM cache_epoch WHERE id = 1");
      read.next();
      epoch = read.getLong(1);
    }
    long deadline = System.nanoTime() + 3_000_000_000L;
    try (var behind = connection.prepareStatement(
        "SELECT COUNT(*) FROM cache_member WHERE seen_epoch < ? AND seen_at > LOCALTIMESTAMP - INTERVAL '1' SECOND")) {
      behind.setLong(1, epoch);
      while (System.nanoTime() < deadline) {
        var rows = behind.executeQuery();
        rows.next();
        if (rows.getLong(1) == 0) return;
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("the members did not acknowledge cache epoch " + epoch);
  }
}
