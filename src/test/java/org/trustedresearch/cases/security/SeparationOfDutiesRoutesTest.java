package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.EXPORT_CONTROLLED;
import static org.trustedresearch.cases.collaboration.CollaborationCase.SENSITIVE_DATA;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;
import static org.trustedresearch.cases.support.TestUsers.RESEARCHER_IN_LEGAL;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Separation of duties on every route a review can be taken: claim, set assignee, delegate and
 * complete (as an integration completes, and as Tasklist submits its form), through the engine REST
 * API and through Tasklist's API. Lena proposes an export-controlled collaboration and sits on the
 * legal team that reviews it; each refusal has its allowed counterpart for another member of legal.
 */
@CaseManagementTest
class SeparationOfDutiesRoutesTest {

  static final String LENA = RESEARCHER_IN_LEGAL;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  Cases cases;
  String ref;
  String task;

  @BeforeEach
  void lenaProposesAnExportControlledCollaborationThatLegalReviews() {
    cases = new Cases(engine);
    TestUsers.ensureResearcherInLegal(engine.getIdentityService());
    Map<String, Object> proposal = Cases.lowRiskProposal("Keystone Defence Optics Ltd");
    proposal.put(EXPORT_CONTROLLED.name(), true);
    ref = cases.propose(LENA, proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    task = cases.openTask(ref, LEGAL.taskId()).getId();
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void theRequesterCannotClaimTheReviewOfTheirOwnCase(Route route) {
    assertThat(route.as(port, LENA).get("/task?maxResults=100&processInstanceBusinessKey=" + ref).json().findValuesAsText("id"))
        .as("she sees it: legal's task").contains(task);
    refused(route.as(port, LENA).post("/task/" + task + "/claim", Map.of("userId", LENA)));
    assertThat(legalReview().getAssignee()).isNull();

    assertThat(route.as(port, "leila").post("/task/" + task + "/claim", Map.of("userId", "leila")).status()).isEqualTo(204);
    assertThat(legalReview().getAssignee()).isEqualTo("leila");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void theRequesterCannotAssignTheReviewToThemselves(Route route) {
    refused(route.as(port, LENA).post("/task/" + task + "/assignee", Map.of("userId", LENA)));
    assertThat(legalReview().getAssignee()).isNull();

    assertThat(route.as(port, "leila").post("/task/" + task + "/assignee", Map.of("userId", "leila")).status())
        .isEqualTo(204);
    assertThat(legalReview().getAssignee()).isEqualTo("leila");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void nobodyCanDelegateTheReviewToTheRequester(Route route) {
    cases.as("leila", () -> engine.getTaskService().claim(task, "leila"));
    refused(route.as(port, "leila").post("/task/" + task + "/delegate", Map.of("userId", LENA)));
    assertThat(legalReview().getAssignee()).isEqualTo("leila");

    assertThat(route.as(port, "leila").post("/task/" + task + "/delegate", Map.of("userId", "helen")).status())
        .isEqualTo(204);
    assertThat(legalReview().getAssignee()).isEqualTo("helen");
    assertThat(legalReview().getOwner()).isEqualTo("leila");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void notEvenAnAdministratorCanAssignTheReviewToTheRequester(Route route) {
    refused(route.as(port, "demo").post("/task/" + task + "/assignee", Map.of("userId", LENA)));
    assertThat(legalReview().getAssignee()).isNull();

    assertThat(route.as(port, "demo").post("/task/" + task + "/assignee", Map.of("userId", "leila")).status())
        .isEqualTo(204);
    assertThat(legalReview().getAssignee()).isEqualTo("leila");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void theRequesterCannotCompleteTheReviewOfTheirOwnCaseNorSubmitItsForm(Route route) {
    Map<String, Object> approval = Map.of("variables", Http.variables(Map.of(LEGAL.decision().name(), "APPROVE")));
    refused(route.as(port, LENA).post("/task/" + task + "/complete", approval));
    refused(route.as(port, LENA).post("/task/" + task + "/submit-form", approval));
    assertThat(legalReview()).as("still open").isNotNull();

    Reply decided = route.as(port, "leila").post("/task/" + task + "/submit-form", approval);
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);
    cases.runJobsOf(ref);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void aSecurityChampionCannotClaimNorGiveAdviceOnTheirOwnCase(Route route) {
    TestUsers.ensureChampionInPhysics(engine.getIdentityService());
    String nadia = TestUsers.CHAMPION_IN_PHYSICS;
    Map<String, Object> proposal = Cases.lowRiskProposal("Keystone Cohort Studies Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    String own = cases.propose(nadia, proposal);
    String advice = cases.openTask(own, SignOffProcess.ADVISE_AS_CHAMPION).getId();
    Map<String, Object> advised = Map.of("variables", Http.variables(Map.of(
        SignOffProcess.CHAMPION_CONCERN.name(), "NO_CONCERN", SignOffProcess.CHAMPION_ADVICE.name(), "Fine by me.")));

    refused(route.as(port, nadia).post("/task/" + advice + "/claim", Map.of("userId", nadia)), nadia);
    refused(route.as(port, nadia).post("/task/" + advice + "/complete", advised), nadia);
    refused(route.as(port, nadia).post("/task/" + advice + "/submit-form", advised), nadia);
    assertThat(cases.openTask(own, SignOffProcess.ADVISE_AS_CHAMPION)).as("still open").isNotNull();

    Reply byTom = route.as(port, "tom").post("/task/" + advice + "/submit-form", advised);
    assertThat(byTom.status()).as(byTom.body()).isEqualTo(204);
    cases.runJobsOf(own);
    assertThat(cases.openTask(own, HEAD_OF_DEPARTMENT.taskId())).isNotNull();
  }

  Task legalReview() {
    return engine.getTaskService().createTaskQuery().taskId(task).singleResult();
  }

  static void refused(Reply reply) {
    refused(reply, LENA);
  }

  static void refused(Reply reply, String requester) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.json().path("message").asText()).contains("Separation of duties", requester);
  }
}
