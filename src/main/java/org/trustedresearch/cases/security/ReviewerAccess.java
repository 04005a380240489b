package org.trustedresearch.cases.security;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.trustedresearch.cases.collaboration.CaseRegister;

/**
 * Approvers see the cases they are asked to review: when a review task is created, its candidate
 * groups are granted read access to the case (the onboarding and the process the task is in), so
 * that Tasklist shows the case with the task and its history stays readable to them.
 */
class ReviewerAccess implements TaskListener {

  private final CaseRegister register;

  ReviewerAccess(CaseRegister register) {
    this.register = register;
  }

  @Override
  public void notify(DelegateTask task) {
    register.find(task.getExecution().getProcessBusinessKey()).ifPresent(registered -> {
      AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
      Set<String> instances = new LinkedHashSet<>();
      instances.add(registered.processInstanceId());
      instances.add(task.getProcessInstanceId());
      for (IdentityLink candidate : task.getCandidates()) {
        if (candidate.getGroupId() != null) {
          instances.forEach(instance -> CaseGrants.groupMayRead(authorizations, candidate.getGroupId(), instance));
        }
      }
    });
  }
}
