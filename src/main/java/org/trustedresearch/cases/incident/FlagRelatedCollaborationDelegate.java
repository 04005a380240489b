package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_FlagRelatedCollaboration: the collaboration the report is about is re-reviewed now. */
@Component("flagRelatedCollaborationDelegate")
class FlagRelatedCollaborationDelegate implements JavaDelegate {

  private final IncidentHandling handling;

  FlagRelatedCollaborationDelegate(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.flagRelatedCollaboration(execution);
  }
}
