package org.trustedresearch.cases.mou;

import static org.trustedresearch.cases.mou.MouReviewProcess.REVIEW_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** End of an MoU clause review, however it ends: one that ends undecided is closed as CANCELLED. */
@Component("closeMouReviewListener")
class CloseMouReviewListener implements ExecutionListener {

  private final MouReviews reviews;

  CloseMouReviewListener(MouReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Long reviewId = REVIEW_ID.get(execution);
    if (reviewId != null) {
      reviews.closeUndecided(reviewId, "Ended before a decision: the case was withdrawn or the review cancelled.");
    }
  }
}
