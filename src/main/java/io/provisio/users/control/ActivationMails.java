package io.provisio.users.control;

import io.provisio.platform.Mail;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.logging.Logger;

/**
 * The activation email a mapping may ask for: sent in the background so that a slow mail server
 * never slows the IdP's create; a failure is logged (without the address's mailbox content).
 */
@Stateless
public class ActivationMails {

  private static final Logger LOG = Logger.getLogger(ActivationMails.class.getName());

  @Asynchronous
  public void send(String email, String displayName, String accountName, String tenantName, int quotaGb) {
    try {
      Mail.send(
          List.of(email),
          "Your " + tenantName + " backup account is ready",
          "Hello " + displayName + ",\n\n"
              + "your backup account at " + tenantName + " has been created by your organisation's"
              + " identity provider.\n\n"
              + "Account name: " + accountName + "\n"
              + "Storage quota: " + (quotaGb == 0 ? "unlimited" : quotaGb + " GB") + "\n\n"
              + "To get started, install the backup client, sign in with your organisation's"
              + " account, and choose what to back up. Your administrator decides the policies"
              + " that apply to you.\n\n-- Provisio\n");
    } catch (Mail.NotSent e) {
      LOG.warning("Activation email not sent: " + e.getMessage());
    }
  }
}
