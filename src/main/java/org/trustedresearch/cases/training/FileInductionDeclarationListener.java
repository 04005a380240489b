package org.trustedresearch.cases.training;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Completing the induction task with the day the module was completed files a self-declaration of
 * it, which the research office confirms like any other. Without a date the task just closes; the
 * learning system's export will bring the record.
 */
@Component("fileInductionDeclarationListener")
class FileInductionDeclarationListener implements TaskListener {

  private final TrainingRecords records;

  FileInductionDeclarationListener(TrainingRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    Object completedOn = task.getVariable(InductionProcess.COMPLETED_ON.name());
    if (completedOn == null || completedOn instanceof String text && text.isBlank()) {
      return;
    }
    if (!(completedOn instanceof String date)) {
      throw new InvalidCaseInputException(InductionProcess.COMPLETED_ON.name(), "must be a date as yyyy-mm-dd");
    }
    String person = InductionProcess.REQUESTER.get(task.getExecution());
    String actor = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    if (actor != null && !Objects.equals(actor, person)) {
      throw new InvalidCaseInputException(InductionProcess.COMPLETED_ON.name(),
          "only " + person + " can declare when they completed the module; leave it empty");
    }
    records.declare(person, InductionProcess.MODULE.get(task.getExecution()), date);
  }
}
