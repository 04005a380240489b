package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_ReviewClauses (complete): legal's clause statuses and decision are checked and the round recorded. */
@Component("clauseReviewListener")
class ClauseReviewListener implements TaskListener {

  private final ClauseReviews reviews;

  ClauseReviewListener(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    reviews.legalReviewed(task);
  }
}
