package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The decisions after triage (ICO notification, voluntary disclosure, referral), with reasons either way. */
@Component("incidentDecisionListener")
class IncidentDecisionListener implements TaskListener {

  private final IncidentHandling handling;

  IncidentDecisionListener(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void notify(DelegateTask task) {
    handling.decided(task);
  }
}
