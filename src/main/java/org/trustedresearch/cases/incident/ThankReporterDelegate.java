package org.trustedresearch.cases.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_ThankReporter: the reporter is thanked for reporting, unless anonymous. */
@Component("thankReporterDelegate")
class ThankReporterDelegate implements JavaDelegate {

  private final IncidentHandling handling;

  ThankReporterDelegate(IncidentHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.thank(execution);
  }
}
