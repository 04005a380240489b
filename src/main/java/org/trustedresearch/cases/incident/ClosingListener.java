package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_CloseIncident (complete): actions taken, lessons learned, a proposed case study. */
@Component("closingListener")
class ClosingListener implements TaskListener {

  private final IncidentHandling handling;

  ClosingListener(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void notify(DelegateTask task) {
    handling.closing(task);
  }
}
