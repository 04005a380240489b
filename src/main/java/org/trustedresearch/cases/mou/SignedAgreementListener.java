package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** UserTask_UploadSignedAgreement (complete): the signed copy is on file with a future expiry date. */
@Component("signedAgreementListener")
class SignedAgreementListener implements TaskListener {

  private final SignedAgreements agreements;

  SignedAgreementListener(SignedAgreements agreements) {
    this.agreements = agreements;
  }

  @Override
  public void notify(DelegateTask task) {
    agreements.signedCopyProvided(task);
  }
}
