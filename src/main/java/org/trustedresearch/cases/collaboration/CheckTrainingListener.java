package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** At the start of a case, after the proposal was checked: is the requester's training current? */
@Component("checkTrainingListener")
class CheckTrainingListener implements ExecutionListener {

  private final TrainingGate gate;

  CheckTrainingListener(TrainingGate gate) {
    this.gate = gate;
  }

  @Override
  public void notify(DelegateExecution execution) {
    TrainingGate.Check check = gate.atStart(CASE_REFERENCE.get(execution), execution.getProcessInstanceId(),
        REQUESTER.get(execution));
    TrainingCheckResult.write(execution, check);
    if (!check.current()) {
      TRAINING_HOLD_STARTED_AT.set(execution, ClockUtil.getCurrentTime());
    }
  }
}
