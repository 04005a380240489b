package org.trustedresearch.cases.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.trustedresearch.cases.shared.CaseOwners;

/**
 * Researchers see the cases they started and no others: when a process instance of a registered
 * case starts (a collaboration, a report they made), its requester is granted read access to it,
 * at runtime and in history, as are the groups its register names (the research office for a
 * report that is not confidential, the security champions of a collaboration's department).
 */
class RequesterAccess implements ExecutionListener {

  private final List<CaseOwners> registers;

  RequesterAccess(List<CaseOwners> registers) {
    this.registers = registers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var authorizations = execution.getProcessEngineServices().getAuthorizationService();
    String caseReference = execution.getProcessBusinessKey();
    // a case is in one register: the first that has it answers
    registers.stream().map(register -> register.readersOf(caseReference)).flatMap(Optional::stream).findFirst()
        .ifPresent(readers -> {
          readers.requester().ifPresent(requester ->
              CaseGrants.userMayRead(authorizations, requester, execution.getProcessInstanceId()));
          readers.groups().forEach(group ->
              CaseGrants.groupMayRead(authorizations, group, execution.getProcessInstanceId()));
          // a process the case calls (a sign-off round) names the groups as the case is now: a case moved to
          // another department on amendment is then read by that department's champions too
          DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
          if (caller != null) {
            readers.groups().forEach(group ->
                CaseGrants.groupMayRead(authorizations, group, caller.getProcessInstanceId()));
          }
        });
  }
}
