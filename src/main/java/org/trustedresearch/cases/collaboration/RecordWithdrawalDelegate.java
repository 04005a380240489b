package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.OUTCOME;
import static org.trustedresearch.cases.collaboration.CollaborationCase.WITHDRAWAL_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RecordWithdrawal: the researcher withdrew the case; its tasks are already closed. */
@Component("recordWithdrawalDelegate")
class RecordWithdrawalDelegate implements JavaDelegate {

  private final CaseMail mail;

  RecordWithdrawalDelegate(CaseMail mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OUTCOME.set(execution, CollaborationCase.Outcome.WITHDRAWN.name());
    mail.withdrawn(execution, WITHDRAWAL_REASON.get(execution));
  }
}
