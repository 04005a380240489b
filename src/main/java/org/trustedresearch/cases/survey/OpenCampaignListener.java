package org.trustedresearch.cases.survey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** StartEvent_CampaignRequested: the campaign is checked, given its id and registered. */
@Component("openCampaignListener")
class OpenCampaignListener implements ExecutionListener {

  private final SurveyCampaigns campaigns;

  OpenCampaignListener(SurveyCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    campaigns.open(execution);
  }
}
