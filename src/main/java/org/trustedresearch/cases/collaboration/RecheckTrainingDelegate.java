package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RecheckTraining: a held case looks again whether its requester's training is current. */
@Component("recheckTrainingDelegate")
class RecheckTrainingDelegate implements JavaDelegate {

  private final TrainingGate gate;

  RecheckTrainingDelegate(TrainingGate gate) {
    this.gate = gate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TrainingCheckResult.write(execution, gate.check(REQUESTER.get(execution)));
  }
}
