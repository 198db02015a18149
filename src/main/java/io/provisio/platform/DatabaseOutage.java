package io.provisio.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells a failure of the database itself (unreachable, restarting, failing over, hung past the
 * pool's time bounds) from every other failure, so that the boundaries answer 503 with {@code
 * Retry-After} — the caller should retry — instead of 500, and log one line instead of a stack
 * trace per request.
 *
 * <p>Only standard types and codes are consulted, so the rule holds on every server and driver:
 * SQLState class 08 (connection exception) and 57P (PostgreSQL's operator intervention: shutdown,
 * crash, "cannot connect now"), class 53 (insufficient resources: too many connections), 55000 as
 * PgJDBC raises it for a cached statement of a connection the pool has just discarded ("This
 * statement has been closed": the request met the replacement of dead connections), the JDBC
 * exception types for lost connections and timeouts, Jakarta Connectors' {@code
 * ResourceException}, which pools raise when no connection can be had, and the transaction
 * manager's {@code SystemException} / {@code XAException}, with which a commit or rollback on a
 * connection that died under it fails (their causes are often not chained). And any unchecked
 * failure raised inside the Jakarta Connectors SPI's {@code ConnectionManager.allocateConnection},
 * through which every server's pool hands out connections: the pool could not give one (Payara's
 * pool, for one, can fail there with "Task already scheduled or cancelled" while the database is
 * away), which is the outage's symptom, not a fault of the request.
 *
 * <p>The pool settings that make the service serve again as soon as the database is back live
 * with the data source in {@code server-config/} (README "Reliability").
 */
public final class DatabaseOutage {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());

  /** Seconds the caller is asked to wait before retrying; a restart or failover takes a few. */
  public static final int RETRY_AFTER_SECONDS = 10;

  public static final String SCIM_DETAIL =
      "Provisio is temporarily unavailable: its database cannot be reached. Nothing needs to be"
          + " done: the identity provider retries the request later.";

  public static final String ADMIN_MESSAGE =
      "Provisio is temporarily unavailable: its database cannot be reached. Try again in a few"
          + " seconds.";

  private static final long LOG_INTERVAL_MILLIS = 10_000;
  private static final AtomicLong lastLogged = new AtomicLong();
  private static final AtomicLong refusedSinceLog = new AtomicLong();

  private DatabaseOutage() {}

  /** True when the failure, or any of its causes, means the database cannot be used right now. */
  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof jakarta.resource.ResourceException
          || t instanceof javax.transaction.xa.XAException
          || t instanceof jakarta.transaction.SystemException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof SQLTimeoutException) {
        return true;
      }
      if (t instanceof RuntimeException && raisedAllocatingAConnection(t)) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
            || state.equals("55000")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the failure was raised while the pool allocated a connection (ConnectionManager.allocateConnection). */
  static boolean raisedAllocatingAConnection(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getMethodName().equals("allocateConnection")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records a request refused because of an outage: at most one WARNING line every ten seconds,
   * naming the cause and how many requests were refused since the last line.
   */
  public static void refused(Throwable failure) {
    long refused = refusedSinceLog.incrementAndGet();
    long now = System.currentTimeMillis();
    long last = lastLogged.get();
    if (now - last >= LOG_INTERVAL_MILLIS && lastLogged.compareAndSet(last, now)) {
      refusedSinceLog.addAndGet(-refused);
      LOG.log(
          Level.WARNING,
          "Database of data source jdbc/provisio unavailable ({0}); {1} request(s) answered 503"
              + " since the last such message",
          new Object[] {rootCause(failure), refused});
    }
  }

  /** The innermost cause's type and message: what an operator needs, without a stack trace. */
  public static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
