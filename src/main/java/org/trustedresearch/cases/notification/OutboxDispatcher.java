package org.trustedresearch.cases.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.Outbox.Message;

/**
 * Delivers the outbox over SMTP. Each message is marked sent as soon as the server accepted it, so
 * that a dispatcher that stops mid-batch leaves only unsent messages behind; they are claimed again
 * once its lock expires, with the same Message-ID. Failures are retried with doubling waits, then
 * left FAILED for an administrator. Without an SMTP server configured nothing is sent and the
 * outbox keeps everything.
 */
@Component
public class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final NotificationProperties properties;
  private final String dispatcherId = "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong claims = new AtomicLong();
  private final Counter failures;
  private final Counter delivered;

  OutboxDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.properties = properties;
    this.failures = Counter.builder("trc.notifications.delivery.failures")
        .description("Failed attempts to deliver a notification").register(meters);
    this.delivered = Counter.builder("trc.notifications.delivered")
        .description("Notifications accepted by the SMTP server").register(meters);
  }

  @Scheduled(fixedDelayString = "${trusted-research.notification.dispatch.interval:PT2S}")
  void deliverContinuously() {
    if (!properties.dispatch().enabled() || mailSender.getIfAvailable() == null) {
      return;
    }
    while (dispatchDue() == properties.dispatch().batchSize()) {
      // a full batch: there may be more waiting
    }
  }

  /** Delivers batches until nothing is due; returns how many messages were claimed. */
  public int deliverAll() {
    int claimed = 0;
    for (int batch = dispatchDue(); batch > 0; batch = dispatchDue()) {
      claimed += batch;
    }
    return claimed;
  }

  /** Claims one batch of due messages and delivers it; returns how many were claimed. */
  public int dispatchDue() {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    String claim = dispatcherId + "-" + claims.incrementAndGet();
    List<Message> batch = outbox.claim(claim, properties.dispatch().batchSize(), now(),
        properties.dispatch().lockTimeout());
    if (batch.isEmpty()) {
      return 0;
    }
    if (sender instanceof JavaMailSenderImpl smtp) {
      deliverOverOneConnection(smtp, batch, claim);
    } else {
      for (Message message : batch) {
        deliver(sender, message, claim);
      }
    }
    return batch.size();
  }

  /** A batch over one SMTP connection, each message marked sent as soon as the server took it. */
  private void deliverOverOneConnection(JavaMailSenderImpl smtp, List<Message> batch, String claim) {
    Transport transport = null;
    try {
      for (int i = 0; i < batch.size(); i++) {
        Message message = batch.get(i);
        if (transport == null || !transport.isConnected()) {
          try {
            transport = connect(smtp);
          } catch (MessagingException unreachable) {
            // the server is down: the rest of the batch waits for its next attempt
            batch.subList(i, batch.size()).forEach(waiting -> failed(waiting, claim, unreachable));
            return;
          }
        }
        try {
          MimeMessage mime = mime(smtp.getSession(), message);
          mime.saveChanges();
          transport.sendMessage(mime, mime.getAllRecipients());
          sent(message, claim);
        } catch (MessagingException e) {
          failed(message, claim, e);
        }
      }
    } finally {
      close(transport);
    }
  }

  private void deliver(JavaMailSender sender, Message message, String claim) {
    try {
      sender.send(mime(Session.getInstance(new Properties()), message));
      sent(message, claim);
    } catch (MailException | MessagingException e) {
      failed(message, claim, e);
    }
  }

  private void sent(Message message, String claim) {
    outbox.sent(message.id(), claim, now());
    delivered.increment();
  }

  private void failed(Message message, String claim, Exception e) {
    failures.increment();
    int attempts = message.attempts() + 1;
    Instant next = attempts >= properties.dispatch().maxAttempts() ? null : now().plus(backoff(attempts));
    outbox.failed(message.id(), claim, e.getMessage(), next);
    log.warn("Could not deliver notification {} to {} (attempt {}): {}", message.id(), message.recipient(), attempts,
        e.getMessage());
  }

  /** Connects as JavaMailSenderImpl would for a single send. */
  private static Transport connect(JavaMailSenderImpl smtp) throws MessagingException {
    Transport transport = smtp.getSession().getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol());
    String username = smtp.getUsername() == null || smtp.getUsername().isEmpty() ? null : smtp.getUsername();
    String password = username == null || smtp.getPassword() == null || smtp.getPassword().isEmpty() ? null
        : smtp.getPassword();
    transport.connect(smtp.getHost(), smtp.getPort(), username, password);
    return transport;
  }

  private static void close(Transport transport) {
    try {
      if (transport != null && transport.isConnected()) {
        transport.close();
      }
    } catch (MessagingException e) {
      log.debug("Closing the SMTP connection failed: {}", e.getMessage());
    }
  }

  /** Waits double with every failure: first retry, then twice that, up to the longest wait. */
  Duration backoff(int attempts) {
    Duration wait = properties.dispatch().firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
    return wait.compareTo(properties.dispatch().maxRetry()) > 0 ? properties.dispatch().maxRetry() : wait;
  }

  private MimeMessage mime(Session session, Message message) throws MessagingException {
    MimeMessage mime = new StableIdMessage(session, message.messageId());
    MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(message.recipient());
    helper.setSubject(message.subject());
    helper.setText(message.text(), message.html());
    return mime;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Keeps the outbox row's Message-ID: a message sent again is recognisably the same message. */
  static class StableIdMessage extends MimeMessage {

    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
