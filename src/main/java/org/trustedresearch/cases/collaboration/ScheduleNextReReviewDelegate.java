package org.trustedresearch.cases.collaboration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_ScheduleNextReReview: a confirmed collaboration is re-reviewed again a period later. */
@Component("scheduleNextReReviewDelegate")
class ScheduleNextReReviewDelegate implements JavaDelegate {

  private final ReReviews reReviews;

  ScheduleNextReReviewDelegate(ReReviews reReviews) {
    this.reReviews = reReviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reReviews.schedule(execution);
  }
}
