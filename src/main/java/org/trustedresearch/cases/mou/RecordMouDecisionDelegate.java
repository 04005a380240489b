package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RecordMouDecision: CLEARED or REJECTED, whether the security clause is in, and the requester told. */
@Component("recordMouDecisionDelegate")
class RecordMouDecisionDelegate implements JavaDelegate {

  private final ClauseReviews reviews;

  RecordMouDecisionDelegate(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reviews.decide(execution);
  }
}
