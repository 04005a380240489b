package org.trustedresearch.cases.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.survey.SurveyStaff.ENGINEERS;
import static org.trustedresearch.cases.survey.SurveyStaff.SET;
import static org.trustedresearch.cases.survey.SurveyStaff.SHORT_SET;
import static org.trustedresearch.cases.survey.SurveyStaff.campaign;
import static org.trustedresearch.cases.survey.SurveyStaff.ratings;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.evaluation.Measure;
import org.trustedresearch.cases.evaluation.Period;
import org.trustedresearch.cases.evaluation.ProgrammeMeasures;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;

import com.fasterxml.jackson.databind.JsonNode;

/** A staff survey campaign from its start by the research office to its results and the KPIs. */
@CaseManagementTest
class StaffSurveyTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  ProgrammeMeasures measures;
  Http http;
  SurveyStaff staff;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    staff = new SurveyStaff(engine, port);
  }

  static LocalDate inDays(int days) {
    return PinnedClock.today().plusDays(days);
  }

  long answerRows() {
    return jdbc.sql("select count(*) from tr_survey_answer").query(Long.class).single();
  }

  long participations() {
    return jdbc.sql("select count(*) from tr_survey_participation").query(Long.class).single();
  }

  @Test
  void aCampaignInvitesEveryoneInItsDepartmentsOnceInTasklistAndByAnEmailTheEndorserSigns() {
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    String campaignId = staff.openCampaign(SET, List.of("physics", "engineering"), inDays(14));

    for (String invitee : List.of("rachel", "hannah", "george", TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS, ENGINEERS.get(0))) {
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId).taskAssignee(invitee)
          .count()).as(invitee).isEqualTo(1);
    }
    assertThat(staff.invitation(campaignId, "omar")).as("computer science is not asked").isNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId)
        .taskUnassigned().count()).isZero();
    JsonNode listed = listedCampaign(campaignId);
    assertThat(listed.path("status").asText()).isEqualTo("OPEN");
    assertThat(listed.path("invited").asInt()).isEqualTo((int) engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(campaignId).count());

    dispatcher.deliverAll();
    List<Mailbox.Mail> toRachel = Mailbox.to("rachel", campaignId);
    assertThat(toRachel).hasSize(1);
    assertThat(toRachel.get(0).subject()).contains("Staff survey");
    assertThat(toRachel.get(0).text()).contains("Professor Alex Morgan", "Pro-Vice-Chancellor for Research",
        "/camunda/app/tasklist/", "anonymous");
    assertThat(toRachel.get(0).html()).contains("Professor Alex Morgan");
    assertThat(Mailbox.to(TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS, campaignId)).hasSize(1);
  }

  @Test
  void aCampaignThatOpensLaterInvitesNobodyUntilItsFirstDay() {
    Reply started = http.post("/api/surveys", "sam", campaign(SET, List.of("engineering"), inDays(7), inDays(21)));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String campaignId = started.json().path("campaignId").asText();
    new org.trustedresearch.cases.support.Cases(engine).runJobsOf(campaignId);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId).count()).isZero();
    assertThat(listedCampaign(campaignId).path("status").asText()).isEqualTo("SCHEDULED");

    PinnedClock.stopAt(inDays(7).atStartOfDay(PinnedClock.LONDON).toInstant().plusSeconds(1));
    new org.trustedresearch.cases.support.Cases(engine).runJobsOf(campaignId);
    assertThat(staff.invitation(campaignId, ENGINEERS.get(0))).isNotNull();
  }

  @Test
  void theResearchOfficeMustNameAKnownQuestionSetKnownDepartmentsAndAClosingDayAfterTheOpening() {
    long campaigns = jdbc.sql("select count(*) from tr_survey_campaign").query(Long.class).single();
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

    Map<Map<String, Object>, String> refused = new HashMap<>();
    refused.put(campaign("no-such-set", List.of("physics"), inDays(1), inDays(10)), "questionSet");
    refused.put(campaign(SET, List.of("astrology"), inDays(1), inDays(10)), "surveyDepartments");
    refused.put(campaign(SET, List.of(), inDays(1), inDays(10)), "surveyDepartments");
    refused.put(campaign(SET, List.of("physics"), inDays(10), inDays(10)), "closesOn");
    refused.put(campaign(SET, List.of("physics"), inDays(10), inDays(3)), "closesOn");
    refused.put(campaign(SET, List.of("physics"), inDays(-1), inDays(3)), "opensOn");
    refused.put(campaign(SET, List.of("physics"), null, inDays(3)), "opensOn");
    Map<String, Object> badDate = campaign(SET, List.of("physics"), inDays(1), inDays(3));
    badDate.put("closesOn", "next Friday");
    refused.put(badDate, "closesOn");
    refused.forEach((request, field) -> {
      Reply reply = http.post("/api/surveys", "sam", request);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().findValuesAsText("field")).as(reply.body()).contains(field);
    });

    assertThat(jdbc.sql("select count(*) from tr_survey_campaign").query(Long.class).single()).isEqualTo(campaigns);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void onlyTheResearchOfficeStartsACampaignByTheApiOrTheEngine() {
    Map<String, Object> request = campaign(SET, List.of("physics"), inDays(30), inDays(40));
    for (String other : List.of("rachel", "helen", "maria", "demo")) {
      assertThat(http.post("/api/surveys", other, request).status()).as(other).isEqualTo(403);
    }
    Map<String, Object> variables = Map.of("questionSet", SET, "surveyDepartments", "physics",
        "opensOn", inDays(30).toString(), "closesOn", inDays(40).toString());
    Reply byRachel = http.post("/engine-rest/process-definition/key/" + SurveyProcess.KEY + "/submit-form", "rachel",
        Map.of("variables", Http.variables(variables)));
    assertThat(byRachel.status()).as(byRachel.body()).isEqualTo(403);
    Reply bySam = http.post("/engine-rest/process-definition/key/" + SurveyProcess.KEY + "/submit-form", "sam",
        Map.of("variables", Http.variables(variables)));
    assertThat(bySam.status()).as(bySam.body()).isEqualTo(200);
    assertThat(bySam.json().path("businessKey").asText()).startsWith("SURVEY-2026-");
  }

  @Test
  void anAnswerIsStoredWithoutItsAuthorAndASecondAnswerIsRefusedStoringNothing() {
    String campaignId = staff.openCampaign(SET, List.of("engineering"), inDays(14));
    String engineer = ENGINEERS.get(1);

    staff.answered(campaignId, engineer, ratings("4", "More drop-in sessions, please."));

    assertThat(staff.invitation(campaignId, engineer)).as("the invitation is done").isNull();
    assertThat(jdbc.sql("select count(*) from tr_survey_participation where campaign_id = ? and user_id = ?")
        .params(campaignId, engineer).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select question_id, score from tr_survey_answer where campaign_id = ? and score is not null")
        .param(campaignId).query().listOfRows()).hasSize(5).allMatch(row -> ((Number) row.get("SCORE")).intValue() == 4);
    assertThat(jdbc.sql("select comment_text from tr_survey_answer where campaign_id = ? and comment_text is not null")
        .param(campaignId).query(String.class).list()).containsExactly("More drop-in sessions, please.");

    // a second invitation of the same person (a repeated start), answered again
    Map<String, Object> again = Map.of(SurveyProcess.CAMPAIGN_ID.name(), campaignId,
        SurveyProcess.QUESTION_SET.name(), SET, SurveyProcess.INVITEE.name(), engineer,
        SurveyProcess.DEPARTMENT.name(), "engineering",
        SurveyProcess.CLOSES_AT.name(), java.util.Date.from(inDays(15).atStartOfDay(PinnedClock.LONDON).toInstant()));
    engine.getRuntimeService().startProcessInstanceByKey(SurveyProcess.ANSWER_KEY, campaignId, again);
    long rows = answerRows();
    long participated = participations();

    Reply second = staff.answer(campaignId, engineer, ratings("1", "Changed my mind."));

    assertThat(second.status()).as(second.body()).isEqualTo(400);
    assertThat(second.json().path("message").asText()).contains("already answered this survey");
    assertThat(answerRows()).isEqualTo(rows);
    assertThat(participations()).isEqualTo(participated);
    assertThat(staff.invitation(campaignId, engineer)).as("still open, nothing done").isNotNull();
  }

  @Test
  void answersOutsideTheScaleOrToQuestionsTheSurveyDoesNotAskAreRefused() {
    String campaignId = staff.openCampaign(SHORT_SET, List.of("engineering"), inDays(14));
    String engineer = ENGINEERS.get(2);
    long rows = answerRows();
    Map<String, Object> shortAnswer = new HashMap<>(Map.of("answer_knows_whom_to_ask", "3", "answer_reports_concerns", "5"));

    Map<String, Map<String, Object>> refused = new HashMap<>();
    refused.put("answer_knows_whom_to_ask", new HashMap<>(Map.of("answer_knows_whom_to_ask", "6",
        "answer_reports_concerns", "5")));
    refused.put("answer_reports_concerns", new HashMap<>(Map.of("answer_knows_whom_to_ask", "3",
        "answer_reports_concerns", 0)));
    Map<String, Object> notAsked = new HashMap<>(shortAnswer);
    notAsked.put("answer_understands_risks", "2");
    refused.put("answer_understands_risks", notAsked);
    Map<String, Object> unanswered = new HashMap<>(Map.of("answer_knows_whom_to_ask", "3"));
    refused.put("answer_reports_concerns ", unanswered);
    Map<String, Object> commentNotAsked = new HashMap<>(shortAnswer);
    commentNotAsked.put("surveyComment", "The short set asks for none.");
    refused.put("surveyComment", commentNotAsked);
    Map<String, Object> unknownField = new HashMap<>(shortAnswer);
    unknownField.put("answer_favourite_colour", "3");
    refused.put("answer_favourite_colour", unknownField);

    refused.forEach((field, answer) -> {
      Reply reply = staff.answer(campaignId, engineer, answer);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().findValuesAsText("field")).as(reply.body()).contains(field.strip());
    });
    assertThat(answerRows()).isEqualTo(rows);
    assertThat(staff.invitation(campaignId, engineer)).isNotNull();

    staff.answered(campaignId, engineer, shortAnswer);
    assertThat(answerRows()).isEqualTo(rows + 2);
  }

  @Test
  void closingTheCampaignClosesEveryUnansweredInvitationAndTakesNoMoreAnswers() {
    LocalDate closesOn = inDays(10);
    String campaignId = staff.openCampaign(SET, List.of("engineering"), closesOn);
    staff.answered(campaignId, ENGINEERS.get(0), ratings(3, null));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId).count()).isPositive();

    // the last day still takes answers
    PinnedClock.stopAt(closesOn.atTime(23, 0).atZone(PinnedClock.LONDON).toInstant());
    new org.trustedresearch.cases.support.Cases(engine).runJobsOf(campaignId);
    staff.answered(campaignId, ENGINEERS.get(1), ratings(3, null));

    staff.close(campaignId, closesOn);

    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId).count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(campaignId).count())
        .isZero();
    assertThat(listedCampaign(campaignId).path("status").asText()).isEqualTo("CLOSED");
    assertThat(listedCampaign(campaignId).path("responses").asInt()).isEqualTo(2);
  }

  @Test
  void resultsAreShownOnlyForGroupsOfAtLeastFiveResponses() {
    String campaignId = staff.openCampaign(SET, List.of("engineering"), inDays(14));
    for (int i = 0; i < 4; i++) {
      staff.answered(campaignId, ENGINEERS.get(i), ratings(String.valueOf(i + 1), "Comment " + i));
    }

    JsonNode four = results(campaignId, "sam");
    assertThat(four.path("responses").asInt()).isEqualTo(4);
    assertThat(four.path("overall").path("suppressed").asBoolean()).isTrue();
    assertThat(four.path("overall").path("note").asText()).isEqualTo("fewer than 5 responses");
    assertThat(four.path("overall").path("questions")).isEmpty();
    assertThat(four.path("byDepartment").get(0).path("suppressed").asBoolean()).isTrue();
    assertThat(four.path("comments")).isEmpty();
    assertThat(four.toString()).doesNotContain("Comment 0");

    staff.answered(campaignId, ENGINEERS.get(4), ratings("5", "Comment 4"));

    JsonNode five = results(campaignId, "maria");
    assertThat(five.path("overall").path("suppressed").asBoolean()).isFalse();
    JsonNode question = five.path("overall").path("questions").get(0);
    assertThat(question.path("questionId").asText()).isEqualTo("knows-whom-to-ask");
    assertThat(question.path("mean").asDouble()).isEqualTo(3.0); // one each of 1 to 5
    for (int score = 1; score <= 5; score++) {
      assertThat(question.path("distribution").path(String.valueOf(score)).asInt()).isEqualTo(1);
    }
    assertThat(five.path("byDepartment").get(0).path("group").asText()).isEqualTo("engineering");
    assertThat(five.path("byDepartment").get(0).path("suppressed").asBoolean()).isFalse();
    assertThat(five.path("comments")).hasSize(5);
    assertThat(results(campaignId, "helen").path("responses").asInt()).isEqualTo(5);
  }

  @Test
  void aSmallDepartmentIsNotRevealedByTakingTheOthersFromTheWhole() {
    String campaignId = staff.openCampaign(SET, List.of("physics", "engineering"), inDays(14));
    for (int i = 0; i < 5; i++) {
      staff.answered(campaignId, ENGINEERS.get(i), ratings("4", null));
    }
    staff.answered(campaignId, "hannah", ratings("1", null));

    JsonNode results = results(campaignId, "sam");

    assertThat(results.path("overall").path("suppressed").asBoolean()).isFalse();
    for (JsonNode department : results.path("byDepartment")) {
      assertThat(department.path("suppressed").asBoolean()).as(department.toString()).isTrue();
      assertThat(department.path("questions")).isEmpty();
    }
  }

  @Test
  void resultsAreForTheResearchOfficeManagersAndTheHeadOfRiskAndUnknownCampaignsAreNotFound() {
    String campaignId = staff.openCampaign(SHORT_SET, List.of("engineering"), inDays(14));
    for (String reader : List.of("sam", "maria", "helen")) {
      assertThat(http.get("/api/surveys/" + campaignId + "/results", reader).status()).as(reader).isEqualTo(200);
      assertThat(http.get("/api/surveys", reader).status()).as(reader).isEqualTo(200);
    }
    for (String other : List.of("rachel", "george", "leila", "demo")) {
      assertThat(http.get("/api/surveys/" + campaignId + "/results", other).status()).as(other).isEqualTo(403);
      assertThat(http.get("/api/surveys", other).status()).as(other).isEqualTo(403);
    }
    assertThat(http.get("/api/surveys/" + campaignId + "/results", null).status()).isEqualTo(401);
    Reply unknown = http.get("/api/surveys/SURVEY-1999-0001/results", "sam");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
  }

  @Test
  void theKpisCompareTheLatestClosedCampaignWithThePreviousOne() {
    // later closing days than any other campaign of the suite, so these two are the latest
    LocalDate before = inDays(300);
    LocalDate after = inDays(310);
    String baseline = staff.openCampaign(SET, List.of("engineering"), before);
    String followUp = staff.openCampaign(SHORT_SET, List.of("engineering"), after);
    for (int i = 0; i < 5; i++) {
      staff.answered(baseline, ENGINEERS.get(i), ratings("2", null));
    }
    for (int i = 0; i < 6; i++) {
      staff.answered(followUp, ENGINEERS.get(i), Map.of("answer_knows_whom_to_ask", "4",
          "answer_reports_concerns", i < 3 ? "5" : "4"));
    }
    staff.close(baseline, before);
    staff.close(followUp, after);

    List<Measure> survey = measures.measure(new Period(PinnedClock.today().minusDays(30), PinnedClock.today()))
        .stream().filter(measure -> measure.kpi().startsWith("survey.")).toList();

    assertThat(survey).contains(
        new Measure("survey.meanScore", "knows-whom-to-ask", Measure.Unit.SCORE, 4.0, 2.0),
        new Measure("survey.meanScore", "reports-concerns", Measure.Unit.SCORE, 4.5, 2.0),
        new Measure("survey.meanScore", "understands-risks", Measure.Unit.SCORE, null, 2.0),
        new Measure("survey.responses", "all", Measure.Unit.COUNT, 6.0, 5.0));
  }

  JsonNode results(String campaignId, String reader) {
    Reply reply = http.get("/api/surveys/" + campaignId + "/results", reader);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  JsonNode listedCampaign(String campaignId) {
    Reply list = http.get("/api/surveys", "sam");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    for (JsonNode campaign : list.json()) {
      if (campaign.path("campaignId").asText().equals(campaignId)) {
        return campaign;
      }
    }
    throw new AssertionError(campaignId + " is not listed: " + list.body());
  }
}
