package org.trustedresearch.cases.training;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.training.TrainingProperties.Module;

/**
 * Who completed which training module when, and whether someone's training is current: every
 * required module has an imported or confirmed completion whose validity (12 months unless the
 * module says otherwise) runs past today. Today is the engine's clock in the institution's zone.
 */
@Service
public class TrainingRecords {

  /** Where a record came from. */
  enum Source { IMPORT, SELF_DECLARED }

  /** Imported records count at once; declarations once the research office confirmed them. */
  enum Status {
    IMPORTED, PENDING, CONFIRMED, REJECTED;

    boolean counts() {
      return this == IMPORTED || this == CONFIRMED;
    }
  }

  /** Completions earlier than this are refused as mistyped: the programme's records start later. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final int MAX_REASON_LENGTH = 2000;

  /** One completion as stored, with when it stops counting. */
  record TrainingRecord(long id, String userId, String module, LocalDate completedOn, LocalDate expiresOn,
      Source source, Status status, String recordedBy, Instant recordedAt, String decidedBy, Instant decidedAt,
      String rejectionReason, boolean current) {
  }

  /** A required (or optional) module for one person: current until when, and where to take it. */
  record ModuleStanding(String module, String title, String link, boolean required, boolean current,
      LocalDate expiresOn) {
  }

  /** Whether someone's training is current, module by module, and every record they have. */
  record Standing(String userId, boolean current, List<ModuleStanding> modules, List<TrainingRecord> records) {
  }

  /**
   * Whether someone's training is current, the last day it stays so (null when not current or when no
   * module is required), and the required modules they still need.
   */
  public record Currency(boolean current, LocalDate currentUntil, List<Missing> missing) {
  }

  /** A required module someone has no counting completion of, and where to take it. */
  public record Missing(String module, String title, String link) {
  }

  private static final String COLUMNS = "id, user_id, module_id, completed_on, source, status, recorded_by, recorded_at, "
      + "decided_by, decided_at, rejection_reason";

  private final JdbcClient jdbc;
  private final TrainingProperties properties;
  private final ZoneId zone;
  private final ApplicationEventPublisher events;

  TrainingRecords(JdbcClient jdbc, TrainingProperties properties,
      @Value("${trusted-research.service-levels.zone}") ZoneId zone, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.zone = zone;
    this.events = events;
  }

  /** Whether the person's training is current today: what a case asks before it goes to sign-off. */
  public boolean isCurrent(String userId) {
    return standing(userId).current();
  }

  /** Whether the person's training is current, until when, and what they still need: one query. */
  public Currency currency(String userId) {
    Standing standing = standing(userId);
    List<ModuleStanding> required = standing.modules().stream().filter(ModuleStanding::required).toList();
    LocalDate until = standing.current() ? required.stream().map(ModuleStanding::expiresOn)
        .min(LocalDate::compareTo).map(expires -> expires.minusDays(1)).orElse(null) : null;
    return new Currency(standing.current(), until, required.stream().filter(module -> !module.current())
        .map(module -> new Missing(module.module(), module.title(), module.link())).toList());
  }

  /**
   * The person declares, on a case's training task, that they completed a module on a date
   * (yyyy-mm-dd): as {@code POST /api/training/self-declarations}, it counts once the research office
   * confirms it. Refusals name {@code module} or {@code completedOn}.
   */
  public void declareCompletion(String userId, String module, String completedOn) {
    declare(userId, module, completedOn);
  }

  Standing standing(String userId) {
    List<TrainingRecord> records = jdbc.sql("select " + COLUMNS + " from tr_training_record where user_id = :user "
        + "order by completed_on desc, id desc").param("user", userId).query(this::record).list();
    List<ModuleStanding> modules = properties.modules().stream().map(module -> {
      Optional<LocalDate> expires = records.stream()
          .filter(record -> record.module().equals(module.id()) && record.status().counts())
          .map(TrainingRecord::expiresOn).max(LocalDate::compareTo);
      return new ModuleStanding(module.id(), module.title(), module.link(), module.required(),
          expires.filter(this::stillValid).isPresent(), expires.orElse(null));
    }).toList();
    boolean current = modules.stream().filter(ModuleStanding::required).allMatch(ModuleStanding::current);
    return new Standing(userId, current, modules, records);
  }

  /** The declarations waiting for the research office, oldest first. */
  List<TrainingRecord> pending() {
    return jdbc.sql("select " + COLUMNS + " from tr_training_record where status = :status order by recorded_at, id")
        .param("status", Status.PENDING.name()).query(this::record).list();
  }

  /** The signed-in person says they completed a module on a date; it counts once the research office confirms it. */
  @Transactional
  TrainingRecord declare(String userId, String module, String completedOn) {
    List<InvalidCaseInputException.Problem> problems = new java.util.ArrayList<>();
    moduleProblem(module).ifPresent(message -> problems.add(new InvalidCaseInputException.Problem("module", message)));
    LocalDate date = null;
    try {
      date = completedOn == null || completedOn.isBlank() ? null : LocalDate.parse(completedOn.strip());
      dateProblem(date).ifPresent(message -> problems.add(new InvalidCaseInputException.Problem("completedOn", message)));
    } catch (DateTimeParseException e) {
      problems.add(new InvalidCaseInputException.Problem("completedOn", "must be a date as yyyy-mm-dd"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    Optional<Status> earlier = jdbc.sql("select status from tr_training_record where user_id = :user and module_id = :module "
        + "and completed_on = :date order by id").param("user", userId).param("module", module).param("date", Date.valueOf(date))
        .query((rs, row) -> Status.valueOf(rs.getString(1))).list().stream().findFirst();
    if (earlier.isPresent()) {
      throw new InvalidCaseInputException("completedOn", switch (earlier.get()) {
        case IMPORTED -> "is already in the learning system's records for this module";
        case PENDING -> "was declared already and waits for the research office";
        case CONFIRMED -> "was declared and confirmed already";
        case REJECTED -> "was declared before and rejected by the research office";
      });
    }
    try {
      long id = insert(userId, module, date, Source.SELF_DECLARED, Status.PENDING, userId, now());
      return find(id).orElseThrow();
    } catch (DuplicateKeyException e) {
      throw new CaseConflictException("The same completion was declared a moment ago; it waits for the research office");
    }
  }

  /** The research office has seen evidence that the declared completion happened. */
  @Transactional
  TrainingRecord confirm(long id, String officer) {
    TrainingRecord confirmed = decide(id, officer, Status.CONFIRMED, null);
    recorded(java.util.Set.of(confirmed.userId()));
    return confirmed;
  }

  /** Tells whatever waits for these people's training (a held case) that counting completions were stored. */
  void recorded(java.util.Set<String> userIds) {
    if (!userIds.isEmpty()) {
      events.publishEvent(new TrainingRecorded(userIds));
    }
  }

  /** The research office found no evidence of the declared completion; the reason is kept and shown. */
  @Transactional
  TrainingRecord reject(long id, String officer, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidCaseInputException("reason", "say why the declaration is rejected");
    }
    if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'
        && c != '\r' && c != '\t')) {
      throw new InvalidCaseInputException("reason", "must be text of at most " + MAX_REASON_LENGTH + " characters");
    }
    TrainingRecord rejected = decide(id, officer, Status.REJECTED, reason.strip());
    events.publishEvent(new DeclarationRejected(rejected.userId()));
    return rejected;
  }

  private TrainingRecord decide(long id, String officer, Status decision, String reason) {
    TrainingRecord declaration = find(id).filter(record -> record.source() == Source.SELF_DECLARED)
        .orElseThrow(() -> new DeclarationNotFound(id));
    if (declaration.userId().equals(officer)) {
      throw new OwnDeclaration();
    }
    int changed = jdbc.sql("update tr_training_record set status = :decision, decided_by = :officer, decided_at = :at, "
        + "rejection_reason = :reason where id = :id and status = :pending")
        .param("decision", decision.name()).param("officer", officer).param("at", Timestamp.from(now()))
        .param("reason", reason).param("id", id).param("pending", Status.PENDING.name()).update();
    if (changed == 0) {
      TrainingRecord now = find(id).orElseThrow(() -> new DeclarationNotFound(id));
      throw new CaseConflictException("This declaration was " + now.status().name().toLowerCase() + " by "
          + now.decidedBy() + " already; reload to see it");
    }
    return find(id).orElseThrow();
  }

  Optional<TrainingRecord> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from tr_training_record where id = :id").param("id", id)
        .query(this::record).optional();
  }

  /** Why a module id cannot be taken, if it cannot. */
  Optional<String> moduleProblem(String module) {
    if (module == null || module.isBlank()) {
      return Optional.of("name the module (" + moduleIds() + ")");
    }
    return properties.module(module).isPresent() ? Optional.empty()
        : Optional.of("is not a module of the learning system; known modules: " + moduleIds());
  }

  /** Why a completion date cannot be taken, if it cannot. */
  Optional<String> dateProblem(LocalDate date) {
    if (date == null) {
      return Optional.of("give the date the module was completed, as yyyy-mm-dd");
    }
    if (date.isAfter(today())) {
      return Optional.of("is in the future");
    }
    return date.isBefore(EARLIEST) ? Optional.of("is before " + EARLIEST + "; check the year") : Optional.empty();
  }

  long insert(String userId, String module, LocalDate completedOn, Source source, Status status, String recordedBy,
      Instant recordedAt) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("insert into tr_training_record (user_id, module_id, completed_on, source, status, recorded_by, recorded_at) "
        + "values (:user, :module, :date, :source, :status, :by, :at)")
        .param("user", userId).param("module", module).param("date", Date.valueOf(completedOn))
        .param("source", source.name()).param("status", status.name()).param("by", recordedBy)
        .param("at", Timestamp.from(recordedAt)).update(keys, "id");
    return keys.getKey().longValue();
  }

  LocalDate today() {
    return LocalDate.ofInstant(now(), zone);
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private boolean stillValid(LocalDate expiresOn) {
    return expiresOn.isAfter(today());
  }

  private String moduleIds() {
    return String.join(", ", properties.modules().stream().map(Module::id).toList());
  }

  private LocalDate expiry(String module, LocalDate completedOn) {
    return completedOn.plus(properties.module(module).map(Module::validity).orElse(java.time.Period.ofMonths(12)));
  }

  private TrainingRecord record(ResultSet rs, int row) throws SQLException {
    String module = rs.getString("module_id");
    LocalDate completedOn = rs.getDate("completed_on").toLocalDate();
    LocalDate expiresOn = expiry(module, completedOn);
    Status status = Status.valueOf(rs.getString("status"));
    Timestamp decidedAt = rs.getTimestamp("decided_at");
    return new TrainingRecord(rs.getLong("id"), rs.getString("user_id"), module, completedOn, expiresOn,
        Source.valueOf(rs.getString("source")), status, rs.getString("recorded_by"),
        rs.getTimestamp("recorded_at").toInstant(), rs.getString("decided_by"),
        decidedAt == null ? null : decidedAt.toInstant(), rs.getString("rejection_reason"),
        status.counts() && stillValid(expiresOn));
  }

  /** No declaration with this id: answered 404. */
  static class DeclarationNotFound extends RuntimeException {

    DeclarationNotFound(long id) {
      super("No self-declaration " + id);
    }
  }

  /** Nobody confirms or rejects their own declaration: answered 403. */
  static class OwnDeclaration extends RuntimeException {

    OwnDeclaration() {
      super("Your own declaration is confirmed or rejected by a colleague in the research office");
    }
  }
}
