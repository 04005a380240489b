package org.trustedresearch.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.Outbox.Mail;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.TestMailServer;

/**
 * Drains a backlog of 10,000 notifications to a local SMTP server (GreenMail) and reports mails per
 * second and duplicates, which must be none. Run with {@code mvn -Pbenchmark test}; the result is
 * printed and written to target/benchmark/outbox-drain.txt. Delivery does not go through engine
 * jobs, so the job executor's settings play no part.
 */
@Tag("benchmark")
@CaseManagementTest
class OutboxDrainBenchmark {

  static final int BACKLOG = 10_000;

  @Autowired
  Outbox outbox;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  JdbcClient jdbc;

  @Test
  void drainsABacklogOfTenThousandNotifications() throws IOException {
    jdbc.sql("delete from tr_notification_outbox").update();
    TestMailServer.restart();
    for (int i = 0; i < BACKLOG; i++) {
      outbox.enqueue(new Mail("benchmark", "TR-2026-" + i, "rachel", "rachel@example.org", "Benchmark mail " + i,
          "A plain text body of a typical length for a task notification, number " + i + ".",
          "<p>An HTML body of a typical length for a task notification, number " + i + ".</p>", false), ClockUtil.getCurrentTime().toInstant());
    }

    long start = System.nanoTime();
    int claimed = dispatcher.deliverAll();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    List<Mailbox.Mail> received = Mailbox.all();
    Set<String> ids = new HashSet<>();
    long duplicates = received.stream().filter(mail -> !ids.add(mail.messageId())).count();
    double perSecond = received.size() / (took.toMillis() / 1000.0);
    String report = String.format("Outbox drain: %d notifications claimed, %d delivered in %.1f s: %.0f mails/s, "
        + "%d duplicates%n", claimed, received.size(), took.toMillis() / 1000.0, perSecond, duplicates);
    System.out.print(report);
    Path file = Path.of("target", "benchmark", "outbox-drain.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);

    assertThat(received).hasSize(BACKLOG);
    assertThat(duplicates).isZero();
  }
}
