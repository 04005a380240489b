package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_OpenClauseReview: the review record and legal's clause list, from the required clauses. */
@Component("openClauseReviewDelegate")
class OpenClauseReviewDelegate implements JavaDelegate {

  private final ClauseReviews reviews;

  OpenClauseReviewDelegate(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reviews.open(execution);
  }
}
