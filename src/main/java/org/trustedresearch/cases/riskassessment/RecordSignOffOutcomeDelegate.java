package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordSignOffOutcome: the round's outcome and conditions; conditions of an approval
 * become the case's mitigations.
 */
@Component("recordSignOffOutcomeDelegate")
class RecordSignOffOutcomeDelegate implements JavaDelegate {

  private final SignOffRules rules;
  private final Mitigations mitigations;

  RecordSignOffOutcomeDelegate(SignOffRules rules, Mitigations mitigations) {
    this.rules = rules;
    this.mitigations = mitigations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SignOffOutcome outcome = rules.outcome(execution);
    SIGN_OFF_OUTCOME.set(execution, outcome.name());
    CONDITIONS.set(execution, outcome == SignOffOutcome.APPROVED_WITH_CONDITIONS ? rules.conditions(execution) : null);
    if (outcome == SignOffOutcome.APPROVED_WITH_CONDITIONS) {
      mitigations.recordConditions(execution);
    }
  }
}
