package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** StartEvent_IncidentReported: the report is checked, given its reference and registered. */
@Component("validateIncidentListener")
class ValidateIncidentListener implements ExecutionListener {

  private final IncidentIntake intake;

  ValidateIncidentListener(IncidentIntake intake) {
    this.intake = intake;
  }

  @Override
  public void notify(DelegateExecution execution) {
    intake.receive(execution);
  }
}
