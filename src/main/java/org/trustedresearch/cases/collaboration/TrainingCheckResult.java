package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What the training gate found, as the case's variables: the model routes on them, forms show them. */
final class TrainingCheckResult {

  private TrainingCheckResult() {
  }

  static void write(DelegateExecution execution, TrainingGate.Check check) {
    TRAINING_CURRENT.set(execution, check.current());
    REQUESTER_TRAINING.set(execution, check.summary());
    if (check.missing() != null) {
      TRAINING_MODULE.set(execution, check.missing().module());
      TRAINING_MODULE_TITLE.set(execution, check.missing().title());
      TRAINING_MODULE_LINK.set(execution, check.missing().link());
    }
  }
}
