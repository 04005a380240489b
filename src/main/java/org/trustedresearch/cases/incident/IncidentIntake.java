package org.trustedresearch.cases.incident;

import static org.trustedresearch.cases.incident.IncidentProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.incident.IncidentRegister.Incident;
import org.trustedresearch.cases.shared.CaseReferences;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * A report as it arrives, whichever way: checks what the reporter said, gives it its reference and
 * registers it. The reporter is the signed-in user; with nobody signed in (the anonymous API) the
 * report has no reporter at all. Throwing here rolls the start back, so nothing is half created.
 */
@Service
class IncidentIntake {

  /** Set by the anonymous API, never stored as a variable: the hash of the reporter's receipt code. */
  static final String RECEIPT_HASH = "receiptHash";
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  static final ZoneId LOCAL_TIME = ZoneId.of("Europe/London");
  /** No incident this register records happened before this. */
  static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

  private final CaseReferences references;
  private final IncidentRegister register;
  private final CaseRegister collaborations;
  private final Directory directory;
  private final IncidentProperties properties;
  private final IncidentClocks clocks;

  IncidentIntake(CaseReferences references, IncidentRegister register, CaseRegister collaborations,
      Directory directory, IncidentProperties properties, IncidentClocks clocks) {
    this.references = references;
    this.register = register;
    this.collaborations = collaborations;
    this.directory = directory;
    this.properties = properties;
    this.clocks = clocks;
  }

  void receive(DelegateExecution execution) {
    List<Problem> problems = new ArrayList<>();
    String reporter = Context.getCommandContext().getAuthenticatedUserId();
    Object claimed = execution.getVariable(REPORTER.name());
    if (claimed != null && !claimed.equals(reporter)) {
      problems.add(new Problem(REPORTER.name(), "is the signed-in user; a report cannot be made in someone else's name"));
    }
    Category category = category(execution.getVariable(CATEGORY.name()), problems);
    String description = text(execution.getVariable(DESCRIPTION.name()), DESCRIPTION.name(), problems);
    Instant now = IncidentRegister.now();
    Instant occurred = instant(execution.getVariable(OCCURRED_AT.name()), OCCURRED_AT.name(), null, problems);
    Instant aware = instant(execution.getVariable(AWARE_AT.name()), AWARE_AT.name(), now, problems);
    if (occurred != null && occurred.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add(new Problem(OCCURRED_AT.name(), "is in the future"));
    }
    if (aware != null && aware.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add(new Problem(AWARE_AT.name(), "is in the future"));
    }
    if (occurred != null && aware != null && aware.isBefore(occurred)) {
      problems.add(new Problem(AWARE_AT.name(), "is before the incident occurred"));
    }
    String related = relatedCase(execution.getVariable(RELATED_CASE_REFERENCE.name()), reporter == null, problems);
    Object confidentialValue = execution.getVariable(CONFIDENTIAL.name());
    if (confidentialValue != null && !(confidentialValue instanceof Boolean)) {
      problems.add(new Problem(CONFIDENTIAL.name(), "must be true or false"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }

    boolean confidential = Boolean.TRUE.equals(confidentialValue);
    boolean anonymous = reporter == null;
    String reference = references.next(REFERENCE_PREFIX);
    execution.setProcessBusinessKey(reference);
    REFERENCE.set(execution, reference);
    CATEGORY.set(execution, category.name());
    DESCRIPTION.set(execution, description);
    OCCURRED_AT.set(execution, Date.from(occurred));
    AWARE_AT.set(execution, Date.from(aware));
    RELATED_CASE_REFERENCE.set(execution, related);
    CONFIDENTIAL.set(execution, confidential);
    ANONYMOUS.set(execution, anonymous);
    REPORTER.set(execution, reporter);
    REPORTER_NAME.set(execution, anonymous ? "Anonymous" : directory.displayName(reporter).orElse(reporter));
    if (category == Category.PERSONAL_DATA_BREACH) {
      ICO_DEADLINE_AT.set(execution, clocks.icoDeadline(Date.from(aware)));
    }
    Object receiptHash = execution.getVariable(RECEIPT_HASH);
    register.register(new Incident(reference, execution.getProcessInstanceId(), category.name(), confidential, anonymous,
        reporter, Status.RECEIVED.name(), now, aware), anonymous && receiptHash != null ? receiptHash.toString() : null);
  }

  private static Category category(Object value, List<Problem> problems) {
    return Arrays.stream(Category.values()).filter(category -> category.name().equals(value)).findFirst()
        .orElseGet(() -> {
          problems.add(new Problem(CATEGORY.name(), "must be one of " + Arrays.toString(Category.values())
              .replace("[", "").replace("]", "")));
          return null;
        });
  }

  private String text(Object value, String field, List<Problem> problems) {
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(new Problem(field, "say what happened"));
      return null;
    }
    if (text.length() > properties.maxDescriptionLength()) {
      problems.add(new Problem(field, "must be at most " + properties.maxDescriptionLength() + " characters"));
    }
    return text.strip();
  }

  /** A date as the engine, REST (ISO 8601) or a Tasklist date-time field gives it; local times are UK time. */
  static Instant instant(Object value, String field, Instant otherwise, List<Problem> problems) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      if (otherwise == null) {
        problems.add(new Problem(field, "say when (a date and time)"));
      }
      return otherwise;
    }
    Instant instant = null;
    if (value instanceof Date date) {
      instant = date.toInstant();
    } else if (value instanceof String text) {
      try {
        instant = OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException offsetMissing) {
        try {
          instant = LocalDateTime.parse(text.strip()).atZone(LOCAL_TIME).toInstant();
        } catch (DateTimeParseException e) {
          problems.add(new Problem(field, "must be a date and time like 2026-11-20T14:30"));
          return null;
        }
      }
    } else {
      problems.add(new Problem(field, "must be a date and time"));
      return null;
    }
    // java.time reads years up to 999,999,999 either way; neither a Date nor the register holds them
    if (instant.isBefore(EARLIEST)) {
      problems.add(new Problem(field, "must be after " + EARLIEST.atZone(LOCAL_TIME).getYear()));
      return null;
    }
    return instant;
  }

  /** The collaboration named; an anonymous sender is not told whether it exists (that would let anyone probe). */
  private String relatedCase(Object value, boolean anonymous, List<Problem> problems) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    String reference = value.toString().strip().toUpperCase();
    if (collaborations.find(reference).isEmpty()) {
      if (!anonymous) {
        problems.add(new Problem(RELATED_CASE_REFERENCE.name(), "no collaboration case " + reference));
      }
      return null;
    }
    return reference;
  }
}
