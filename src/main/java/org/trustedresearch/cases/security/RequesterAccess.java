package org.trustedresearch.cases.security;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.trustedresearch.cases.shared.CaseOwners;

/**
 * Researchers see the cases they started and no others: when a process instance of a registered
 * case starts (a collaboration, a report they made), its requester is granted read access to it,
 * at runtime and in history.
 */
class RequesterAccess implements ExecutionListener {

  private final List<CaseOwners> registers;

  RequesterAccess(List<CaseOwners> registers) {
    this.registers = registers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    for (CaseOwners register : registers) {
      register.requesterOf(execution.getProcessBusinessKey()).ifPresent(requester -> CaseGrants.userMayRead(
          execution.getProcessEngineServices().getAuthorizationService(), requester, execution.getProcessInstanceId()));
    }
  }
}
