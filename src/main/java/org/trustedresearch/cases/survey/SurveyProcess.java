package org.trustedresearch.cases.survey;

import java.util.Date;
import java.util.List;

import org.trustedresearch.cases.shared.ProcessVariable;

/**
 * The staff survey's two processes: the campaign ({@value #KEY}, started by the research office) and one
 * invitation per person ({@value #ANSWER_KEY}), whose answer leaves the engine as it is submitted.
 */
public final class SurveyProcess {

  public static final String KEY = "staff-survey";
  public static final String ANSWER_KEY = "staff-survey-answer";
  public static final String REFERENCE_PREFIX = "SURVEY";

  // the campaign
  public static final String START_EVENT = "StartEvent_CampaignRequested";
  public static final String TIMER_OPENS = "Timer_CampaignOpens";
  public static final String INVITE_STAFF = "ServiceTask_InviteStaff";
  public static final String TIMER_CLOSES = "Timer_CampaignCloses";
  public static final String CLOSE_CAMPAIGN = "ServiceTask_CloseCampaign";
  public static final String END_CLOSED = "EndEvent_CampaignClosed";

  // one invitation
  public static final String ANSWER_START = "StartEvent_StaffInvited";
  public static final String ANSWER_SURVEY = "UserTask_AnswerSurvey";
  public static final String TIMER_SURVEY_CLOSES = "Timer_SurveyCloses";
  public static final String END_ANSWERED = "EndEvent_SurveyAnswered";
  public static final String END_UNANSWERED = "EndEvent_SurveyClosedUnanswered";

  // what the research office chooses (start form)
  public static final ProcessVariable<String> QUESTION_SET = ProcessVariable.string("questionSet");
  /** The departments, comma-separated, e.g. "physics, chemistry". */
  public static final ProcessVariable<String> DEPARTMENTS = ProcessVariable.string("surveyDepartments");
  /** yyyy-mm-dd: the survey opens at the start of this day. */
  public static final ProcessVariable<String> OPENS_ON = ProcessVariable.string("opensOn");
  /** yyyy-mm-dd: the last day to answer; the survey closes at the end of it. */
  public static final ProcessVariable<String> CLOSES_ON = ProcessVariable.string("closesOn");

  // what the campaign records
  public static final ProcessVariable<String> CAMPAIGN_ID = ProcessVariable.string("campaignId");
  public static final ProcessVariable<Date> OPENS_AT = ProcessVariable.date("opensAt");
  public static final ProcessVariable<Date> CLOSES_AT = ProcessVariable.date("closesAt");

  // one invitation: who is asked, for which department (never stored with an answer but the department)
  public static final ProcessVariable<String> INVITEE = ProcessVariable.string("invitee");
  public static final ProcessVariable<String> DEPARTMENT = ProcessVariable.string("department");

  // the answer, only while the form is submitted: one field per question, and free text
  public static final String ANSWER_PREFIX = "answer_";
  public static final ProcessVariable<String> COMMENT = ProcessVariable.string("surveyComment");
  /** The form's group that the configured questions are written into as the form is deployed. */
  public static final String QUESTIONS_GROUP = "Group_questions";
  /** The start form's select of question sets, filled from the configuration as the form is deployed. */
  public static final String QUESTION_SET_FIELD = "Field_questionSet";

  private SurveyProcess() {
  }

  /** Every variable the processes and their forms use (the answer fields besides, which follow the configuration). */
  public static List<ProcessVariable<?>> variables() {
    return List.of(QUESTION_SET, DEPARTMENTS, OPENS_ON, CLOSES_ON, CAMPAIGN_ID, OPENS_AT, CLOSES_AT, INVITEE,
        DEPARTMENT, COMMENT);
  }
}
