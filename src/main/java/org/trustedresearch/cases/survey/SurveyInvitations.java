package org.trustedresearch.cases.survey;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Groups;

/**
 * Invites the members of a campaign's departments: one invitation process ({@value SurveyProcess#ANSWER_KEY})
 * per person, whose task is assigned to them and e-mails them (its {@code notificationTemplate}). Someone in
 * several of the departments is invited once, for the first of them. The list of people is never a process
 * variable: each invitation carries only its own person and department.
 */
@Service
class SurveyInvitations {

  private static final Logger LOG = LoggerFactory.getLogger(SurveyInvitations.class);

  private final SurveyCampaigns campaigns;
  private final Directory directory;

  SurveyInvitations(SurveyCampaigns campaigns, Directory directory) {
    this.campaigns = campaigns;
    this.directory = directory;
  }

  void invite(String campaignId, Date closesAt, RuntimeService runtime) {
    SurveyCampaigns.Campaign campaign = campaigns.find(campaignId)
        .orElseThrow(() -> new IllegalStateException("No survey campaign " + campaignId));
    Map<String, String> departmentOf = new LinkedHashMap<>();
    for (String department : campaign.departments()) {
      directory.membersOf(Groups.department(department))
          .forEach(person -> departmentOf.putIfAbsent(person.id(), department));
    }
    departmentOf.forEach((invitee, department) -> runtime.createProcessInstanceByKey(SurveyProcess.ANSWER_KEY)
        .businessKey(campaignId)
        .setVariable(SurveyProcess.CAMPAIGN_ID.name(), campaignId)
        .setVariable(SurveyProcess.QUESTION_SET.name(), campaign.questionSet())
        .setVariable(SurveyProcess.INVITEE.name(), invitee)
        .setVariable(SurveyProcess.DEPARTMENT.name(), department)
        .setVariable(SurveyProcess.CLOSES_AT.name(), closesAt)
        .execute());
    campaigns.opened(campaignId, departmentOf.size());
    LOG.info("Survey {} opened: {} people invited in {}", campaignId, departmentOf.size(), campaign.departments());
  }
}
