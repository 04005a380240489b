package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_ProvideDraftAgreement (complete): a new draft is on file and, when negotiating, what changed. */
@Component("draftProvidedListener")
class DraftProvidedListener implements TaskListener {

  private final ClauseReviews reviews;

  DraftProvidedListener(ClauseReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    reviews.draftProvided(task);
  }
}
