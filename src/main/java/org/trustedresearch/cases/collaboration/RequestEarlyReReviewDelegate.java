package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_RequestEarlyReReview (early-re-review): the research office re-reviews a collaboration now. */
@Component("requestEarlyReReviewDelegate")
class RequestEarlyReReviewDelegate implements JavaDelegate {

  private final ReReviews reReviews;

  RequestEarlyReReviewDelegate(ReReviews reReviews) {
    this.reReviews = reReviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reReviews.requestEarly(RequestWithdrawalDelegate.text(execution.getVariable(CASE_REFERENCE.name())),
        RequestWithdrawalDelegate.text(execution.getVariable(RE_REVIEW_REASON.name())));
  }
}
