package org.trustedresearch.cases.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.trustedresearch.cases.shared.CaseOwners;

/**
 * Approvers see the cases they are asked to review: when a review task is created, its candidate
 * groups are granted read access to the case (the process that holds it and the process the task
 * is in), so that Tasklist shows the case with the task and its history stays readable to them.
 */
class ReviewerAccess implements TaskListener {

  private final List<CaseOwners> registers;

  ReviewerAccess(List<CaseOwners> registers) {
    this.registers = registers;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseReference = task.getExecution().getProcessBusinessKey();
    Set<String> instances = new LinkedHashSet<>();
    // a case is in one register: the first that has it answers
    registers.stream().map(register -> register.processInstanceOf(caseReference)).flatMap(Optional::stream)
        .findFirst().ifPresent(instances::add);
    instances.add(task.getProcessInstanceId());
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    for (IdentityLink candidate : task.getCandidates()) {
      if (candidate.getGroupId() != null) {
        instances.forEach(instance -> CaseGrants.groupMayRead(authorizations, candidate.getGroupId(), instance));
      }
    }
  }
}
