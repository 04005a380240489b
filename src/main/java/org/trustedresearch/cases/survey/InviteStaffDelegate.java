package org.trustedresearch.cases.survey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ServiceTask_InviteStaff: everyone in the campaign's departments gets an invitation task and e-mail. */
@Component("inviteStaffDelegate")
class InviteStaffDelegate implements JavaDelegate {

  private final SurveyInvitations invitations;

  InviteStaffDelegate(SurveyInvitations invitations) {
    this.invitations = invitations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    invitations.invite(SurveyProcess.CAMPAIGN_ID.get(execution), SurveyProcess.CLOSES_AT.get(execution),
        execution.getProcessEngineServices().getRuntimeService());
  }
}
