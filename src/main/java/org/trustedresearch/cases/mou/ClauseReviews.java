package org.trustedresearch.cases.mou;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.mou.MouReviewProcess.*;
import static org.trustedresearch.cases.shared.TaskInputs.choice;
import static org.trustedresearch.cases.shared.TaskInputs.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseFacts;
import org.trustedresearch.cases.collaboration.CaseFacts.Facts;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.mou.MouProperties.Clause;
import org.trustedresearch.cases.mou.MouReviews.ClauseCheck;
import org.trustedresearch.cases.mou.MouReviews.DocumentKind;
import org.trustedresearch.cases.mou.MouReviews.Review;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The steps of an MoU clause review, called by the process's thin listeners and delegates: what
 * starts a review, what legal and the Head of Risk must say, and what is recorded of each round.
 */
@Service
class ClauseReviews {

  static final int MAX_REASON_LENGTH = 2000;
  // text variables are kept in columns of 4000 characters; what is composed from them must fit too
  static final int MAX_NOTES_LENGTH = 3000;
  static final int MAX_CLAUSE_NOTE_LENGTH = 400;
  static final int MAX_TEXT_VARIABLE = 3990;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClauseLibrary library;
  private final MouReviews reviews;
  private final CaseFacts cases;
  private final Directory directory;
  private final MouMail mail;

  ClauseReviews(ClauseLibrary library, MouReviews reviews, CaseFacts cases, Directory directory, MouMail mail) {
    this.library = library;
    this.reviews = reviews;
    this.cases = cases;
    this.directory = directory;
    this.mail = mail;
  }

  /**
   * Start of a review. Called from onboarding, the case's variables come with it; started on its
   * own (renewal, a later agreement), the case is named, must be an approved, active collaboration,
   * and its answers are read from it. A case has one open review at a time.
   */
  void prepare(DelegateExecution execution) {
    Object given = execution.getVariable(CASE_REFERENCE.name());
    String caseReference = given instanceof String text ? text.strip().toUpperCase() : null;
    if (caseReference == null || caseReference.isEmpty()) {
      throw new InvalidCaseInputException(CASE_REFERENCE.name(), "name the case whose agreement is reviewed");
    }
    Facts facts = cases.of(caseReference)
        .orElseThrow(() -> new InvalidCaseInputException(CASE_REFERENCE.name(), "no case " + caseReference));
    // one review at a time per case: concurrent starts for the case wait here for each other
    cases.lock(caseReference);
    boolean calledByCase = execution.getSuperExecution() != null;
    if (!calledByCase) {
      String reason = text(execution, REVIEW_REASON.name(), MAX_REASON_LENGTH);
      if (reason == null) {
        throw new InvalidCaseInputException(REVIEW_REASON.name(),
            "say why the agreement is reviewed now (a renewal, a new agreement with the partner)");
      }
      if (!facts.approvedAndActive()) {
        throw new InvalidCaseInputException(CASE_REFERENCE.name(), caseReference
            + " is not an approved, active collaboration; its agreement is reviewed as part of its sign-off");
      }
      REVIEW_REASON.set(execution, reason);
      Map<String, Object> answers = new HashMap<>(facts.variables());
      answers.remove(OUTCOME.name());
      execution.setVariables(answers);
      execution.setProcessBusinessKey(caseReference);
    } else {
      REVIEW_REASON.set(execution, "The agreement of a collaboration approved at sign-off");
    }
    reviews.latest(caseReference).filter(review -> review.outcome() == null).ifPresent(open -> {
      throw new InvalidCaseInputException(CASE_REFERENCE.name(), caseReference
          + " already has an agreement under review; finish that review first");
    });
    CASE_REFERENCE.set(execution, caseReference);
  }

  /** Opens the review record with the clauses the decision table requires, and the form's clause list. */
  void open(DelegateExecution execution) {
    List<Clause> required = library.required(requiredClauseIds(execution.getVariable(REQUIRED_CLAUSES)));
    long reviewId = reviews.open(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
        REVIEW_REASON.get(execution), required.stream().map(Clause::id).toList(), signedInUser());
    REVIEW_ID.set(execution, reviewId);
    ROUND.set(execution, 1L);
    LATEST_DRAFT.set(execution, "No draft uploaded yet.");
    setClauseChecks(execution, List.of());
  }

  /**
   * The requester hands in a draft: one must have been uploaded since legal last reviewed, and in
   * a negotiation round the requester says what changed.
   */
  void draftProvided(DelegateTask task) {
    Review review = review(task);
    // an upload racing the hand-in waits here, then finds the task gone (AgreementDocuments)
    reviews.lock(review.id());
    List<MouReviews.Round> rounds = reviews.rounds(review.id());
    int round = rounds.size() + 1;
    Integer lastReviewed = rounds.stream().map(MouReviews.Round::draftVersion)
        .filter(version -> version != null).reduce((first, second) -> second).orElse(0);
    MouReviews.Document draft = reviews.latestDocument(review.id(), DocumentKind.DRAFT)
        .filter(document -> document.version() > lastReviewed)
        .orElseThrow(() -> new InvalidCaseInputException("file", round == 1
            ? "upload the draft agreement (PDF or DOCX) before completing this task"
            : "upload the revised draft before completing this task; legal reviewed version " + lastReviewed));
    String changes = text(task, CHANGE_NOTE.name(), MAX_NOTES_LENGTH);
    if (changes == null) {
      changes = draft.changeNote();
    }
    if (round > 1 && changes == null) {
      throw new InvalidCaseInputException(CHANGE_NOTE.name(), "say what changed in this draft, for legal");
    }
    DelegateExecution execution = task.getExecution();
    restoreCase(execution);
    if (changes != null) {
      reviews.describeChanges(draft.id(), changes);
    }
    CHANGE_NOTE.set(execution, changes);
    LATEST_DRAFT.set(execution, describe(draft));
    // legal decides afresh on this draft; the form shows the clauses the record requires
    LEGAL_DECISION.set(execution, null);
    LEGAL_NOTES.set(execution, null);
    execution.setVariable(REQUIRED_CLAUSES, new ArrayList<>(review.requiredClauses()));
  }

  /**
   * Legal's round: every required clause gets a status (and a note when amended); the decision
   * says what happens next and carries the notes it needs. The round is recorded as decided.
   */
  void legalReviewed(DelegateTask task) {
    Review review = review(task);
    List<Problem> problems = new ArrayList<>();
    List<ClauseCheck> checks = clauseChecks(task.getVariable(CLAUSE_CHECKS), review.requiredClauses(), problems);
    LegalDecision decision = choice(task, LEGAL_DECISION.name(), LegalDecision.class, problems);
    String notes = text(task, LEGAL_NOTES.name(), MAX_NOTES_LENGTH);
    List<String> missing = checks.stream().filter(check -> ClauseStatus.MISSING.name().equals(check.status()))
        .map(check -> library.find(check.clauseId()).map(Clause::title).orElse(check.clauseId())).toList();
    if (decision == LegalDecision.REQUEST_CHANGES && notes == null) {
      problems.add(new Problem(LEGAL_NOTES.name(), "tell the requester what to change or negotiate"));
    }
    if (decision == LegalDecision.ESCALATE && notes == null) {
      problems.add(new Problem(LEGAL_NOTES.name(), "tell the Head of Risk why you escalate"));
    }
    if (decision == LegalDecision.CLEAR && !missing.isEmpty() && notes == null) {
      problems.add(new Problem(LEGAL_NOTES.name(), "say why the agreement can go ahead without "
          + String.join(", ", missing) + "; the Head of Risk decides the deviation"));
    }
    MouReviews.Document draft = reviews.latestDocument(review.id(), DocumentKind.DRAFT).orElse(null);
    if (draft == null) {
      problems.add(new Problem("file", "there is no draft to review; request one from the requester"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }

    // a round runs from the review's start, or legal's previous decision, to this decision
    List<MouReviews.Round> rounds = reviews.rounds(review.id());
    int round = rounds.size() + 1;
    Instant opened = rounds.isEmpty() ? review.startedAt() : rounds.get(rounds.size() - 1).reviewedAt();
    reviews.recordRound(review.id(), round, draft.version(), opened, actor(task), decision.name(), notes, checks);
    DelegateExecution execution = task.getExecution();
    restoreCase(execution);
    // the Head of Risk decides afresh on every deviation
    DEVIATION_DECISION.set(execution, null);
    DEVIATION_REASON.set(execution, null);
    setClauseChecks(execution, checks);
    CLAUSE_SUMMARY.set(execution, fit(summary(checks)));
    MISSING_CLAUSES.set(execution, missing.isEmpty() ? "None" : String.join(", ", missing));
    DEVIATION.set(execution, decision == LegalDecision.ESCALATE
        || (decision == LegalDecision.CLEAR && !missing.isEmpty()));
    if (decision == LegalDecision.REQUEST_CHANGES) {
      ROUND.set(execution, (long) round + 1);
      REQUESTED_CHANGES.set(execution, notes);
      CHANGE_NOTE.set(execution, null);
    }
  }

  /** The Head of Risk accepts the deviation or rejects the agreement, and says why either way. */
  void deviationDecided(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    DeviationDecision decision = choice(task, DEVIATION_DECISION.name(), DeviationDecision.class, problems);
    String reason = text(task, DEVIATION_REASON.name(), MAX_NOTES_LENGTH);
    if (reason == null) {
      problems.add(new Problem(DEVIATION_REASON.name(), decision == DeviationDecision.REJECT_MOU
          ? "say why the agreement is rejected; the requester reads it"
          : "record why the institution accepts this deviation"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    restoreCase(task.getExecution());
  }

  /** The review's outcome, on the record and for the case; the requester is told. */
  void decide(DelegateExecution execution) {
    Review review = review(execution);
    boolean deviation = Boolean.TRUE.equals(DEVIATION.get(execution));
    boolean rejected = deviation && DeviationDecision.REJECT_MOU.name().equals(DEVIATION_DECISION.get(execution));
    MouOutcome outcome = rejected ? MouOutcome.REJECTED : MouOutcome.CLEARED;
    List<ClauseCheck> lastRound = reviews.rounds(review.id()).stream().reduce((first, second) -> second)
        .map(MouReviews.Round::clauses).orElse(List.of());
    boolean securityClause = lastRound.stream().anyMatch(check -> "SECURITY_COMPLIANCE".equals(check.clauseId())
        && !ClauseStatus.MISSING.name().equals(check.status()));
    String decidedBy = signedInUser();
    String note = deviation
        ? (rejected ? "" : "Deviation accepted (" + MISSING_CLAUSES.get(execution) + "): ")
            + DEVIATION_REASON.get(execution)
        : LEGAL_NOTES.get(execution);
    reviews.decide(review.id(), outcome.name(), securityClause, decidedBy, note);
    MOU_OUTCOME.set(execution, outcome.name());
    SECURITY_CLAUSE_INCLUDED.set(execution, securityClause);
    MOU_DECISION_NOTE.set(execution, note);
    mail.decided(execution, outcome, note);
  }

  /**
   * The review this process works on: the clause review's own record, found by its process
   * instance; for a signed agreement, the cleared review it was started for, of its own case only.
   */
  Review review(DelegateExecution execution) {
    String processInstance = execution.getProcessInstanceId();
    Long clearedReview = REVIEW_ID.get(execution);
    return reviews.ofProcess(processInstance)
        .or(() -> reviews.find(clearedReview == null ? -1 : clearedReview)
            .filter(review -> review.caseReference().equals(execution.getProcessBusinessKey()))
            .filter(review -> MouOutcome.CLEARED.name().equals(review.outcome())))
        .orElseThrow(() -> new IllegalStateException("No MoU review record for process " + processInstance));
  }

  Review review(DelegateTask task) {
    return review(task.getExecution());
  }

  /** Parses legal's clause statuses: every required clause once, a known status, a note on amendments. */
  private List<ClauseCheck> clauseChecks(Object value, List<String> required, List<Problem> problems) {
    JsonNode given = json(value);
    if (given == null || !given.isObject()) {
      problems.add(new Problem(CLAUSE_CHECKS, "must give each required clause its status"));
      return List.of();
    }
    List<ClauseCheck> checks = new ArrayList<>();
    given.fieldNames().forEachRemaining(clauseId -> {
      if (!required.contains(clauseId)) {
        problems.add(new Problem(CLAUSE_CHECKS + "." + clauseId, "unknown clause " + clauseId
            + "; the required clauses are " + String.join(", ", required)));
      }
    });
    for (String clauseId : required) {
      String at = CLAUSE_CHECKS + "." + clauseId;
      JsonNode check = given.path(clauseId);
      String status = check.path("status").isTextual() ? check.path("status").asText() : null;
      if (status == null) {
        problems.add(new Problem(at + ".status", "give " + clauseId + " a status: PRESENT, MISSING or AMENDED"));
        continue;
      }
      if (!names(ClauseStatus.values()).contains(status)) {
        problems.add(new Problem(at + ".status", "must be one of PRESENT, MISSING, AMENDED for " + clauseId));
        continue;
      }
      String note = check.path("note").isTextual() && !check.path("note").asText().isBlank()
          ? check.path("note").asText().strip() : null;
      if (note != null && note.length() > MAX_CLAUSE_NOTE_LENGTH) {
        problems.add(new Problem(at + ".note", "must be at most " + MAX_CLAUSE_NOTE_LENGTH + " characters"));
      }
      if (ClauseStatus.AMENDED.name().equals(status) && note == null) {
        problems.add(new Problem(at + ".note", "say how " + clauseId + " was amended"));
      }
      checks.add(new ClauseCheck(clauseId, status, note));
    }
    return checks;
  }

  private static JsonNode json(Object value) {
    try {
      if (value instanceof SpinJsonNode node) {
        return JSON.readTree(node.toString());
      }
      if (value instanceof String text) {
        return JSON.readTree(text);
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
      return null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The statuses as the form shows them, so that the next round starts from the last. */
  private static void setClauseChecks(DelegateExecution execution, List<ClauseCheck> checks) {
    ObjectNode value = JSON.createObjectNode();
    for (ClauseCheck check : checks) {
      value.putObject(check.clauseId()).put("status", check.status()).put("note", check.note());
    }
    execution.setVariable(CLAUSE_CHECKS, SpinValues.jsonValue(value.toString()).create());
  }

  private String summary(List<ClauseCheck> checks) {
    return checks.stream()
        .map(check -> library.find(check.clauseId()).map(Clause::title).orElse(check.clauseId()) + ": "
            + check.status() + (check.note() == null ? "" : " (" + check.note() + ")"))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Puts back whose case it is, from the business key and the case register, after a task whose
   * completion could have changed the variables (the next task is assigned by them).
   */
  void restoreCase(DelegateExecution execution) {
    String caseReference = execution.getProcessBusinessKey();
    CASE_REFERENCE.set(execution, caseReference);
    REQUESTER.set(execution, cases.requesterOf(caseReference)
        .orElseThrow(() -> new IllegalStateException("No registered case " + caseReference)));
  }

  /** Text as a variable holds it: cut, saying so, where it would not fit. */
  static String fit(String text) {
    return text == null || text.length() <= MAX_TEXT_VARIABLE ? text : text.substring(0, MAX_TEXT_VARIABLE - 1) + "…";
  }

  String describe(MouReviews.Document document) {
    String who = directory.displayName(document.uploadedBy()).orElse(document.uploadedBy());
    return "Version " + document.version() + ": " + document.fileName() + " ("
        + (AgreementFiles.PDF.equals(document.mediaType()) ? "PDF" : "Word") + ", "
        + Math.max(1, document.sizeBytes() / 1024) + " KB), uploaded by " + who + " on "
        + document.uploadedAt().toString().substring(0, 10) + ".";
  }

  @SuppressWarnings("unchecked")
  private static List<String> requiredClauseIds(Object value) {
    if (value instanceof Collection<?> ids) {
      return ((Collection<Object>) ids).stream().map(String::valueOf).distinct().toList();
    }
    throw new IllegalStateException("The decision " + REQUIRED_CLAUSES_DECISION + " gave no list of clauses: " + value);
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return names;
  }

  static String signedInUser() {
    return Context.getCommandContext().getAuthenticatedUserId();
  }

  private static String actor(DelegateTask task) {
    String signedIn = signedInUser();
    return signedIn != null ? signedIn : task.getAssignee();
  }

  static Map<String, Object> model(VariableScope scope) {
    Map<String, Object> model = new HashMap<>();
    model.put("partnerName", PARTNER_NAME.get(scope));
    model.put("riskTier", RISK_TIER.get(scope));
    return model;
  }
}
