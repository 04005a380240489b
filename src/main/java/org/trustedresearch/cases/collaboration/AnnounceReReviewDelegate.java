package org.trustedresearch.cases.collaboration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_AnnounceReReview: the researcher hears of the re-review in good time. */
@Component("announceReReviewDelegate")
class AnnounceReReviewDelegate implements JavaDelegate {

  private final CaseMail mail;

  AnnounceReReviewDelegate(CaseMail mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mail.reReviewAnnounced(execution);
  }
}
