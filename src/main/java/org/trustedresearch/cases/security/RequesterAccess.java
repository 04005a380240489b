package org.trustedresearch.cases.security;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.trustedresearch.cases.collaboration.CaseRegister;

/**
 * Researchers see the cases they started and no others: when a process instance of a registered
 * case starts, its requester is granted read access to it, at runtime and in history.
 */
class RequesterAccess implements ExecutionListener {

  private final CaseRegister register;

  RequesterAccess(CaseRegister register) {
    this.register = register;
  }

  @Override
  public void notify(DelegateExecution execution) {
    register.requesterOf(execution.getProcessBusinessKey()).ifPresent(requester -> CaseGrants.userMayRead(
        execution.getProcessEngineServices().getAuthorizationService(), requester, execution.getProcessInstanceId()));
  }
}
