package org.trustedresearch.cases.training;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Directory.Person;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.platform.ScheduledRuns;
import org.trustedresearch.cases.shared.CaseReferences;
import org.trustedresearch.cases.shared.EngineQueries;
import org.trustedresearch.cases.training.TrainingProperties.Module;

/**
 * Gives each new member of {@code researchers} whose training is not current the induction task
 * ({@value InductionProcess#KEY}), once per person, and closes it when their training has become
 * current. A sweep compares the group's members with the people it has seen, so it finds new members
 * however they joined (Admin webapp, engine REST, Java, the directory or LDAP). The first sweep takes
 * the members of that moment as already inducted, unless {@code backfill} is set: a university
 * switching the feature on does not hand every existing researcher a task. Runs once per cluster;
 * the person's row in {@code tr_training_induction} is the guarantee that nobody is inducted twice.
 */
@Component
class Inductions {

  static final String JOB = "training-induction";
  /** Shorter than the quarter hour between sweeps, longer than the nodes' clocks differ. */
  static final Duration HOLD = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(Inductions.class);

  /** Why someone was seen by the sweep, and what it did. */
  enum Outcome { ALREADY_MEMBER, TRAINING_CURRENT, STARTED }

  /** What one sweep did. */
  record Sweep(int started, int alreadyCurrent, int baseline, int closed) {
  }

  private final JdbcClient jdbc;
  private final Directory directory;
  private final TrainingRecords records;
  private final TrainingProperties modules;
  private final InductionProperties properties;
  private final RuntimeService runtime;
  private final ProcessEngineConfigurationImpl engine;
  private final CaseReferences references;
  private final ScheduledRuns runs;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  Inductions(JdbcClient jdbc, Directory directory, TrainingRecords records, TrainingProperties modules,
      InductionProperties properties, RuntimeService runtime, ProcessEngineConfigurationImpl engine,
      CaseReferences references, ScheduledRuns runs,
      PlatformTransactionManager transactions, @Value("${trusted-research.service-levels.zone}") ZoneId zone) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.records = records;
    this.modules = modules;
    this.properties = properties;
    this.runtime = runtime;
    this.engine = engine;
    this.references = references;
    this.runs = runs;
    this.transaction = new TransactionTemplate(transactions);
    this.zone = zone;
  }

  @Scheduled(cron = "${trusted-research.training.induction.cron:0 */15 * * * *}",
      zone = "${trusted-research.service-levels.zone}")
  void sweepOncePerCluster() {
    if (runs.claim(JOB, HOLD)) {
      sweep();
    }
  }

  /** Inducts the members of researchers not seen before, and closes inductions whose training is current now. */
  Sweep sweep() {
    Optional<Module> module = inductionModule();
    if (module.isEmpty()) {
      log.warn("The induction module ({}) is not among trusted-research.training.modules: nobody is inducted",
          properties.module() == null ? "the first required module" : properties.module());
      return new Sweep(0, 0, 0, 0);
    }
    List<String> members = directory.membersOf(Groups.RESEARCHERS).stream().map(Person::id).toList();
    int baseline = 0;
    if (!baselineTaken()) {
      baseline = takeBaseline(members);
    }
    Set<String> seen = new HashSet<>(jdbc.sql("select user_id from tr_training_induction").query(String.class).list());
    int started = 0;
    int current = 0;
    for (String member : members) {
      if (seen.contains(member)) {
        continue;
      }
      Optional<Outcome> outcome = JobSteps.run(transaction, () -> induct(member, module.get()),
          e -> log.error("Could not start the induction of {}; the next sweep tries again", member, e));
      started += outcome.filter(Outcome.STARTED::equals).isPresent() ? 1 : 0;
      current += outcome.filter(Outcome.TRAINING_CURRENT::equals).isPresent() ? 1 : 0;
    }
    int closed = closeWhereTrainingIsCurrent();
    Sweep sweep = new Sweep(started, current, baseline, closed);
    if (started + current + baseline + closed > 0) {
      log.info("Induction sweep: {} inductions started, {} new members already trained, {} members taken as they were,"
          + " {} inductions closed by a current record", started, current, baseline, closed);
    }
    return sweep;
  }

  /**
   * Completions that count were stored (an import, or a confirmed declaration): the open induction of each
   * of these people whose training is current now closes in the same transaction, not at the next sweep.
   */
  @EventListener
  void close(TrainingRecorded recorded) {
    for (String userId : recorded.userIds()) {
      Optional<String> induction = jdbc.sql("""
          select process_instance_id from tr_training_induction where user_id = ? and process_instance_id is not null""")
          .params(userId).query(String.class).optional();
      if (induction.isPresent() && records.isCurrent(userId)) {
        // the engine's own step: the importing officer may not correlate messages themselves
        engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
            runtime.createMessageCorrelation(InductionProcess.TRAINING_CURRENT_MESSAGE)
                .processInstanceId(induction.get()).correlateAllWithResult()));
      }
    }
  }

  /** Closes the open induction of each person whose training is current now; returns how many closed. */
  int closeWhereTrainingIsCurrent() {
    int closed = 0;
    for (ProcessInstance induction : EngineQueries.all(runtime.createProcessInstanceQuery()
        .processDefinitionKey(InductionProcess.KEY).active())) {
      Optional<String> person = jdbc.sql("select user_id from tr_training_induction where case_reference = ?")
          .params(induction.getBusinessKey()).query(String.class).optional();
      if (person.isPresent() && records.isCurrent(person.get())) {
        closed += runtime.createMessageCorrelation(InductionProcess.TRAINING_CURRENT_MESSAGE)
            .processInstanceId(induction.getId()).correlateAllWithResult().size();
      }
    }
    return closed;
  }

  private Optional<Outcome> induct(String userId, Module module) {
    boolean current = records.isCurrent(userId);
    Outcome outcome = current ? Outcome.TRAINING_CURRENT : Outcome.STARTED;
    String reference = current ? null : references.next(InductionProcess.REFERENCE_PREFIX);
    try {
      jdbc.sql("insert into tr_training_induction (user_id, outcome, case_reference, seen_at) values (?, ?, ?, ?)")
          .params(userId, outcome.name(), reference, Timestamp.from(TrainingRecords.now())).update();
    } catch (DuplicateKeyException seenElsewhere) {
      return Optional.empty();
    }
    if (current) {
      return Optional.of(outcome);
    }
    LocalDate due = records.today().plus(properties.due());
    ProcessInstance induction = runtime.createProcessInstanceByKey(InductionProcess.KEY).businessKey(reference)
        .setVariable(InductionProcess.REQUESTER.name(), userId)
        .setVariable(InductionProcess.CASE_REFERENCE.name(), reference)
        .setVariable(InductionProcess.MODULE.name(), module.id())
        .setVariable(InductionProcess.MODULE_TITLE.name(), module.title() == null ? module.id() : module.title())
        .setVariable(InductionProcess.MODULE_LINK.name(), module.link() == null ? "" : module.link())
        .setVariable(InductionProcess.DUE.name(), Date.from(due.atTime(17, 0).atZone(zone).toInstant()))
        .execute();
    jdbc.sql("update tr_training_induction set process_instance_id = ? where user_id = ?")
        .params(induction.getId(), userId).update();
    log.info("{} joined researchers without current training: induction {} is due on {}", userId, reference, due);
    return Optional.of(outcome);
  }

  private boolean baselineTaken() {
    return jdbc.sql("select count(*) from tr_training_induction_baseline").query(Long.class).single() > 0;
  }

  /** The first sweep: the members of now are taken as they are, unless back-filled; returns how many. */
  private int takeBaseline(List<String> members) {
    Integer taken = transaction.execute(status -> {
      try {
        jdbc.sql("insert into tr_training_induction_baseline (id, taken_at, members) values (1, ?, ?)")
            .params(Timestamp.from(TrainingRecords.now()), properties.backfill() ? 0 : members.size()).update();
      } catch (DuplicateKeyException takenElsewhere) {
        status.setRollbackOnly();
        return 0;
      }
      if (properties.backfill()) {
        return 0;
      }
      Timestamp now = Timestamp.from(TrainingRecords.now());
      members.forEach(member -> jdbc.sql("insert into tr_training_induction (user_id, outcome, seen_at) values (?, ?, ?)")
          .params(member, Outcome.ALREADY_MEMBER.name(), now).update());
      return members.size();
    });
    if (taken != null && taken > 0) {
      log.info("Induction switched on: the {} members of researchers of now are taken as inducted already;"
          + " people who join from now on get the induction task", taken);
    }
    return taken == null ? 0 : taken;
  }

  private Optional<Module> inductionModule() {
    if (properties.module() != null) {
      return modules.module(properties.module());
    }
    return modules.modules().stream().filter(Module::required).findFirst();
  }
}
