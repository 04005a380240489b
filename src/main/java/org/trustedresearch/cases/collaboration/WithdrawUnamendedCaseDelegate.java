package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_WithdrawUnamendedCase: a referred-back case nobody amended in time is withdrawn. */
@Component("withdrawUnamendedCaseDelegate")
class WithdrawUnamendedCaseDelegate implements JavaDelegate {

  static final String REASON = "it was not amended within the time allowed after it was referred back.";

  private final CaseMail mail;

  WithdrawUnamendedCaseDelegate(CaseMail mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OUTCOME.set(execution, Outcome.WITHDRAWN.name());
    WITHDRAWAL_REASON.set(execution, REASON);
    mail.withdrawn(execution, REASON);
  }
}
