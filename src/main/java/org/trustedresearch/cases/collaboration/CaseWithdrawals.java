package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.CaseRegister.RegisteredCase;
import org.trustedresearch.cases.notification.Notifications;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.EngineQueries;

/**
 * A researcher withdraws their own undecided case: whoever has one of its tasks open is told it is
 * no longer needed, then the case is withdrawn, which closes its tasks. Runs inside an engine
 * command (the case-withdrawal process), so everything happens or nothing does.
 */
@Service
class CaseWithdrawals {

  static final int MAX_REASON_LENGTH = 2000;

  private final CaseRegister register;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final Notifications notifications;
  private final HistoryService history;

  CaseWithdrawals(CaseRegister register, RuntimeService runtime, TaskService tasks, Notifications notifications,
      HistoryService history) {
    this.register = register;
    this.runtime = runtime;
    this.tasks = tasks;
    this.notifications = notifications;
    this.history = history;
  }

  void withdraw(String caseReference, String reason) {
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidCaseInputException(WITHDRAWAL_REASON.name(), "must be at most " + MAX_REASON_LENGTH + " characters");
    }
    RegisteredCase registered = register.find(caseReference)
        .orElseThrow(() -> new InvalidCaseInputException(CASE_REFERENCE.name(), "no case " + caseReference));
    String signedIn = Context.getCommandContext().getAuthenticatedUserId();
    if (!registered.requester().equals(signedIn)) {
      throw new AuthorizationException("Only the researcher who started case " + caseReference + " may withdraw it");
    }
    // withdrawals of one case wait here for each other: the second sees the case as the first left it
    register.lock(caseReference);
    ReReviews.withoutAuthorization(() -> {
      ProcessInstance instance = runtime.createProcessInstanceQuery()
          .processInstanceId(registered.processInstanceId()).singleResult();
      if (instance == null && withdrawn(registered.processInstanceId())) {
        // the requester's other tab or device came first: nothing left to do, and they should know
        throw new CaseConflictException("Case " + caseReference + " was withdrawn already; reload to see the case.");
      }
      if (instance == null || runtime.getVariable(instance.getId(), OUTCOME.name()) != null) {
        throw new InvalidCaseInputException(CASE_REFERENCE.name(), caseReference
            + " is already decided or closed; an approved collaboration is ended by the research office at re-review");
      }
      String because = reason == null || reason.isBlank() ? "withdrawn by the researcher." : reason.strip();
      try {
        for (Task task : EngineQueries.all(tasks.createTaskQuery().processInstanceBusinessKey(caseReference))) {
          notifications.taskClosed(caseReference, task.getName(), task.getAssignee(),
              tasks.getIdentityLinksForTask(task.getId()), registered.requester());
        }
        runtime.createMessageCorrelation(OnboardingProcess.WITHDRAWAL_REQUESTED)
            .processInstanceId(instance.getId())
            .setVariables(Map.of(WITHDRAWAL_REASON.name(), because))
            .correlate();
      } catch (RuntimeException failed) {
        boolean running = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1;
        if (running && !(failed instanceof MismatchingMessageCorrelationException)) {
          throw failed;
        }
        // the case ended between the check above and now (another withdrawal, or its last decision),
        // under the reads of its tasks or the correlation, which then fail in their own ways
        throw new CaseConflictException("Case " + caseReference + (withdrawn(instance.getId())
            ? " was withdrawn already" : " was closed a moment ago") + "; reload to see the case.");
      }
    });
  }

  private boolean withdrawn(String processInstanceId) {
    HistoricVariableInstance outcome = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(OUTCOME.name()).singleResult();
    return outcome != null && Outcome.WITHDRAWN.name().equals(outcome.getValue());
  }
}
