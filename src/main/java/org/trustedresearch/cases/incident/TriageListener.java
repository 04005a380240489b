package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_TriageIncident (complete): severity and what was found. */
@Component("triageListener")
class TriageListener implements TaskListener {

  private final IncidentHandling handling;

  TriageListener(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void notify(DelegateTask task) {
    handling.triaged(task);
  }
}
