package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_ApproveCaseStudy (complete): publish the anonymised case study or not. */
@Component("caseStudyListener")
class CaseStudyListener implements TaskListener {

  private final IncidentHandling handling;

  CaseStudyListener(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void notify(DelegateTask task) {
    handling.caseStudyDecided(task);
  }
}
