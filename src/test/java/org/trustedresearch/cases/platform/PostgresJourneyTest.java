package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PostgresTest;

/** The onboarding journey through the REST API on PostgreSQL. */
@PostgresTest
class PostgresJourneyTest {

  static final String REST = PostgresTest.REST;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  @Test
  void aResearcherGetsACollaborationApprovedWithConditionsOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
    Http http = new Http(port);
    Cases cases = new Cases(engine);

    Map<String, Object> proposal = Cases.lowRiskProposal("Lindqvist Cryogenics AB");
    proposal.put("sensitiveData", true);
    Reply started = http.post(REST + "/process-definition/key/" + OnboardingProcess.KEY + "/start", "rachel",
        Map.of("variables", Http.variables(proposal)));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String ref = started.json().path("businessKey").asText();
    assertThat(ref).matches("TR-\\d{4}-\\d{4,}");
    cases.runJobs();

    decide(http, cases, ref, "tom", Map.of("championConcern", "NO_CONCERN", "championAdvice", "Known partner."));
    decide(http, cases, ref, "hannah", Map.of("hodDecision", "APPROVE"));
    decide(http, cases, ref, "ian", Map.of("itSecurityDecision", "APPROVE_WITH_CONDITIONS",
        "itSecurityConditions", "Encrypted transfer only."));

    Reply outcome = http.get(REST + "/history/variable-instance?maxResults=100&variableName=outcome&processInstanceId="
        + started.json().path("id").asText(), "rachel");
    assertThat(outcome.json().findValuesAsText("value")).containsExactly("APPROVED_WITH_CONDITIONS");
    Reply bad = http.post(REST + "/process-definition/key/" + OnboardingProcess.KEY + "/start", "rachel",
        Map.of("variables", Http.variables(Map.of("department", "astrology"))));
    assertThat(bad.status()).isEqualTo(400);
  }

  private static void decide(Http http, Cases cases, String ref, String user, Map<String, Object> decision) {
    Reply tasks = http.get(REST + "/task?maxResults=100&processInstanceBusinessKey=" + ref, user);
    assertThat(tasks.json()).as(user + " sees the task").hasSize(1);
    String taskId = tasks.json().get(0).path("id").asText();
    assertThat(http.post(REST + "/task/" + taskId + "/claim", user, Map.of("userId", user)).status()).isEqualTo(204);
    Reply completed = http.post(REST + "/task/" + taskId + "/complete", user,
        Map.of("variables", Http.variables(decision)));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    cases.runJobs();
  }
}
