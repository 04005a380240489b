package org.trustedresearch.cases.mou;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_AwaitSignedAgreement: the cleared agreement's signing and renewal are followed on their own. */
@Component("awaitSignedAgreementDelegate")
class AwaitSignedAgreementDelegate implements JavaDelegate {

  private final SignedAgreements agreements;

  AwaitSignedAgreementDelegate(SignedAgreements agreements) {
    this.agreements = agreements;
  }

  @Override
  public void execute(DelegateExecution execution) {
    agreements.await(execution);
  }
}
