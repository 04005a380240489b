package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RecordClosure: the report is closed, an approved case study published, the reporter told. */
@Component("recordClosureDelegate")
class RecordClosureDelegate implements JavaDelegate {

  private final IncidentHandling handling;

  RecordClosureDelegate(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.close(execution);
  }
}
