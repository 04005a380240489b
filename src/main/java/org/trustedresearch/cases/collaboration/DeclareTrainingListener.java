package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;
import org.trustedresearch.cases.training.TrainingRecords;

/**
 * The requester completes the training task. Completing it does not release the case: with a date,
 * it files a self-declaration for the research office to confirm, and the confirmation releases it.
 */
@Component("declareTrainingListener")
class DeclareTrainingListener implements TaskListener {

  private final TrainingRecords records;

  DeclareTrainingListener(TrainingRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    Object completedOn = task.getVariable(TRAINING_COMPLETED_ON.name());
    if (completedOn == null || completedOn instanceof String text && text.isBlank()) {
      return;
    }
    if (!(completedOn instanceof String)) {
      throw new InvalidCaseInputException(TRAINING_COMPLETED_ON.name(), "must be a date as yyyy-mm-dd");
    }
    try {
      records.declareCompletion(REQUESTER.get(task), TRAINING_MODULE.get(task), (String) completedOn);
    } catch (InvalidCaseInputException refused) {
      throw new InvalidCaseInputException(refused.getProblems().stream()
          .map(problem -> new Problem(TRAINING_COMPLETED_ON.name(), problem.message())).toList());
    }
  }
}
