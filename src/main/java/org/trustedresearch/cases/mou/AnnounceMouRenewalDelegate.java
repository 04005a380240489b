package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_AnnounceMouRenewal: the agreement expires soon; people are told and the collaboration re-reviewed. */
@Component("announceMouRenewalDelegate")
class AnnounceMouRenewalDelegate implements JavaDelegate {

  private final SignedAgreements agreements;

  AnnounceMouRenewalDelegate(SignedAgreements agreements) {
    this.agreements = agreements;
  }

  @Override
  public void execute(DelegateExecution execution) {
    agreements.announceRenewal(execution);
  }
}
