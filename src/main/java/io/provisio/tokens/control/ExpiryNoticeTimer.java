package io.provisio.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
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
 * Runs the expiry notices on a calendar schedule from configuration (daily at 06:00 UTC by
 * default). The timer is non-persistent and created on every instance at start-up: Payara Micro
 * keeps persistent timers only in memory anyway, and what must survive restarts and happen once
 * in a cluster (the notice record) lives in the database.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class ExpiryNoticeTimer {

  private static final Logger LOG = Logger.getLogger(ExpiryNoticeTimer.class.getName());

  @Resource TimerService timers;
  @Inject ExpiryNotices notices;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.notices.hour", defaultValue = "6")
  String hour;

  @Inject
  @ConfigProperty(name = "provisio.notices.minute", defaultValue = "0")
  String minute;

  @PostConstruct
  void schedule() {
    timers.getTimers().forEach(jakarta.ejb.Timer::cancel);
    var expression = new ScheduleExpression().hour(hour).minute(minute).second("0").timezone("UTC");
    timers.createCalendarTimer(expression, new TimerConfig("token-expiry-notices", false));
  }

  @Timeout
  void fire() {
    try {
      notices.run(clock.instant());
    } catch (RuntimeException e) {
      if (io.provisio.platform.DatabaseOutage.is(e)) {
        LOG.log(Level.WARNING, "Token expiry notices skipped, the database is unavailable ({0});"
            + " they are sent on the next run", io.provisio.platform.DatabaseOutage.rootCause(e));
        return;
      }
      LOG.log(Level.WARNING, "Token expiry notices failed; they are retried on the next run", e);
    }
  }
}
