package io.provisio.doctor.control;

import io.provisio.platform.DatabaseOutage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the alerts every few minutes ({@code provisio.alerts.interval-minutes}, default 5) on every
 * member: non-persistent, like the expiry notices' timer, since what must happen once in a cluster
 * (an onset, a mail, a digest) is decided in the database ({@link AlertRecords}).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class AlertTimer {

  private static final Logger LOG = Logger.getLogger(AlertTimer.class.getName());

  @Resource TimerService timers;
  @Inject Alerts alerts;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.alerts.interval-minutes", defaultValue = "5")
  int intervalMinutes;

  @PostConstruct
  void schedule() {
    timers.getTimers().forEach(jakarta.ejb.Timer::cancel);
    long interval = Math.max(1, intervalMinutes) * 60_000L;
    timers.createIntervalTimer(interval, interval, new TimerConfig("provisioning-alerts", false));
  }

  @Timeout
  void fire() {
    try {
      alerts.run(clock.instant());
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        LOG.log(Level.WARNING, "Alerts skipped, the database is unavailable ({0}); evaluated again on the next run",
            DatabaseOutage.rootCause(e));
        return;
      }
      LOG.log(Level.WARNING, "Alerts failed; they are evaluated again on the next run", e);
    }
  }
}
