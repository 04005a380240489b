package org.trustedresearch.cases.collaboration;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.trustedresearch.cases.collaboration.TrainingHolds.OpenHold;
import org.trustedresearch.cases.collaboration.TrainingHolds.Release;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.training.DeclarationRejected;
import org.trustedresearch.cases.training.TrainingRecorded;
import org.trustedresearch.cases.training.TrainingRecords;
import org.trustedresearch.cases.training.TrainingRecords.Currency;
import org.trustedresearch.cases.training.TrainingRecords.Missing;

/**
 * The training gate of a collaboration case (README, "Training on a case"): a case whose requester's
 * Trusted Research training is not current when it starts is held before screening and sign-off. It
 * goes on by itself once a completion that counts is stored for the requester (the learning system's
 * import or a confirmed self-declaration: released in that transaction), when the research office
 * waives the gate, or, should a release have crossed the hold's beginning, at the hourly re-check.
 */
@Service
class TrainingGate {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingGate.class);
  static final int MAX_REASON_LENGTH = 2000;
  /** The operation the research office's waiver appears as in the case's user operation log. */
  static final String WAIVE_OPERATION = "WaiveTrainingGate";

  /** What the gate found: whether training is current, the line reviewers read, and what is missing. */
  record Check(boolean current, String summary, Missing missing) {
  }

  private final TrainingRecords records;
  private final TrainingHolds holds;
  private final CaseRegister register;
  private final Directory directory;
  private final RuntimeService runtime;
  private final ProcessEngineConfigurationImpl engine;

  TrainingGate(TrainingRecords records, TrainingHolds holds, CaseRegister register, Directory directory,
      RuntimeService runtime, ProcessEngineConfigurationImpl engine) {
    this.records = records;
    this.holds = holds;
    this.register = register;
    this.directory = directory;
    this.runtime = runtime;
    this.engine = engine;
  }

  /** At the start of a case: a requester whose training is not current has the case held from now. */
  Check atStart(String caseReference, String processInstanceId, String requester) {
    Check check = check(requester);
    if (!check.current()) {
      holds.begin(caseReference, processInstanceId, requester, now());
    }
    return check;
  }

  /** While a case is held: whether the requester's training has become current meanwhile. */
  Check check(String requester) {
    Currency currency = records.currency(requester);
    if (currency.current()) {
      return new Check(true, currentSummary(currency), null);
    }
    Missing first = currency.missing().get(0);
    String titles = currency.missing().stream().map(Missing::title).collect(Collectors.joining(", "));
    return new Check(false, "Not current when the case started: " + titles + " to complete", first);
  }

  /** The hold ends; returns the line reviewers read about the requester's training from now on. */
  String end(String caseReference, String requester, String waivedBy, String waiverReason, boolean withdrawn) {
    holds.end(caseReference, withdrawn ? Release.WITHDRAWAL : waivedBy == null ? Release.TRAINING : Release.WAIVER,
        now());
    if (withdrawn) {
      return "Not current when the case was withdrawn";
    }
    if (waivedBy != null) {
      return "Waived by the research office (" + directory.displayName(waivedBy).orElse(waivedBy) + "): "
          + waiverReason;
    }
    return currentSummary(records.currency(requester));
  }

  /**
   * The research office lets a held case go on without current training, saying why; the waiver, who
   * gave it and when stay in the case's history and on the hold.
   */
  @Transactional
  void waive(String caseReference, String reason, String officer) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidCaseInputException("reason", "say why the case may go on without current training");
    }
    if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'
        && c != '\r' && c != '\t')) {
      throw new InvalidCaseInputException("reason", "must be text of at most " + MAX_REASON_LENGTH + " characters");
    }
    register.find(caseReference).orElseThrow(() -> CaseController.notFound(caseReference));
    // steps on one case happen one after another: a second waiver finds the hold ended
    register.lock(caseReference);
    OpenHold hold = holds.openOn(caseReference).orElseThrow(() -> new CaseConflictException("Case " + caseReference
        + " is not waiting for its requester's training; reload to see the case."));
    holds.waive(hold.id(), officer, reason.strip());
    try {
      engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
        runtime.createMessageCorrelation(OnboardingProcess.TRAINING_WAIVED)
            .processInstanceId(hold.processInstanceId())
            .setVariable(CollaborationCase.TRAINING_WAIVED_BY.name(), officer)
            .setVariable(CollaborationCase.TRAINING_WAIVER_REASON.name(), reason.strip())
            .correlateWithResult();
        // the engine logs no user operation for a message; the waiver is one, so Cockpit shows who and when
        context.getOperationLogManager().logProcessInstanceOperation(WAIVE_OPERATION, hold.processInstanceId(), null,
            OnboardingProcess.KEY, List.of(new PropertyChange(CollaborationCase.TRAINING_WAIVER_REASON.name(), null,
                reason.strip())));
        return null;
      }));
    } catch (MismatchingMessageCorrelationException movedOn) {
      throw new CaseConflictException("Case " + caseReference + " is not waiting for its requester's training; "
          + "reload to see the case.");
    }
    LOG.info("{} waived the training gate of {}", officer, caseReference);
  }

  /**
   * Completions that count were stored: every case held for one of these people whose training is now
   * current goes on, in the same transaction as the records, so that a release is never lost.
   */
  @EventListener
  void release(TrainingRecorded recorded) {
    List<OpenHold> open = holds.openFor(recorded.userIds());
    Map<String, Boolean> current = new HashMap<>();
    for (OpenHold hold : open) {
      if (current.computeIfAbsent(hold.requester(), records::isCurrent)) {
        asEngine(() -> runtime.createMessageCorrelation(OnboardingProcess.TRAINING_RECORDED)
            .processInstanceId(hold.processInstanceId()).correlateAllWithResult());
        LOG.info("Training of {} is current: case {} goes on", hold.requester(), hold.caseReference());
      }
    }
  }

  /**
   * The research office rejected a completion the requester declared on the training task: each of their
   * held cases gives them the task again, with the rejection to read at /api/training.
   */
  @EventListener
  void askAgain(DeclarationRejected rejected) {
    for (OpenHold hold : holds.openFor(java.util.Set.of(rejected.userId()))) {
      asEngine(() -> runtime.createMessageCorrelation(OnboardingProcess.TRAINING_DECLARATION_REJECTED)
          .processInstanceId(hold.processInstanceId()).correlateAllWithResult());
    }
  }

  private static String currentSummary(Currency currency) {
    return currency.currentUntil() == null ? "Current (no module is required)"
        : "Current until " + currency.currentUntil();
  }

  /** The case is the engine's to move on, whoever's action released it; the caller was checked already. */
  private <T> T asEngine(Supplier<T> action) {
    return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(action::get));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
