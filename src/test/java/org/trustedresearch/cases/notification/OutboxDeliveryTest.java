package org.trustedresearch.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.trustedresearch.cases.notification.Outbox.Mail;
import org.trustedresearch.cases.notification.Outbox.Status;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestMailServer;

/** Delivery through SMTP outages, give-ups and a dispatcher that stops mid-batch: nothing lost, nothing twice. */
@CaseManagementTest
class OutboxDeliveryTest {

  @Autowired
  Outbox outbox;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  JavaMailSender mailSender;
  @Autowired
  NotificationProperties properties;
  @Autowired
  MeterRegistry meters;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;

  @BeforeEach
  void anEmptyOutboxAndMailServerAndAStoppedClock() {
    PinnedClock.stopAt(PinnedClock.START);
    drain();
    jdbc.sql("delete from tr_notification_outbox").update();
    TestMailServer.restart();
  }

  @AfterEach
  void resetClockAndServer() {
    PinnedClock.restore();
    TestMailServer.restart();
  }

  void write(String kind, int count) {
    for (int i = 0; i < count; i++) {
      outbox.enqueue(new Mail(kind, "TR-2026-9" + String.format("%03d", i), "rachel", "rachel@example.org",
          kind + " " + i, "Text " + i, "<p>Html " + i + "</p>", false), ClockUtil.getCurrentTime().toInstant());
    }
  }

  void drain() {
    dispatcher.deliverAll();
  }

  long count(Status status) {
    return outbox.countByStatus().get(status);
  }

  void moveClock(Duration by) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
  }

  @Test
  void anSmtpOutageLosesNothingAndRecoveryDeliversEachMailExactlyOnce() {
    write("outage", 5);
    TestMailServer.stop();
    double failuresBefore = meters.counter("trc.notifications.delivery.failures").count();

    drain();
    assertThat(count(Status.PENDING)).isEqualTo(5);
    assertThat(outbox.list(Status.PENDING, null, 10)).allSatisfy(message -> {
      assertThat(message.attempts()).isEqualTo(1);
      assertThat(message.lastError()).isNotBlank();
      assertThat(message.nextAttemptAt()).isAfter(ClockUtil.getCurrentTime().toInstant());
    });
    assertThat(meters.counter("trc.notifications.delivery.failures").count()).isEqualTo(failuresBefore + 5);
    assertThat(dispatcher.dispatchDue()).as("waiting before the next attempt").isZero();

    TestMailServer.restart();
    moveClock(properties.dispatch().firstRetry().plusSeconds(1));
    drain();
    drain();

    assertThat(count(Status.SENT)).isEqualTo(5);
    List<Mailbox.Mail> received = Mailbox.all();
    assertThat(received).hasSize(5);
    assertThat(received).extracting(Mailbox.Mail::messageId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(outbox.list(Status.SENT, null, 10).stream()
            .map(Outbox.Message::messageId).toList());
  }

  @Test
  void retriesWaitLongerEachTimeThenGiveUpVisiblyUntilAnAdministratorRetries() {
    write("give-up", 1);
    TestMailServer.stop();
    assertThat(properties.dispatch().maxAttempts()).as("application.yaml: max-attempts").isEqualTo(10);
    assertThat(properties.dispatch().firstRetry()).as("application.yaml: first-retry").hasSeconds(30);
    assertThat(properties.dispatch().maxRetry()).as("application.yaml: max-retry").hasHours(1);
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt < 10; attempt++) {
      drain();
      Outbox.Message message = outbox.list(Status.PENDING, null, 1).get(0);
      assertThat(message.attempts()).isEqualTo(attempt);
      waits.add(Duration.between(ClockUtil.getCurrentTime().toInstant(), message.nextAttemptAt()));
      ClockUtil.setCurrentTime(Date.from(message.nextAttemptAt()));
    }
    assertThat(waits).as("30 s, doubled after every failure, never more than an hour").containsExactly(
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1),
        Duration.ofHours(1));
    drain();
    assertThat(count(Status.FAILED)).as("the tenth failure is the last").isEqualTo(1);

    Http http = new Http(port);
    Http.Reply listed = http.get("/api/admin/notifications?status=FAILED", "demo");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().path("counts").path("FAILED").asLong()).isEqualTo(1);
    long id = listed.json().path("messages").get(0).path("id").asLong();
    assertThat(listed.json().path("messages").get(0).path("lastError").asText()).isNotBlank();
    assertThat(http.get("/api/admin/notifications", "rachel").status()).isEqualTo(403);
    assertThat(http.post("/api/admin/notifications/" + id + "/retry", "rachel", "").status()).isEqualTo(403);
    assertThat(http.get("/api/admin/notifications?status=LOST", "demo").status()).isEqualTo(400);

    TestMailServer.restart();
    assertThat(http.post("/api/admin/notifications/" + id + "/retry", "demo", "").status()).isEqualTo(200);
    assertThat(http.post("/api/admin/notifications/" + id + "/retry", "demo", "").status()).isEqualTo(409);
    drain();
    assertThat(count(Status.SENT)).isEqualTo(1);
    assertThat(Mailbox.all()).hasSize(1);
  }

  @Test
  void aDispatcherStoppingMidBatchLeavesTheRestToAnotherWithoutDuplicates() {
    write("crash", 10);
    AtomicInteger sent = new AtomicInteger();
    // a sender that is not JavaMailSenderImpl takes the one-message-at-a-time path
    JavaMailSender crashesAfterFour = new JavaMailSender() {
      @Override
      public MimeMessage createMimeMessage() {
        return mailSender.createMimeMessage();
      }

      @Override
      public MimeMessage createMimeMessage(java.io.InputStream contentStream) {
        return mailSender.createMimeMessage(contentStream);
      }

      @Override
      public void send(MimeMessage... messages) throws MailException {
        for (MimeMessage message : messages) {
          if (sent.incrementAndGet() > 4) {
            throw new IllegalStateException("the dispatcher's process dies here");
          }
          mailSender.send(message);
        }
      }

      @Override
      public void send(org.springframework.mail.SimpleMailMessage... messages) throws MailException {
        mailSender.send(messages);
      }
    };
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("mailSender", crashesAfterFour);
    ObjectProvider<JavaMailSender> provider = beans.getBeanProvider(JavaMailSender.class);
    OutboxDispatcher dying = new OutboxDispatcher(outbox, provider, properties, meters);

    try {
      dying.dispatchDue();
    } catch (IllegalStateException expected) {
      // stopped after four messages
    }
    assertThat(count(Status.SENT)).isEqualTo(4);
    assertThat(count(Status.SENDING)).as("claimed by the stopped dispatcher").isEqualTo(6);
    assertThat(dispatcher.dispatchDue()).as("still locked").isZero();

    moveClock(properties.dispatch().lockTimeout().plusSeconds(1));
    drain();

    assertThat(count(Status.SENT)).isEqualTo(10);
    assertThat(Mailbox.all()).hasSize(10).extracting(Mailbox.Mail::messageId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(outbox.list(Status.SENT, null, 10).stream()
            .map(Outbox.Message::messageId).toList());
  }

  @Test
  void withoutAnSmtpServerConfiguredMailsWaitInTheOutbox() {
    write("no-smtp", 2);
    OutboxDispatcher unconfigured = new OutboxDispatcher(outbox, new StaticListableBeanFactory()
        .getBeanProvider(JavaMailSender.class), properties, meters);
    assertThat(unconfigured.dispatchDue()).isZero();
    assertThat(count(Status.PENDING)).isEqualTo(2);
    assertThat(meters.get("trc.notifications.outbox").tag("status", "PENDING").gauge().value()).isEqualTo(2.0);
  }
}
