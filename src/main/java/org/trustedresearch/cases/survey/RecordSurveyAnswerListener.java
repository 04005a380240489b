package org.trustedresearch.cases.survey;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * UserTask_AnswerSurvey, on completion: the answer is checked and stored without its author, and its
 * variables are removed before the command ends, so the engine never writes them (the invitation process
 * keeps no history either: {@link AnswerHistoryFilter}).
 */
@Component("recordSurveyAnswerListener")
class RecordSurveyAnswerListener implements TaskListener {

  private final SurveyAnswers answers;

  RecordSurveyAnswerListener(SurveyAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> submitted = new HashMap<>();
    for (String name : task.getVariableNames()) {
      if (SurveyAnswers.isAnswer(name)) {
        submitted.put(name, task.getVariable(name));
      }
    }
    String actor = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    answers.record(SurveyProcess.CAMPAIGN_ID.get(task), SurveyProcess.DEPARTMENT.get(task),
        SurveyProcess.INVITEE.get(task), actor, submitted);
    task.removeVariables(submitted.keySet());
  }
}
