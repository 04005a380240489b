package org.trustedresearch.cases.survey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_CloseCampaign: the campaign takes no more answers; its results are final. */
@Component("closeCampaignDelegate")
class CloseCampaignDelegate implements JavaDelegate {

  private final SurveyCampaigns campaigns;

  CloseCampaignDelegate(SurveyCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    campaigns.closed(SurveyProcess.CAMPAIGN_ID.get(execution));
  }
}
