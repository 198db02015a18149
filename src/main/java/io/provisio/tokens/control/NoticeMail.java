package io.provisio.tokens.control;

import io.provisio.platform.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the expiry notice and sends it through {@link Mail}. Without a mail session (the embedded
 * default) sending fails with a reason that is recorded, and the notice is retried on the next
 * run. The mail never contains a token.
 */
@ApplicationScoped
public class NoticeMail {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public void send(
      List<String> recipients, String tenantName, Instant expiresAt, long daysLeft, String baseUrl)
      throws Mail.NotSent {
    Mail.send(recipients, subject(tenantName, daysLeft), body(tenantName, expiresAt, daysLeft, baseUrl));
  }

  static String subject(String tenantName, long daysLeft) {
    if (daysLeft < 0) {
      return "Provisio: the SCIM token of " + tenantName + " has expired";
    }
    if (daysLeft == 0) {
      return "Provisio: the SCIM token of " + tenantName + " expires today";
    }
    return "Provisio: the SCIM token of "
        + tenantName
        + " expires in "
        + daysLeft
        + (daysLeft == 1 ? " day" : " days");
  }

  static String body(String tenantName, Instant expiresAt, long daysLeft, String baseUrl) {
    String state =
        daysLeft < 0
            ? "has expired"
            : daysLeft == 0 ? "expires today" : "expires in " + daysLeft + (daysLeft == 1 ? " day" : " days");
    String console = baseUrl == null || baseUrl.isBlank() ? "the Provisio console" : baseUrl + "/console";
    return "Hello,\n\n"
        + "the SCIM token that your identity provider uses to provision the users of \""
        + tenantName
        + "\" "
        + state
        + ".\n\n"
        + "Account: "
        + tenantName
        + "\n"
        + "Expires: "
        + WHEN.format(expiresAt)
        + "\n"
        + "Days left: "
        + Math.max(daysLeft, 0)
        + "\n\n"
        + "When it expires, your identity provider can no longer create, update or deactivate users.\n\n"
        + "To replace it (a CLOUD_ADMIN can do this):\n"
        + "1. Sign in to "
        + console
        + ", open the Token page and choose \"Generate new token\".\n"
        + "   The old token stops working at once, so have your identity provider open.\n"
        + "2. Copy the new token; it is shown only once.\n"
        + "3. Okta: Applications > your Provisio app > Provisioning > Integration > Edit,\n"
        + "   paste it into \"API Token\" (authentication mode \"HTTP Header\"), then \"Test API Credentials\" and Save.\n"
        + "4. Microsoft Entra ID: Enterprise applications > your Provisio app > Provisioning > Admin Credentials,\n"
        + "   paste it into \"Secret Token\", then \"Test Connection\" and Save.\n\n"
        + "If your identity provider uses an OAuth client instead, nothing needs to be done.\n\n"
        + "-- Provisio\n";
  }
}
