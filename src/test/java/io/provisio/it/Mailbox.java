package io.provisio.it;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** What a recipient found in the tests' SMTP server (GreenMail). */
final class Mailbox {

  private Mailbox() {}

  /**
   * The mails to this address whose subject contains {@code subjectPart}, each once: GreenMail
   * keeps one copy per recipient, and one sent mail counts once.
   */
  static List<MimeMessage> mailsTo(GreenMail smtp, String recipient, String subjectPart) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    var ids = new HashSet<String>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (mail.getSubject().contains(subjectPart)
          && Arrays.stream(mail.getAllRecipients()).anyMatch(r -> r.toString().equals(recipient))
          && ids.add(mail.getMessageID())) {
        found.add(mail);
      }
    }
    return found;
  }
}
