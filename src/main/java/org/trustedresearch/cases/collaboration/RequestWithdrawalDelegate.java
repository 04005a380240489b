package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.WITHDRAWAL_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RequestWithdrawal (case-withdrawal): the signed-in researcher withdraws the named case. */
@Component("requestWithdrawalDelegate")
class RequestWithdrawalDelegate implements JavaDelegate {

  private final CaseWithdrawals withdrawals;

  RequestWithdrawalDelegate(CaseWithdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    withdrawals.withdraw(text(execution.getVariable(CASE_REFERENCE.name())),
        text(execution.getVariable(WITHDRAWAL_REASON.name())));
  }

  static String text(Object value) {
    return value == null ? null : value.toString().strip();
  }
}
