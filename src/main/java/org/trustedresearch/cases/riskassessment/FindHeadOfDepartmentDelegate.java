package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.directory.Directory;

/** ServiceTask_FindHeadOfDepartment: who gives the first sign-off (never the requester). */
@Component("findHeadOfDepartmentDelegate")
class FindHeadOfDepartmentDelegate implements JavaDelegate {

  private final Directory directory;
  private final CaseRegister register;

  FindHeadOfDepartmentDelegate(Directory directory, CaseRegister register) {
    this.directory = directory;
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requester = register.requesterOf(CASE_REFERENCE.get(execution))
        .orElseThrow(() -> new IllegalStateException("No registered case " + CASE_REFERENCE.get(execution)));
    SignOffProcess.HOD_GROUP.set(execution, directory.firstSignOffGroup(DEPARTMENT.get(execution), requester));
  }
}
