package org.trustedresearch.cases.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PinnedClock;

/** Staff of engineering who answer surveys in the tests, and the steps of a campaign as people take them. */
final class SurveyStaff {

  /** Enough engineers for a group of five and more. */
  static final List<String> ENGINEERS = IntStream.rangeClosed(1, 7).mapToObj(i -> "engineer" + i).toList();
  static final String SET = "security-culture";
  static final String SHORT_SET = "security-culture-short";
  static final List<String> QUESTIONS = List.of("answer_knows_whom_to_ask", "answer_understands_risks",
      "answer_reports_concerns", "answer_process_proportionate", "answer_leadership_support");

  private final ProcessEngine engine;
  private final Http http;
  private final Cases cases;

  SurveyStaff(ProcessEngine engine, int port) {
    this.engine = engine;
    this.http = new Http(port);
    this.cases = new Cases(engine);
    ensureEngineers(engine.getIdentityService());
  }

  /** The engineers of {@link #ENGINEERS}, members of dept-engineering only; the password is the id. */
  static void ensureEngineers(IdentityService identity) {
    for (String id : ENGINEERS) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName("Engineer");
        user.setLastName(id.substring("engineer".length()));
        user.setEmail(id + "@example.org");
        user.setPassword(id);
        identity.saveUser(user);
        identity.createMembership(id, "dept-engineering");
      }
    }
  }

  static Map<String, Object> campaign(String questionSet, List<String> departments, LocalDate opensOn, LocalDate closesOn) {
    Map<String, Object> campaign = new HashMap<>();
    campaign.put("questionSet", questionSet);
    campaign.put("departments", departments);
    campaign.put("opensOn", String.valueOf(opensOn));
    campaign.put("closesOn", String.valueOf(closesOn));
    return campaign;
  }

  /** The research office starts a campaign that opens today; its invitations go out. */
  String openCampaign(String questionSet, List<String> departments, LocalDate closesOn) {
    Reply started = http.post("/api/surveys", "sam", campaign(questionSet, departments, PinnedClock.today(), closesOn));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String campaignId = started.json().path("campaignId").asText();
    cases.runJobsOf(campaignId);
    return campaignId;
  }

  Task invitation(String campaignId, String user) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId).taskAssignee(user)
        .singleResult();
  }

  /** Every question rated {@code score}, with a comment if given. */
  static Map<String, Object> ratings(Object score, String comment) {
    Map<String, Object> answer = new HashMap<>();
    QUESTIONS.forEach(question -> answer.put(question, score));
    if (comment != null) {
      answer.put("surveyComment", comment);
    }
    return answer;
  }

  /** The invitee submits the form of their invitation through engine REST, as Tasklist does. */
  Reply answer(String campaignId, String user, Map<String, Object> answer) {
    Task task = invitation(campaignId, user);
    assertThat(task).as(user + "'s invitation to " + campaignId).isNotNull();
    return http.post("/engine-rest/task/" + task.getId() + "/submit-form", user,
        Map.of("variables", Http.variables(answer)));
  }

  void answered(String campaignId, String user, Map<String, Object> answer) {
    Reply reply = answer(campaignId, user, answer);
    assertThat(reply.status()).as(reply.body()).isEqualTo(204);
  }

  /** Moves the clock past the end of the last day and runs the campaign's timers. */
  void close(String campaignId, LocalDate closesOn) {
    PinnedClock.stopAt(closesOn.plusDays(1).atStartOfDay(PinnedClock.LONDON).toInstant().plusSeconds(60));
    cases.runJobsOf(campaignId);
  }
}
