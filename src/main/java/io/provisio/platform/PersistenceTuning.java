package io.provisio.platform;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink only (named by {@code eclipselink.session.customizer} in persistence.xml, which other
 * JPA providers ignore, so they never load this class): no silent retries of a read query after a
 * lost connection, and no deployment failure because the database is not up yet.
 *
 * <p>By default EclipseLink retries a read outside a transaction three times, five seconds apart,
 * when the connection fails. During a database outage that held every SCIM request for 15 s or
 * more instead of answering 503 at once, and hid the outage from the IdP, which retries by itself
 * (README "Reliability"). The pool (server-config/) already validates and replaces connections.
 */
public class PersistenceTuning implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
    session.getLogin().setDelayBetweenConnectionAttempts(0);
    // EclipseLink logs in (and detects the database) while the application is being deployed:
    // with the database not up yet, that would fail the deployment at once, with pages of stack
    // trace. Wait for it first, bounded and logged, like the schema migration does.
    if (session.getLogin().getConnector() instanceof JNDIConnector jndi && jndi.getDataSource() != null) {
      DatabaseWait.await(jndi.getDataSource(), DatabaseWait.configuredSeconds());
    }
  }
}
