package org.trustedresearch.cases.collaboration;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.screening.PartnerScreening;

/** ServiceTask_ScreenPartner: the partner's name against the sanctions list, its country against policy. */
@Component("screenPartnerDelegate")
class ScreenPartnerDelegate implements JavaDelegate {

  private final PartnerScreening screening;
  private final RiskPolicy riskPolicy;

  ScreenPartnerDelegate(PartnerScreening screening, RiskPolicy riskPolicy) {
    this.screening = screening;
    this.riskPolicy = riskPolicy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PartnerScreening.Outcome outcome = screening.screen(PARTNER_NAME.get(execution));
    SCREENING_RESULT.set(execution,
        (outcome.potentialMatch() ? ScreeningResult.POTENTIAL_MATCH : ScreeningResult.CLEAR).name());
    SCREENING_LIST_DATE.set(execution, outcome.listName() + " of " + outcome.listDate());
    SCREENING_MATCHES.set(execution, outcome.describeMatches());
    PARTNER_IN_HIGH_RISK_COUNTRY.set(execution, riskPolicy.isHighRiskCountry(PARTNER_COUNTRY.get(execution)));
  }
}
