package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** What the test SMTP server received, as readable e-mails. */
public final class Mailbox {

  /** One received e-mail. */
  public record Mail(String to, String subject, String text, String html, String messageId) {
  }

  private Mailbox() {
  }

  public static List<Mail> all() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage message : TestMailServer.received()) {
      mails.add(read(message));
    }
    return mails;
  }

  /** The e-mails to one user (demo addresses are user id @example.org) about one case. */
  public static List<Mail> to(String userId, String caseReference) {
    return all().stream()
        .filter(mail -> mail.to().equals(userId + "@example.org"))
        .filter(mail -> mail.subject().contains(caseReference) || mail.text().contains(caseReference))
        .toList();
  }

  public static List<Mail> about(String caseReference) {
    return all().stream().filter(mail -> mail.subject().contains(caseReference) || mail.text().contains(caseReference))
        .toList();
  }

  static Mail read(MimeMessage message) {
    try {
      String[] bodies = {null, null};
      collect(message, bodies);
      String to = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
      return new Mail(to, message.getSubject(), bodies[0] == null ? "" : bodies[0], bodies[1] == null ? "" : bodies[1],
          message.getMessageID());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") && bodies[0] == null) {
      bodies[0] = (String) part.getContent();
    } else if (part.isMimeType("text/html") && bodies[1] == null) {
      bodies[1] = (String) part.getContent();
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        collect(body, bodies);
      }
    }
  }
}
