package org.trustedresearch.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.trustedresearch.cases.notification.Outbox.Mail;
import org.trustedresearch.cases.notification.Outbox.Status;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PostgresTest;
import org.trustedresearch.cases.support.TestMailServer;

/** Two application instances on one PostgreSQL database deliver each mail once between them. */
@PostgresTest
class TwoDispatchersOnPostgresTest {

  static final int MAILS = 400;

  @Autowired
  Outbox outbox;
  @Autowired
  ObjectProvider<JavaMailSender> mailSender;
  @Autowired
  NotificationProperties properties;
  @Autowired
  MeterRegistry meters;
  @Autowired
  JdbcClient jdbc;

  @Test
  void twoDispatchersDeliverEveryMailExactlyOnce() throws Exception {
    jdbc.sql("delete from tr_notification_outbox").update();
    TestMailServer.restart();
    for (int i = 0; i < MAILS; i++) {
      outbox.enqueue(new Mail("two-dispatchers", null, "rachel", "rachel@example.org", "Mail " + i, "Text " + i,
          "<p>Html " + i + "</p>", false), ClockUtil.getCurrentTime().toInstant());
    }
    NotificationProperties smallBatches = new NotificationProperties(properties.baseUrl(), properties.from(),
        properties.templates(), properties.headOfRiskSignature(), new NotificationProperties.Dispatch(true,
            properties.dispatch().interval(), 10, 3, properties.dispatch().firstRetry(),
            properties.dispatch().maxRetry(), properties.dispatch().lockTimeout()));
    List<OutboxDispatcher> instances = List.of(
        new OutboxDispatcher(outbox, mailSender, smallBatches, meters),
        new OutboxDispatcher(outbox, mailSender, smallBatches, meters));

    ExecutorService threads = Executors.newFixedThreadPool(2);
    // both start together, so that neither drains the outbox before the other has begun
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Integer>> claimed = new ArrayList<>();
    for (OutboxDispatcher instance : instances) {
      claimed.add(threads.submit(() -> {
        start.await();
        return instance.deliverAll();
      }));
    }
    int first = claimed.get(0).get();
    int second = claimed.get(1).get();
    threads.shutdown();

    assertThat(first + second).isEqualTo(MAILS);
    assertThat(first).as("both instances worked").isPositive();
    assertThat(second).as("both instances worked").isPositive();
    assertThat(outbox.countByStatus().get(Status.SENT)).isEqualTo(MAILS);
    assertThat(Mailbox.all()).hasSize(MAILS).extracting(Mailbox.Mail::messageId).doesNotHaveDuplicates();
  }
}
