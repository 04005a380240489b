package org.trustedresearch.cases.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.Mailbox.Mail;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.training.TrainingRecords.Source;
import org.trustedresearch.cases.training.TrainingRecords.Status;

/** Reminders 30 days before a training record expires: once per record, through the outbox, to a real SMTP server. */
@CaseManagementTest
class TrainingRemindersTest {

  static final String MODULE = "trusted-research";
  static final AtomicInteger PEOPLE = new AtomicInteger();

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TrainingRecords records;
  @Autowired
  TrainingReminders reminders;
  @Autowired
  OutboxDispatcher dispatcher;

  /** A researcher of their own, with an e-mail address unless {@code withEmail} is false. */
  String newResearcher(boolean withEmail) {
    return TestUsers.newPerson(engine.getIdentityService(), "reminded" + PEOPLE.incrementAndGet(), "Reminded",
        withEmail, "researchers");
  }

  /** An imported completion that expires {@code days} from today (the module counts for 12 months). */
  long completionExpiringIn(String user, int days) {
    return records.insert(user, MODULE, PinnedClock.today().plusDays(days).minusMonths(12), Source.IMPORT,
        Status.IMPORTED, "sam", PinnedClock.now());
  }

  static List<Mail> remindersTo(String user) {
    return Mailbox.all().stream().filter(mail -> mail.to().equals(user + "@example.org"))
        .filter(mail -> mail.subject().contains("training expires")).toList();
  }

  static String day(LocalDate date) {
    return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).format(date);
  }

  String outcomeOf(long record) {
    return jdbc.sql("select outcome from tr_training_reminder where record_id = ?").params(record)
        .query(String.class).optional().orElse(null);
  }

  @Test
  void aPersonIsRemindedOnceBeforeTheirTrainingExpiresWithModuleDateLinkAndTheEndorsersSignature() {
    String person = newResearcher(true);
    long record = completionExpiringIn(person, 20);

    reminders.remindExpiring();
    dispatcher.deliverAll();

    List<Mail> sent = remindersTo(person);
    assertThat(sent).hasSize(1);
    Mail reminder = sent.get(0);
    String expiry = day(PinnedClock.today().plusDays(20));
    assertThat(reminder.subject()).isEqualTo("Your Trusted Research training expires on " + expiry);
    assertThat(reminder.text()).contains("Dear Reminded", "expires on " + expiry,
        "https://learning.example.org/course/trusted-research", "Professor Alex Morgan",
        "Pro-Vice-Chancellor for Research");
    assertThat(reminder.html()).contains("href=\"https://learning.example.org/course/trusted-research\"",
        "Professor Alex Morgan");
    assertThat(outcomeOf(record)).isEqualTo("SENT");

    // the next days' runs, and a run on another node, find it reminded already
    PinnedClock.stopAt(PinnedClock.now().plus(Duration.ofDays(1)));
    reminders.remindExpiring();
    reminders.remindExpiring();
    dispatcher.deliverAll();
    assertThat(remindersTo(person)).hasSize(1);
  }

  @Test
  void aRecordIsRemindedOnlyOnceItsExpiryIsWithinThirtyDays() {
    String person = newResearcher(true);
    long record = completionExpiringIn(person, 40);

    reminders.remindExpiring();
    dispatcher.deliverAll();
    assertThat(remindersTo(person)).isEmpty();
    assertThat(outcomeOf(record)).isNull();

    PinnedClock.stopAt(PinnedClock.now().plus(Duration.ofDays(10)));
    reminders.remindExpiring();
    dispatcher.deliverAll();
    assertThat(remindersTo(person)).hasSize(1);
    assertThat(remindersTo(person).get(0).subject()).endsWith(day(PinnedClock.today().plusDays(30)));
  }

  @Test
  void nobodyIsRemindedOfARecordANewerCompletionOfTheModuleHasReplaced() {
    String renewed = newResearcher(true);
    long old = completionExpiringIn(renewed, 10);
    records.insert(renewed, MODULE, PinnedClock.today().minusDays(7), Source.IMPORT, Status.IMPORTED, "sam",
        PinnedClock.now());
    String declared = newResearcher(true);
    long oldOfDeclared = completionExpiringIn(declared, 10);
    records.declare(declared, MODULE, PinnedClock.today().minusDays(2).toString());

    reminders.remindExpiring();
    dispatcher.deliverAll();

    assertThat(remindersTo(renewed)).isEmpty();
    assertThat(remindersTo(declared)).as("a newer declaration waits for the research office").isEmpty();
    assertThat(outcomeOf(old)).isNull();
    assertThat(outcomeOf(oldOfDeclared)).isNull();
  }

  @Test
  void someoneWithoutAnEmailAddressIsNotRemindedAndThatIsKept() {
    String person = newResearcher(false);
    long record = completionExpiringIn(person, 5);
    long before = jdbc.sql("select count(*) from tr_notification_outbox where recipient_user = ?").params(person)
        .query(Long.class).single();

    TrainingReminders.Run run = reminders.remindExpiring();
    reminders.remindExpiring();

    assertThat(run.withoutEmail()).isGreaterThanOrEqualTo(1);
    assertThat(outcomeOf(record)).isEqualTo("NO_EMAIL");
    assertThat(jdbc.sql("select count(*) from tr_notification_outbox where recipient_user = ?").params(person)
        .query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void anExpiredRecordAndARejectedDeclarationAreNotReminded() {
    String person = newResearcher(true);
    long expired = completionExpiringIn(person, -1);
    long rejected = records.declare(person, "export-control-awareness",
        PinnedClock.today().minusMonths(24).plusDays(10).toString()).id();
    records.reject(rejected, "sam", "No certificate");

    reminders.remindExpiring();
    dispatcher.deliverAll();

    assertThat(remindersTo(person)).isEmpty();
    assertThat(outcomeOf(expired)).isNull();
    assertThat(outcomeOf(rejected)).isNull();
  }
}
