package io.provisio.platform;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends plain-text mail through the mail session {@code mail/provisio} ({@link ServerResources}) that the server
 * configuration defines (server-config/). Without one, sending fails with a reason an operator
 * understands, never silently.
 */
public final class Mail {

  /** Sending failed; the message says why. */
  public static class NotSent extends Exception {
    public NotSent(String message) {
      super(message);
    }
  }

  private Mail() {}

  private static Session session() throws NotSent {
    for (String name : ServerResources.MAIL_SESSION_LOOKUPS) {
      try {
        return InitialContext.doLookup(name);
      } catch (NamingException | ClassCastException e) {
        // not bound under this name on this server: the next one
      }
    }
    throw new NotSent("No mail session " + ServerResources.MAIL_SESSION_NAME
        + " is configured on this server; see server-config/.");
  }

  /** Whether this server has a mail session for Provisio (the embedded default has none). */
  public static boolean isConfigured() {
    try {
      session();
      return true;
    } catch (NotSent e) {
      return false;
    }
  }

  public static void send(List<String> recipients, String subject, String body) throws NotSent {
    Session session = session();
    try {
      var message = new MimeMessage(session);
      String from = session.getProperty("mail.from");
      message.setFrom(new InternetAddress(from == null || from.isBlank() ? "provisio@localhost" : from));
      for (String recipient : recipients) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
      }
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(body, StandardCharsets.UTF_8.name());
      Transport.send(message);
    } catch (MessagingException e) {
      throw new NotSent("The mail server refused the mail or could not be reached: " + e.getMessage());
    }
  }
}
