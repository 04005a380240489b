package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** StartEvent_MouReviewRequested: the case must exist and, started on its own, be an active collaboration. */
@Component("prepareMouReviewListener")
class PrepareMouReviewListener implements ExecutionListener {

  private final ClauseReviews reviews;

  PrepareMouReviewListener(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateExecution execution) {
    reviews.prepare(execution);
  }
}
