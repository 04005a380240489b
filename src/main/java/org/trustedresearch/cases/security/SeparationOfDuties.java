package org.trustedresearch.cases.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.trustedresearch.cases.shared.CaseOwners;

/**
 * Nobody signs off a case they started, or handles an incident they reported. Attached by the engine to every review task,
 * it refuses assigning the task to the requester (claim, delegate, set assignee) and completing it
 * as the requester, whatever groups they are in. The requester comes from the case register, not
 * from a process variable a task completion could change.
 */
class SeparationOfDuties implements TaskListener {

  private final List<CaseOwners> registers;

  SeparationOfDuties(List<CaseOwners> registers) {
    this.registers = registers;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseReference = task.getExecution().getProcessBusinessKey();
    Optional<String> requester = registers.stream().map(register -> register.requesterOf(caseReference))
        .flatMap(Optional::stream).findFirst();
    if (requester.isEmpty()) {
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && requester.get().equals(task.getAssignee())) {
      throw new SeparationOfDutiesViolation("Separation of duties: " + requester.get() + " started case "
          + caseReference + " and cannot be assigned its review task '" + task.getName() + "'");
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      String signedIn = Context.getCommandContext().getAuthenticatedUserId();
      if (requester.get().equals(signedIn) || requester.get().equals(task.getAssignee())) {
        throw new SeparationOfDutiesViolation("Separation of duties: " + requester.get() + " started case "
            + caseReference + " and cannot decide its review task '" + task.getName() + "'");
      }
    }
  }
}
