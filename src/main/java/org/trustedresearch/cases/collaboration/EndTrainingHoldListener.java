package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The hold for training ends, however it ends: training became current, the research office waived
 * it (its variables came with the waiver), or the case was withdrawn meanwhile. Reviewers read which.
 */
@Component("endTrainingHoldListener")
class EndTrainingHoldListener implements ExecutionListener {

  private final TrainingGate gate;

  EndTrainingHoldListener(TrainingGate gate) {
    this.gate = gate;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String waivedBy = TRAINING_WAIVED_BY.get(execution);
    boolean withdrawn = waivedBy == null && WITHDRAWAL_REASON.get(execution) != null;
    String summary = gate.end(CASE_REFERENCE.get(execution), REQUESTER.get(execution), waivedBy,
        TRAINING_WAIVER_REASON.get(execution), withdrawn);
    REQUESTER_TRAINING.set(execution, summary);
    TRAINING_CURRENT.set(execution, waivedBy == null && !withdrawn);
    TRAINING_HOLD_ENDED_AT.set(execution, ClockUtil.getCurrentTime());
  }
}
