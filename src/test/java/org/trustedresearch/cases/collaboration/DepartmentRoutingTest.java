package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.support.WebappSession;

/**
 * The department of a case decides who signs it off, so it comes from the directory: a requester
 * files a case only under a department they belong to, on every route and when amending.
 */
@CaseManagementTest
class DepartmentRoutingTest {

  static final String START = "/process-definition/key/" + OnboardingProcess.KEY;

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;
  Cases cases;
  Http http;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    http = new Http(port);
  }

  static Map<String, Object> startBody(Map<String, Object> proposal) {
    return Map.of("variables", Http.variables(proposal));
  }

  long casesWithPartner(String partner) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .variableName(PARTNER_NAME.name()).variableValueEquals(PARTNER_NAME.name(), partner).count();
  }

  List<String> firstSignOffGroups(String caseReference) {
    Task task = cases.openTask(caseReference, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(group -> group != null).toList();
  }

  static void refusesTheDepartment(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains("department: must be a department");
  }

  @Test
  void aResearcherCannotFileACaseUnderADepartmentTheyDoNotBelongTo() {
    assertThatThrownBy(() -> cases.propose("rachel", Cases.lowRiskProposalIn("chemistry", "Olmsted Polymers GmbH")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageStartingWith("department: must be a department rachel belongs to: physics");
    refusesTheDepartment(http.post("/engine-rest" + START + "/start", "rachel",
        startBody(Cases.lowRiskProposalIn("chemistry", "Olmsted Polymers GmbH"))));
    WebappSession tasklist = WebappSession.logIn(port, "tasklist", "rachel");
    refusesTheDepartment(tasklist.post(WebappSession.ENGINE_API + START + "/submit-form",
        startBody(Cases.lowRiskProposalIn("chemistry", "Olmsted Polymers GmbH"))));
    assertThat(casesWithPartner("Olmsted Polymers GmbH")).as("no case was created").isZero();

    Reply own = tasklist.post(WebappSession.ENGINE_API + START + "/submit-form",
        startBody(Cases.lowRiskProposalIn("physics", "Olmsted Polymers GmbH")));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
  }

  @Test
  void aHeadOfDepartmentCannotSkipTheHeadOfRiskByFilingUnderAnotherDepartment() {
    refusesTheDepartment(http.post("/engine-rest" + START + "/start", "priya",
        startBody(Cases.lowRiskProposalIn("physics", "Pemberton Catalysis Ltd"))));
    assertThat(casesWithPartner("Pemberton Catalysis Ltd")).isZero();

    String ref = cases.propose("priya", Cases.lowRiskProposalIn("chemistry", "Pemberton Catalysis Ltd"));
    assertThat(firstSignOffGroups(ref)).as("her own case goes to the Head of Risk").containsExactly("head-of-risk");
  }

  @Test
  void someoneInTwoDepartmentsChoosesEitherAndItsHeadSignsOff() {
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    String researcher = TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS;

    String inPhysics = cases.propose(researcher, Cases.lowRiskProposalIn("physics", "Quarrington Lasers Ltd"));
    String inEngineering = cases.propose(researcher, Cases.lowRiskProposalIn("engineering", "Quarrington Turbines Ltd"));
    assertThat(firstSignOffGroups(inPhysics)).containsExactly("hod-physics");
    assertThat(firstSignOffGroups(inEngineering)).containsExactly("hod-engineering");
    assertThatThrownBy(() -> cases.propose(researcher, Cases.lowRiskProposalIn("chemistry", "Quarrington Solvents Ltd")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageStartingWith("department: must be a department ellis belongs to: physics, engineering");
  }

  @Test
  void anAmendmentCannotMoveTheCaseToAnotherDepartment() {
    String ref = cases.propose("rachel", Cases.lowRiskProposalIn("physics", "Rowntree Photonics Ltd"));
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REFER_BACK, "Name the funder.", null);
    Task amend = cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL);
    Map<String, Object> moved = new HashMap<>(Cases.lowRiskProposalIn("chemistry", "Rowntree Photonics Ltd"));
    moved.put(AMEND_DECISION.name(), AmendDecision.RESUBMIT.name());
    moved.put(AMENDMENT_NOTE.name(), "Moved to chemistry.");

    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), moved)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("department:");
    refusesTheDepartment(http.post("/engine-rest/task/" + amend.getId() + "/complete", "rachel",
        Map.of("variables", Http.variables(moved))));
    refusesTheDepartment(WebappSession.logIn(port, "tasklist", "rachel")
        .post(WebappSession.ENGINE_API + "/task/" + amend.getId() + "/submit-form",
            Map.of("variables", Http.variables(moved))));
    assertThat(cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL)).as("the amendment stays open").isNotNull();
    assertThat(cases.caseVariable(ref, DEPARTMENT)).isEqualTo("physics");

    moved.put(DEPARTMENT.name(), "physics");
    cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), moved));
    cases.runJobs();
    assertThat(firstSignOffGroups(ref)).containsExactly("hod-physics");
  }
}
