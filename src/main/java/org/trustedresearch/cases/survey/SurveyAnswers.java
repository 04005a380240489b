package org.trustedresearch.cases.survey;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;
import org.trustedresearch.cases.survey.SurveyProperties.Question;
import org.trustedresearch.cases.survey.SurveyProperties.QuestionSet;

/**
 * Takes one person's answer. Who answered goes to the participation record (campaign and person, which stops
 * a second answer); what was answered goes to the answers (campaign, department, question, score or text,
 * under a random response id). Neither has a time or a sequence number, and nothing joins the two.
 */
@Service
class SurveyAnswers {

  static final String COMMENT_ROW = "_comment";
  static final String SURVEY = "survey";
  static final int LOWEST = 1;
  static final int HIGHEST = 5;

  private final JdbcClient jdbc;
  private final SurveyCampaigns campaigns;
  private final SurveyProperties properties;

  SurveyAnswers(JdbcClient jdbc, SurveyCampaigns campaigns, SurveyProperties properties) {
    this.jdbc = jdbc;
    this.campaigns = campaigns;
    this.properties = properties;
  }

  /** Whether a variable is part of an answer (a question's field or the free text). */
  static boolean isAnswer(String variable) {
    return variable.startsWith(SurveyProcess.ANSWER_PREFIX) || variable.equals(SurveyProcess.COMMENT.name());
  }

  /** Checks and stores an answer; refuses it, storing nothing, when it is late, repeated or out of scale. */
  void record(String campaignId, String department, String invitee, String actor, Map<String, Object> submitted) {
    if (actor != null && !actor.equals(invitee)) {
      throw new AuthorizationException("Only the person invited answers their survey; " + actor + " may not");
    }
    SurveyCampaigns.Campaign campaign = campaigns.find(campaignId)
        .orElseThrow(() -> new InvalidCaseInputException(SURVEY, "no campaign " + campaignId));
    if (!campaigns.takesAnswers(campaign)) {
      throw new InvalidCaseInputException(SURVEY, "this survey closed at the end of "
          + campaign.closesOn().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK))
          + "; answers are no longer taken");
    }
    QuestionSet questions = properties.questionSet(campaign.questionSet())
        .orElseThrow(() -> new IllegalStateException("Question set " + campaign.questionSet() + " is no longer configured"));
    List<Problem> problems = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (Question question : questions.questions()) {
      Integer score = score(submitted.get(question.fieldKey()));
      if (submitted.get(question.fieldKey()) == null) {
        problems.add(new Problem(question.fieldKey(), "answer every question, from 1 (strongly disagree) to 5 (strongly agree)"));
      } else if (score == null) {
        problems.add(new Problem(question.fieldKey(), "must be a whole number from 1 to 5"));
      } else {
        rows.add(new Object[] {question.id(), score, null});
      }
    }
    List<String> asked = questions.questions().stream().map(Question::fieldKey).toList();
    submitted.forEach((name, value) -> {
      if (name.startsWith(SurveyProcess.ANSWER_PREFIX) && !asked.contains(name) && value != null) {
        problems.add(new Problem(name, "is not a question of this survey"));
      }
    });
    Object comment = submitted.get(SurveyProcess.COMMENT.name());
    if (comment != null && !(comment instanceof String)) {
      problems.add(new Problem(SurveyProcess.COMMENT.name(), "takes text"));
    } else if (comment instanceof String text && !text.isBlank()) {
      if (questions.commentPrompt() == null) {
        problems.add(new Problem(SurveyProcess.COMMENT.name(), "this survey asks for no free text"));
      } else if (text.length() > properties.maxCommentLength()) {
        problems.add(new Problem(SurveyProcess.COMMENT.name(), "is longer than " + properties.maxCommentLength()
            + " characters"));
      } else {
        rows.add(new Object[] {COMMENT_ROW, null, text.strip()});
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    participate(campaignId, invitee);
    String responseId = UUID.randomUUID().toString();
    for (Object[] row : rows) {
      jdbc.sql("""
          insert into tr_survey_answer (response_id, campaign_id, department, question_id, score, comment_text)
          values (?, ?, ?, ?, ?, ?)""")
          .params(responseId, campaignId, department, row[0], row[1], row[2])
          .update();
    }
  }

  /** Records that the person answered; refuses a second answer. */
  private void participate(String campaignId, String invitee) {
    String already = "you have already answered this survey; each person answers once, and answers cannot be changed";
    long earlier = jdbc.sql("select count(*) from tr_survey_participation where campaign_id = ? and user_id = ?")
        .params(campaignId, invitee).query(Long.class).single();
    if (earlier > 0) {
      throw new InvalidCaseInputException(SURVEY, already);
    }
    try {
      jdbc.sql("insert into tr_survey_participation (campaign_id, user_id) values (?, ?)")
          .params(campaignId, invitee).update();
    } catch (DuplicateKeyException e) {
      throw new InvalidCaseInputException(SURVEY, already);
    }
  }

  /** A score of 1 to 5, as a number or its text (form fields send either); null for anything else. */
  static Integer score(Object value) {
    long number;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      number = ((Number) value).longValue();
    } else if (value instanceof Double decimal && decimal == Math.rint(decimal) && !decimal.isInfinite()) {
      number = decimal.longValue();
    } else if (value instanceof String text && text.strip().matches("[0-9]{1,2}")) {
      number = Long.parseLong(text.strip());
    } else {
      return null;
    }
    return number >= LOWEST && number <= HIGHEST ? (int) number : null;
  }

  /** How many answered a campaign. */
  long participants(String campaignId) {
    return jdbc.sql("select count(*) from tr_survey_participation where campaign_id = ?").param(campaignId)
        .query(Long.class).single();
  }
}
