package io.provisio.tenants.control;

import io.provisio.platform.Mail;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The password-reset mail, sent in the background so that the answer to "send me a link" takes
 * the same time whether the account exists or not. The link is built from {@code
 * provisio.public-url} only, never from the request's Host header (a forged Host would otherwise
 * make the mail carry a link to the forger's site, with a valid token in it); without it, the mail
 * says where to enter the code. A failure is logged without the token.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResetMails {

  private static final Logger LOG = Logger.getLogger(ResetMails.class.getName());
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  public static final String SUBJECT = "Provisio: reset your password";

  @Inject
  @ConfigProperty(name = "provisio.public-url")
  Optional<String> publicUrl;

  @Asynchronous
  public void send(PasswordResets.Issued reset, String issuedBy) {
    try {
      Mail.send(List.of(reset.email()), SUBJECT, body(reset, issuedBy));
    } catch (Mail.NotSent e) {
      LOG.warning("Password-reset mail not sent: " + e.getMessage());
    }
  }

  /** The console's reset page for this token, when the public URL is known. */
  public Optional<String> link(String token) {
    return publicUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "") + "/console/#/reset/" + token);
  }

  private String body(PasswordResets.Issued reset, String issuedBy) {
    String why = issuedBy == null
        ? "someone (hopefully you) asked to reset the password of your Provisio account " + reset.email() + "."
        : issuedBy + " issued a password reset for your Provisio account " + reset.email() + ".";
    String how = link(reset.token())
        .map(link -> "To choose a new password, open this link:\n\n  " + link + "\n")
        .orElse("To choose a new password, open the Provisio console, choose \"Forgot your password?\" on its"
            + " sign-in page, then \"I have a reset code\", and enter this code:\n\n  " + reset.token() + "\n");
    return "Hello,\n\n" + why + "\n\n" + how
        + "\nIt works once, until " + WHEN.format(reset.expiresAt()) + ". Setting the new password signs you"
        + " out of the console everywhere.\n\n"
        + "If you did not ask for this, ignore this mail: your password stays as it is.\n\n-- Provisio\n";
  }
}
