package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.TestUsers;

/** The REST APIs as integrations and people use them: authentication, each role's access, bad input. */
@CaseManagementTest
class RestApiTest {

  static final String START = "/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/start";
  static final String ONBOARDING_INSTANCES =
      "/engine-rest/process-instance?maxResults=100&processDefinitionKey=" + OnboardingProcess.KEY + "&businessKey=";
  static final String ONBOARDING_HISTORY =
      "/engine-rest/history/process-instance?maxResults=100&processDefinitionKey=" + OnboardingProcess.KEY + "&processInstanceBusinessKey=";
  static final String SUBMIT_FORM = "/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/submit-form";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
  }

  static Map<String, Object> startBody(Map<String, Object> proposal) {
    return Map.of("variables", Http.variables(proposal));
  }

  /** Starts a case through REST as {@code user}, runs screening and returns the case reference. */
  String startThroughRest(String user, Map<String, Object> proposal) {
    Reply reply = http.post(START, user, startBody(proposal));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    cases.runJobs();
    return reply.json().path("businessKey").asText();
  }

  @Test
  void requestsWithoutCredentialsAreChallengedForBasicAuthentication() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/engine", "/engine-rest/process-definition",
        "/api/cases")) {
      Reply reply = http.get(path, null);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).as(path).startsWith("Basic");
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    // a user of their own, so that its failed login counts towards no one else's
    TestUsers.ensureLoginProbe(engine.getIdentityService());
    assertThat(http.getWithPassword("/engine-rest/task", TestUsers.LOGIN_PROBE, "not-the-password").status())
        .isEqualTo(401);
    assertThat(http.getWithPassword("/api/cases", "nobody", "nobody").status()).isEqualTo(401);
  }

  @Test
  void onlyHealthIsOpenAmongTheActuatorEndpoints() {
    assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(http.get("/actuator/health", null).body()).doesNotContain("components", "details");
    // everything else, the index included, needs a login before it says whether it exists
    for (String path : List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/metrics",
        "/actuator/prometheus", "/actuator/heapdump", "/actuator/health/../env", "/actuator/healthz", "/actuator;x=1")) {
      Reply anonymous = http.get(path, null);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).as(path).startsWith("Basic");
    }
    assertThat(http.get("/actuator", "rachel").status()).isEqualTo(200);
    assertThat(http.get("/actuator/beans", "demo").status()).isEqualTo(404);
    assertThat(http.get("/actuator/env", "demo").status()).isEqualTo(404);
    // the metrics stay with those who evaluate the programme and administrators
    assertThat(http.get("/actuator/prometheus", "omar").status()).isEqualTo(403);
    assertThat(http.get("/actuator/prometheus", "maria").status()).isEqualTo(200);
  }

  @Test
  void aResearcherStartsACaseThroughRestAndGetsItsReference() {
    Reply reply = http.post(START, "rachel", startBody(Cases.lowRiskProposal("Ashcombe Optics Ltd")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("businessKey").asText()).matches("TR-\\d{4}-\\d{4,}");
  }

  @Test
  void peopleWhoAreNotResearchersCannotStartACase() {
    for (String user : List.of("maria", "ian")) {
      Reply reply = http.post(START, user, startBody(Cases.lowRiskProposal("Bellhaven Systems Ltd")));
      assertThat(reply.status()).as(user).isEqualTo(403);
    }
  }

  @Test
  void researchersSeeOnlyTheirOwnCasesAtRuntimeAndInHistory() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Carrick Thermal Ltd"));
    String id = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getId();

    assertThat(businessKeys(http.get(ONBOARDING_INSTANCES + ref, "rachel"))).containsExactly(ref);
    assertThat(businessKeys(http.get(ONBOARDING_HISTORY + ref,
        "rachel"))).contains(ref);
    assertThat(http.get("/engine-rest/process-instance/" + id + "/variables", "rachel").status()).isEqualTo(200);
    assertThat(http.get("/api/cases/" + ref, "rachel").json().path("requester").asText()).isEqualTo("rachel");

    assertThat(businessKeys(http.get(ONBOARDING_INSTANCES + ref, "omar"))).isEmpty();
    assertThat(businessKeys(http.get(ONBOARDING_HISTORY + ref,
        "omar"))).isEmpty();
    assertThat(http.get("/engine-rest/process-instance/" + id, "omar").status()).isIn(403, 404);
    assertThat(http.get("/engine-rest/process-instance/" + id + "/variables", "omar").status()).isIn(403, 404);
    assertThat(http.get("/api/cases/" + ref, "omar").status()).isEqualTo(404);
    assertThat(http.get("/api/cases", "omar").json().findValuesAsText("caseReference")).doesNotContain(ref);
  }

  @Test
  void theHeadOfRiskAndTheResearchOfficeReadEveryCollaborationCase() {
    String ref = startThroughRest("omar", Cases.lowRiskProposalIn("computer-science", "Dunmore Robotics Ltd"));
    for (String user : List.of("helen", "sam")) {
      assertThat(businessKeys(http.get(ONBOARDING_INSTANCES + ref, user))).as(user)
          .containsExactly(ref);
      assertThat(businessKeys(http.get(ONBOARDING_HISTORY + ref,
          user))).as(user).contains(ref);
      assertThat(http.get("/api/cases/" + ref, user).status()).as(user).isEqualTo(200);
    }
  }

  @Test
  void managersReadCasesButCannotChangeThem() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Elmore Vision Ltd"));
    String id = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getId();
    assertThat(businessKeys(http.get(ONBOARDING_INSTANCES + ref, "maria"))).containsExactly(ref);
    assertThat(http.delete("/engine-rest/process-instance/" + id, "maria").status()).isEqualTo(403);
    assertThat(http.post("/engine-rest/process-instance/" + id + "/modification", "maria",
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity",
            "activityId", OnboardingProcess.END_ENDED)))).status()).isEqualTo(403);
    assertThat(http.post("/engine-rest/authorization/create", "maria", Map.of("type", 1, "permissions", List.of("ALL"),
        "userId", "maria", "resourceType", 0, "resourceId", "*")).status()).isEqualTo(403);
    assertThat(http.post("/engine-rest/user/create", "maria",
        Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x"))).status()).isEqualTo(403);
  }

  @Test
  void approversSeeAndWorkTheTasksOfTheirGroupsOnly() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Fairlight Lasers Ltd"));
    String tasksOfCase = "/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + ref;

    assertThat(http.get(tasksOfCase, "hannah").json()).hasSize(1);
    for (String user : List.of("charles", "leila", "omar", "maria")) {
      assertThat(http.get(tasksOfCase, user).json()).as(user).isEmpty();
    }
    String taskId = http.get(tasksOfCase, "hannah").json().get(0).path("id").asText();
    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "charles", Map.of("userId", "charles")).status())
        .isEqualTo(403);

    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "hannah", Map.of("userId", "hannah")).status())
        .isEqualTo(204);
    Reply completed = http.post("/engine-rest/task/" + taskId + "/complete", "hannah",
        Map.of("variables", Http.variables(Map.of("hodDecision", "APPROVE", "hodComment", "Good partner."))));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @Test
  void reviewersReadTheCasesTheyAreAskedToReviewAndNoOthers() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Gorse Hill Analytics Ltd"));
    assertThat(http.get("/api/cases/" + ref, "hannah").status()).isEqualTo(200);
    assertThat(businessKeys(http.get(ONBOARDING_INSTANCES + ref, "hannah"))).containsExactly(ref);
    assertThat(http.get("/api/cases/" + ref, "leila").status()).as("legal is not asked").isEqualTo(404);
    assertThat(http.get("/api/cases/" + ref, "charles").status()).as("another department").isEqualTo(404);
  }

  @Test
  void mitigationsAreReadableWithTheCase() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Heathfield Coatings Ltd"));
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, ReviewerRole.Decision.APPROVE_WITH_CONDITIONS, null,
        "Annual Trusted Research refresher for the team.");
    Reply mitigations = http.get("/api/cases/" + ref + "/mitigations", "rachel");
    assertThat(mitigations.status()).isEqualTo(200);
    assertThat(mitigations.json().findValuesAsText("conditions"))
        .containsExactly("Annual Trusted Research refresher for the team.");
    assertThat(http.get("/api/cases/" + ref + "/mitigations", "omar").status()).isEqualTo(404);
  }

  @Test
  void aDecisionOutsideTheContractIsABadRequestNamingTheField() {
    String ref = startThroughRest("rachel", Cases.lowRiskProposal("Glenmore Instruments Ltd"));
    Task task = cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    Reply reply = http.post("/engine-rest/task/" + task.getId() + "/complete", "hannah",
        Map.of("variables", Http.variables(Map.of("hodDecision", "MAYBE"))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("problems").findValuesAsText("field")).containsExactly("hodDecision");
    Reply viaForm = http.post("/engine-rest/task/" + task.getId() + "/submit-form", "hannah",
        Map.of("variables", Http.variables(Map.of("hodDecision", "REJECT"))));
    assertThat(viaForm.status()).isEqualTo(400);
    assertThat(viaForm.body()).contains("hodComment");
  }

  @Test
  void separationOfDutiesRefusalsAreForbiddenThroughRest() {
    TestUsers.ensureResearcherInLegal(engine.getIdentityService());
    Map<String, Object> proposal = Cases.lowRiskProposal("Harrow Defence Optics Ltd");
    proposal.put("exportControlled", true);
    String ref = startThroughRest(TestUsers.RESEARCHER_IN_LEGAL, proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT);
    String taskId = cases.openTask(ref, ReviewerRole.LEGAL.taskId()).getId();
    String lena = TestUsers.RESEARCHER_IN_LEGAL;

    Reply claim = http.post("/engine-rest/task/" + taskId + "/claim", lena, Map.of("userId", lena));
    assertThat(claim.status()).isEqualTo(403);
    assertThat(claim.json().path("message").asText()).contains("Separation of duties");
    Reply complete = http.post("/engine-rest/task/" + taskId + "/complete", lena,
        Map.of("variables", Http.variables(Map.of("legalDecision", "APPROVE"))));
    assertThat(complete.status()).isEqualTo(403);
    assertThat(cases.openTask(ref, ReviewerRole.LEGAL.taskId()).getAssignee()).isNull();
  }

  @Test
  void badInputIsABadRequestNamingTheFieldAndCreatesNothing() {
    Map<String, Map<String, Object>> badProposals = new HashMap<>();
    badProposals.put("department", with("department", "astrology"));
    badProposals.put("partnerCountry", with("partnerCountry", "XX"));
    badProposals.put("partnerName", with("partnerName", ""));
    badProposals.put("exportControlled", with("exportControlled", "yes"));
    badProposals.put("fundingAmountGbp", with("fundingAmountGbp", "a lot"));
    Map<String, Object> missingSummary = Cases.lowRiskProposal("Ivel Materials Ltd");
    missingSummary.remove("summary");
    badProposals.put("summary", missingSummary);
    long casesBefore = registeredCases();
    long instancesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

    badProposals.forEach((field, proposal) -> {
      for (String path : List.of(START, SUBMIT_FORM)) {
        Reply reply = http.post(path, "rachel", startBody(proposal));
        assertThat(reply.status()).as(field + " " + path + " " + reply.body()).isEqualTo(400);
        assertThat(reply.json().path("problems").findValuesAsText("field")).as(field).containsExactly(field);
        assertThat(reply.json().path("message").asText()).as(field).contains(field);
      }
    });

    assertThat(registeredCases()).isEqualTo(casesBefore);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void aTypedValueThatDoesNotConvertIsABadRequestNamingTheVariable() {
    Map<String, Object> variables = Http.variables(Cases.lowRiskProposal("Jura Photonics Ltd"));
    variables.put("fundingAmountGbp", Map.of("value", "lots", "type", "Long"));
    variables.put("dualUse", Map.of("value", "perhaps", "type", "Boolean"));
    Reply reply = http.post(START, "rachel", Map.of("variables", variables));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("problems").findValuesAsText("field"))
        .containsExactlyInAnyOrder("fundingAmountGbp", "dualUse");
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertThat(http.post(START, "rachel", "{\"variables\": {").status()).isEqualTo(400);
  }

  @Test
  void startingAtChosenActivitiesOrWithoutListenersIsForAdministratorsOnly() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Kelso Optics Ltd");
    Map<String, Object> atTheEnd = new HashMap<>(startBody(proposal));
    atTheEnd.put("startInstructions", List.of(Map.of("type", "startBeforeActivity",
        "activityId", OnboardingProcess.END_ENDED)));
    assertThat(http.post(START, "rachel", atTheEnd).status()).isEqualTo(403);
    Map<String, Object> skipping = new HashMap<>(atTheEnd);
    skipping.put("skipCustomListeners", true);
    assertThat(http.post(START, "rachel", skipping).status()).isEqualTo(403);
    // without start instructions engine REST cannot honour the flag: bad input, whoever sends it
    Map<String, Object> skippingOnly = new HashMap<>(startBody(proposal));
    skippingOnly.put("skipCustomListeners", true);
    Reply refused = http.post(START, "rachel", skippingOnly);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().findValuesAsText("field")).containsExactly("skipCustomListeners");
  }

  static Map<String, Object> with(String field, Object value) {
    Map<String, Object> proposal = Cases.lowRiskProposal("Holloway Sensors Ltd");
    proposal.put(field, value);
    return proposal;
  }

  long registeredCases() {
    return jdbc.sql("select count(*) from tr_collaboration_case").query(Long.class).single();
  }

  static List<String> businessKeys(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode list = reply.json();
    return list.findValuesAsText("businessKey");
  }

  @Test
  void theProjectsOwnPagesAndApiTellBrowsersToRunNothingFromElsewhereAndNotToFrameThem() {
    for (String path : List.of("/report/", "/report/index.html", "/mou/index.html", "/api/case-studies")) {
      Reply reply = http.get(path, path.startsWith("/api") ? "rachel" : null);
      assertThat(reply.status()).as(path).isEqualTo(200);
      assertThat(reply.header("Content-Security-Policy")).as(path).contains("default-src 'self'", "frame-ancestors 'none'");
      assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
    assertThat(http.get("/api/case-studies", "rachel").header("Cache-Control")).isEqualTo("no-store");
  }
}
