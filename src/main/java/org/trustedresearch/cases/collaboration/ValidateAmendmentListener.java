package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.Arrays;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * The researcher's answer to a referral back: withdraw, or resubmit an amended proposal that is
 * checked exactly like a new one and says what changed.
 */
@Component("validateAmendmentListener")
class ValidateAmendmentListener implements TaskListener {

  static final int MAX_NOTE_LENGTH = 4000;

  private final ProposalValidator validator;
  private final CaseRegister register;

  ValidateAmendmentListener(ProposalValidator validator, CaseRegister register) {
    this.validator = validator;
    this.register = register;
  }

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(AMEND_DECISION.name());
    if (decision == null || Arrays.stream(AmendDecision.values()).noneMatch(d -> d.name().equals(decision))) {
      throw new InvalidCaseInputException(AMEND_DECISION.name(), "must be RESUBMIT or WITHDRAW");
    }
    String caseReference = CASE_REFERENCE.get(task.getExecution());
    String requester = register.requesterOf(caseReference).orElseThrow();
    if (!Objects.equals(task.getVariable(REQUESTER.name()), requester)) {
      throw new InvalidCaseInputException(REQUESTER.name(), "cannot be changed");
    }
    if (AmendDecision.WITHDRAW.name().equals(decision)) {
      return;
    }
    Object note = task.getVariable(AMENDMENT_NOTE.name());
    if (!(note instanceof String text) || text.isBlank()) {
      throw new InvalidCaseInputException(AMENDMENT_NOTE.name(), "say what you changed, so reviewers can see it");
    }
    if (text.length() > MAX_NOTE_LENGTH) {
      throw new InvalidCaseInputException(AMENDMENT_NOTE.name(), "must be at most " + MAX_NOTE_LENGTH + " characters");
    }
    validator.validateAndNormalise(task.getExecution(), requester);
    register.updateProposal(caseReference, DEPARTMENT.get(task.getExecution()), PARTNER_NAME.get(task.getExecution()),
        PARTNER_COUNTRY.get(task.getExecution()));
  }
}
