package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_ContainBreach (complete): how the breach was contained. */
@Component("containmentListener")
class ContainmentListener implements TaskListener {

  private final IncidentHandling handling;

  ContainmentListener(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void notify(DelegateTask task) {
    handling.contained(task);
  }
}
