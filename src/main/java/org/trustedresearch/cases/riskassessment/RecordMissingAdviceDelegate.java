package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.riskassessment.SignOffProcess.CHAMPION_ADVICE_OUTCOME;
import static org.trustedresearch.cases.riskassessment.SignOffProcess.CHAMPION_ADVICE_SUMMARY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionAdviceOutcome;

/**
 * ServiceTask_RecordMissingAdvice: the champion's advice did not come by its due date. The case goes on
 * to the head of department without it, and every later reviewer's form says so.
 */
@Component("recordMissingAdviceDelegate")
class RecordMissingAdviceDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    CHAMPION_ADVICE_OUTCOME.set(execution, ChampionAdviceOutcome.NO_ADVICE_IN_TIME.name());
    CHAMPION_ADVICE_SUMMARY.set(execution, ChampionAdviceListener.today()
        + " Security champion: no advice in time; the case went on to the head of department without it.");
  }
}
