package io.provisio.tenants.control;

import io.provisio.platform.DatabaseOutage;
import io.provisio.platform.Mail;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the owner of an account, by email, that sign-ins to it are backing off (issue 16): the
 * sign-in answer itself says the same for every account, known or not, so the owner learns it here
 * and from the list of administrators, where whoever manages the account can unlock it. At most
 * one mail an hour per account, however many instances and addresses are involved (the database
 * decides which instance sends it). Runs after the answer, never slowing the sign-in down.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackoffNotices {

  private static final Logger LOG = Logger.getLogger(BackoffNotices.class.getName());
  private static final Duration ONE_MAIL_PER = Duration.ofHours(1);

  @Inject AdministratorAccounts accounts;

  @Inject
  @ConfigProperty(name = "provisio.public-url")
  Optional<String> publicUrl;

  @Asynchronous
  public void backingOff(AdministratorAccounts.Credential account, String address, long waitMillis, Instant at) {
    boolean mail;
    try {
      mail = accounts.recordBackoff(account.id(), at, ONE_MAIL_PER);
    } catch (RuntimeException e) {
      if (!DatabaseOutage.is(e)) LOG.log(Level.WARNING, "A sign-in backoff could not be recorded", e);
      return;
    }
    if (!mail || !Mail.isConfigured()) {
      return;
    }
    try {
      Mail.send(List.of(account.email()), "Provisio: sign-ins to your account are being slowed down",
          body(account, address, waitMillis));
    } catch (Mail.NotSent e) {
      LOG.warning("Sign-in backoff notice not sent: " + e.getMessage());
    }
  }

  private String body(AdministratorAccounts.Credential account, String address, long waitMillis) {
    long minutes = Math.max(1, (waitMillis + 59_999) / 60_000);
    String console = publicUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "") + "/console/").orElse("the Provisio console");
    String whoUnlocks = account.tenantId() == null
        ? "another platform operator"
        : "a CLOUD_ADMIN of your tenant (or the platform operator)";
    return "Hello,\n\n"
        + "several sign-ins to your Provisio account " + account.email() + " from the address " + address
        + " failed with a wrong password. Sign-ins from that address must now wait (about " + minutes
        + (minutes == 1 ? " minute" : " minutes") + " at first, longer after further failures).\n"
        + "Sign-ins from other addresses are not affected.\n\n"
        + "If this was you:\n"
        + "- wait, then sign in with the right password, or\n"
        + "- ask " + whoUnlocks + " to unlock your sign-in (Administrators, \"Unlock\"), or\n"
        + "- choose \"Forgot your password?\" on the sign-in page of " + console + " to set a new one.\n\n"
        + "If this was not you, someone is guessing your password: nothing was given away, but choose a\n"
        + "long password if yours is short, and tell your administrator.\n\n"
        + "You get this mail at most once an hour.\n\n-- Provisio\n";
  }
}
