package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_DecideDeviation (complete): the Head of Risk's decision and the reason for it. */
@Component("deviationDecisionListener")
class DeviationDecisionListener implements TaskListener {

  private final ClauseReviews reviews;

  DeviationDecisionListener(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    reviews.deviationDecided(task);
  }
}
