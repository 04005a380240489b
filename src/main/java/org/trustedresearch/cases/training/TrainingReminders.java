package org.trustedresearch.cases.training;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Directory.Person;
import org.trustedresearch.cases.notification.Notifications;
import org.trustedresearch.cases.platform.ScheduledRuns;
import org.trustedresearch.cases.training.TrainingProperties.Module;

/**
 * Tells each person, once per record, that a training completion of theirs expires within the lead
 * time (30 days unless configured): which module, on which day, and where to take it again, signed
 * by the configured senior person. No reminder goes for a record that a newer completion of the same
 * module (imported, confirmed or waiting for confirmation) has replaced. Someone without an e-mail
 * address, or no longer in the directory, is not reminded; that is logged, counted and kept in
 * {@code tr_training_reminder}, so the research office can follow it up.
 */
@Component
class TrainingReminders {

  static final String JOB = "training-reminders";
  static final String TEMPLATE = "training-reminder";
  /** Shorter than the day between runs, longer than the nodes' clocks differ. */
  static final Duration HOLD = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(TrainingReminders.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  /** What became of one expiring record. */
  enum Outcome { SENT, NO_EMAIL, NOT_IN_DIRECTORY }

  /** How many records a run reminded, and how many it could not. */
  record Run(int sent, int withoutEmail, int notInDirectory) {
  }

  private record Expiring(long recordId, String userId, Module module, LocalDate expiresOn) {
  }

  private final JdbcClient jdbc;
  private final TrainingRecords records;
  private final TrainingProperties modules;
  private final ReminderProperties properties;
  private final Directory directory;
  private final Notifications notifications;
  private final ScheduledRuns runs;
  private final TransactionTemplate transaction;
  private final MeterRegistry meters;

  TrainingReminders(JdbcClient jdbc, TrainingRecords records, TrainingProperties modules, ReminderProperties properties,
      Directory directory, Notifications notifications, ScheduledRuns runs,
      PlatformTransactionManager transactions, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.records = records;
    this.modules = modules;
    this.properties = properties;
    this.directory = directory;
    this.notifications = notifications;
    this.runs = runs;
    this.transaction = new TransactionTemplate(transactions);
    this.meters = meters;
  }

  /** The daily run, on whichever node claims it first. */
  @Scheduled(cron = "${trusted-research.training.reminders.cron:0 15 6 * * *}",
      zone = "${trusted-research.service-levels.zone}")
  void remindOncePerCluster() {
    if (runs.claim(JOB, HOLD)) {
      remindExpiring();
    }
  }

  /** Reminds everyone whose record expires within the lead time and was not reminded of it yet. */
  Run remindExpiring() {
    int[] counts = new int[Outcome.values().length];
    for (Expiring record : expiring()) {
      Optional<Outcome> outcome = JobSteps.run(transaction, () -> remind(record),
          e -> log.error("Could not remind {} of training record {}; the next run tries again", record.userId(),
              record.recordId(), e));
      outcome.ifPresent(done -> {
        counts[done.ordinal()]++;
        meters.counter("trc.training.reminders", "outcome", done.name()).increment();
      });
    }
    Run run = new Run(counts[Outcome.SENT.ordinal()], counts[Outcome.NO_EMAIL.ordinal()],
        counts[Outcome.NOT_IN_DIRECTORY.ordinal()]);
    if (run.sent() + run.withoutEmail() + run.notInDirectory() > 0) {
      log.info("Training reminders: {} sent, {} people without an e-mail address, {} no longer in the directory",
          run.sent(), run.withoutEmail(), run.notInDirectory());
    }
    return run;
  }

  /** The latest record of each person and module that expires after today and within the lead time. */
  private List<Expiring> expiring() {
    LocalDate today = records.today();
    LocalDate until = today.plus(properties.leadTime());
    List<Expiring> due = new ArrayList<>();
    for (Module module : modules.modules()) {
      // a generous window of completion days, narrowed below by each record's exact expiry
      LocalDate from = today.minus(module.validity()).minusDays(3);
      LocalDate to = until.minus(module.validity()).plusDays(3);
      jdbc.sql("""
          select r.id, r.user_id, r.completed_on from tr_training_record r
          where r.module_id = :module and r.status in ('IMPORTED', 'CONFIRMED')
            and r.completed_on between :from and :to
            and not exists (select 1 from tr_training_reminder m where m.record_id = r.id)
            and not exists (select 1 from tr_training_record n where n.user_id = r.user_id and n.module_id = r.module_id
              and n.status <> 'REJECTED' and (n.completed_on > r.completed_on
                or (n.completed_on = r.completed_on and n.id > r.id)))
          order by r.user_id, r.id""")
          .param("module", module.id()).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
          .query((rs, row) -> new Expiring(rs.getLong(1), rs.getString(2), module,
              rs.getDate(3).toLocalDate().plus(module.validity())))
          .list().stream()
          .filter(record -> record.expiresOn().isAfter(today) && !record.expiresOn().isAfter(until))
          .forEach(due::add);
    }
    return due;
  }

  /** Writes the reminder and its row in one transaction; empty if another node reminded it a moment ago. */
  private Optional<Outcome> remind(Expiring record) {
    Optional<Person> person = directory.person(record.userId());
    Outcome outcome = person.isEmpty() ? Outcome.NOT_IN_DIRECTORY
        : person.get().email() == null || person.get().email().isBlank() ? Outcome.NO_EMAIL : Outcome.SENT;
    try {
      jdbc.sql("""
          insert into tr_training_reminder (record_id, user_id, module_id, expires_on, outcome, reminded_at)
          values (:record, :user, :module, :expires, :outcome, :at)""")
          .param("record", record.recordId()).param("user", record.userId()).param("module", record.module().id())
          .param("expires", Date.valueOf(record.expiresOn())).param("outcome", outcome.name())
          .param("at", Timestamp.from(TrainingRecords.now())).update();
    } catch (DuplicateKeyException remindedElsewhere) {
      return Optional.empty();
    }
    if (outcome != Outcome.SENT) {
      log.warn("{}'s {} training expires on {}, but they cannot be reminded: {}", record.userId(),
          record.module().id(), record.expiresOn(), outcome == Outcome.NO_EMAIL ? "no e-mail address"
              : "not in the directory");
      return Optional.of(outcome);
    }
    notifications.tell(TEMPLATE, null, record.userId(), Map.of(
        "moduleTitle", record.module().title() == null ? record.module().id() : record.module().title(),
        "moduleLink", record.module().link() == null ? "" : record.module().link(),
        "expiresOn", DAY.format(record.expiresOn())), false);
    return Optional.of(outcome);
  }
}
