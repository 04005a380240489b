package org.trustedresearch.cases.incident;

import static org.trustedresearch.cases.incident.IncidentProcess.*;
import static org.trustedresearch.cases.shared.TaskInputs.choice;
import static org.trustedresearch.cases.shared.TaskInputs.refuse;
import static org.trustedresearch.cases.shared.TaskInputs.required;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.ReReviews;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.notification.Notifications;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * What happens to a report after it arrives: each decision must carry its reasons, the ICO clock is
 * checked at the decision, the reporter is thanked and told of the closure, and an approved case
 * study is published without anything that names the incident.
 */
@Service
class IncidentHandling {

  static final String RECEIVED_MAIL = "incident-received";
  static final String RELATED_MAIL = "incident-related-collaboration";
  static final String RELATED_REASON =
      "A report concerning this collaboration was made; the Head of Risk has the details.";
  static final String CLOSED_MAIL = "incident-closed";
  static final int MAX_TEXT_LENGTH = 4000;
  static final int MAX_CASE_STUDY_LENGTH = 8000;
  static final int MAX_TITLE_LENGTH = 200;

  /** The decisions that follow triage, each with its reasons, by the task that takes them. */
  private static final Map<String, Decision> DECISIONS = Map.of(
      DECIDE_ICO_NOTIFICATION, new Decision(ICO_DECISION.name(), ICO_REASONS.name(), IcoDecision.values()),
      DECIDE_DISCLOSURE, new Decision(DISCLOSURE_DECISION.name(), DISCLOSURE_REASONS.name(), DisclosureDecision.values()),
      DECIDE_REFERRAL, new Decision(REFERRAL_DECISION.name(), REFERRAL_REASONS.name(), ReferralDecision.values()));

  private record Decision(String variable, String reasons, Enum<?>[] choices) {
  }

  private final IncidentRegister register;
  private final Notifications notifications;
  private final ReReviews reReviews;
  private final JdbcClient jdbc;
  private final Directory directory;
  private final IncidentClocks clocks;

  IncidentHandling(IncidentRegister register, Notifications notifications, ReReviews reReviews, JdbcClient jdbc,
      Directory directory, IncidentClocks clocks) {
    this.directory = directory;
    this.clocks = clocks;
    this.register = register;
    this.notifications = notifications;
    this.reReviews = reReviews;
    this.jdbc = jdbc;
  }

  /** The reporter is thanked for reporting (Encourage); an anonymous reporter cannot be. */
  void thank(DelegateExecution execution) {
    reporter(execution).ifPresent(reporter ->
        notifications.thank(RECEIVED_MAIL, execution.getProcessBusinessKey(), reporter, model(execution)));
  }

  /**
   * When the triage group decides so, the collaboration a report names is re-reviewed now, if it
   * waits for its re-review; otherwise the research office is told to take it into the review under
   * way. Neither names the report or what
   * it is about: the collaboration's readers include the people a report may concern.
   */
  void flagRelatedCollaboration(DelegateExecution execution) {
    String collaboration = RELATED_CASE_REFERENCE.get(execution);
    boolean started = reReviews.requestIfAwaiting(collaboration, RELATED_REASON);
    RELATED_RE_REVIEW_STARTED.set(execution, started);
    if (!started) {
      notifications.tellEach(RELATED_MAIL, collaboration, directory.membersOf(Groups.RESEARCH_OFFICE).stream()
          .map(Directory.Person::id).toList(), new HashMap<>(), false);
    }
  }

  void triaged(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    choice(task, SEVERITY.name(), Severity.values(), problems);
    required(task, TRIAGE_NOTES.name(), "record what you found and did", MAX_TEXT_LENGTH, problems);
    Object reReview = task.getVariable(RE_REVIEW_RELATED_COLLABORATION.name());
    if (reReview != null && !(reReview instanceof Boolean)) {
      problems.add(new Problem(RE_REVIEW_RELATED_COLLABORATION.name(), "must be true or false"));
    } else if (Boolean.TRUE.equals(reReview) && RELATED_CASE_REFERENCE.get(task.getExecution()) == null) {
      problems.add(new Problem(RE_REVIEW_RELATED_COLLABORATION.name(), "the report names no collaboration"));
    }
    refuse(problems);
    RE_REVIEW_RELATED_COLLABORATION.set(task.getExecution(), Boolean.TRUE.equals(reReview));
    register.setStatus(task.getExecution().getProcessBusinessKey(), Status.TRIAGED);
  }

  void contained(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    required(task, CONTAINMENT_NOTES.name(), "record how the breach was contained", MAX_TEXT_LENGTH, problems);
    refuse(problems);
  }

  /** A decision after triage (ICO notification, voluntary disclosure, referral) and its reasons, either way. */
  void decided(DelegateTask task) {
    Decision decision = DECISIONS.get(task.getTaskDefinitionKey());
    if (decision == null) {
      throw new IllegalStateException(task.getTaskDefinitionKey() + " takes no incident decision");
    }
    List<Problem> problems = new ArrayList<>();
    choice(task, decision.variable(), decision.choices(), problems);
    required(task, decision.reasons(), "give the reasons for the decision, whichever it is", MAX_TEXT_LENGTH, problems);
    refuse(problems);
    if (DECIDE_ICO_NOTIFICATION.equals(task.getTaskDefinitionKey())) {
      // the deadline from the register's time of awareness, which no task completion can change
      java.util.Date deadline = clocks.icoDeadline(java.util.Date.from(register.find(
          task.getExecution().getProcessBusinessKey()).orElseThrow().awareAt()));
      boolean inTime = !IncidentRegister.dateNow().after(deadline);
      ICO_DEADLINE_MET.set(task.getExecution(), inTime);
      register.recordIcoDecision(task.getExecution().getProcessBusinessKey(), inTime);
    }
  }

  void closing(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    required(task, ACTIONS_TAKEN.name(), "record the actions taken", MAX_TEXT_LENGTH, problems);
    required(task, LESSONS_LEARNED.name(), "record the lessons learned", MAX_TEXT_LENGTH, problems);
    if (Boolean.TRUE.equals(task.getVariable(CASE_STUDY_PROPOSED.name()))) {
      required(task, CASE_STUDY_TITLE.name(), "give the case study a title", MAX_TITLE_LENGTH, problems);
      required(task, CASE_STUDY_TEXT.name(), "write the anonymised case study", MAX_CASE_STUDY_LENGTH, problems);
    } else {
      CASE_STUDY_PROPOSED.set(task.getExecution(), false);
    }
    refuse(problems);
    // only the Head of Risk's approval, which follows, publishes a case study
    CASE_STUDY_DECISION.set(task.getExecution(), null);
  }

  void caseStudyDecided(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    Enum<?> decision = choice(task, CASE_STUDY_DECISION.name(), CaseStudyDecision.values(), problems);
    if (decision == CaseStudyDecision.PUBLISH) {
      required(task, CASE_STUDY_TITLE.name(), "give the case study a title", MAX_TITLE_LENGTH, problems);
      required(task, CASE_STUDY_TEXT.name(), "the text to publish", MAX_CASE_STUDY_LENGTH, problems);
    }
    refuse(problems);
  }

  /** Closes the report: an approved case study is published, the reporter told. */
  void close(DelegateExecution execution) {
    if (CaseStudyDecision.PUBLISH.name().equals(CASE_STUDY_DECISION.get(execution))) {
      jdbc.sql("""
          insert into tr_case_study (category, title, text, approved_by, published_at) values (?, ?, ?, ?, ?)""")
          .params(CATEGORY.get(execution), CASE_STUDY_TITLE.get(execution).strip(), CASE_STUDY_TEXT.get(execution).strip(),
              approver(), new Timestamp(IncidentRegister.dateNow().getTime()))
          .update();
    }
    register.setStatus(execution.getProcessBusinessKey(), Status.CLOSED);
    reporter(execution).ifPresent(reporter -> {
      Map<String, Object> model = model(execution);
      model.put("actionsTaken", ACTIONS_TAKEN.get(execution));
      notifications.tell(CLOSED_MAIL, execution.getProcessBusinessKey(), reporter, model, true);
    });
  }

  /** Who reported it, from the register: a variable could have been changed on the way; nobody if anonymous. */
  private java.util.Optional<String> reporter(DelegateExecution execution) {
    return register.requesterOf(execution.getProcessBusinessKey());
  }

  private static String approver() {
    String user = Context.getCommandContext().getAuthenticatedUserId();
    return user == null ? "head-of-risk" : user;
  }

  private static Map<String, Object> model(VariableScope scope) {
    Map<String, Object> model = new HashMap<>();
    model.put("category", CATEGORY.get(scope));
    model.put("confidential", Boolean.TRUE.equals(CONFIDENTIAL.get(scope)));
    return model;
  }
}
