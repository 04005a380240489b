package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.TestDatabases;

/**
 * The onboarding journey through the REST API on PostgreSQL, configured by the postgres profile as
 * in production. The engine has a name of its own, so that it lives beside the other tests' engine
 * in one JVM; its REST API is addressed as /engine-rest/engine/postgres.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=" + PostgresJourneyTest.ENGINE,
    "camunda.bpm.job-execution.enabled=false",
    // the webapps keep their engine in static state, shared with the other tests' application
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"demo", "postgres"})
class PostgresJourneyTest {

  static final String ENGINE = "postgres";
  static final String REST = "/engine-rest/engine/" + ENGINE;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.Database database = TestDatabases.postgres();
    registry.add("TRC_DB_URL", database::url);
    registry.add("TRC_DB_USER", database::user);
    registry.add("TRC_DB_PASSWORD", database::password);
  }

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

    decide(http, cases, ref, "hannah", Map.of("hodDecision", "APPROVE"));
    decide(http, cases, ref, "ian", Map.of("itSecurityDecision", "APPROVE_WITH_CONDITIONS",
        "itSecurityConditions", "Encrypted transfer only."));

    Reply outcome = http.get(REST + "/history/variable-instance?variableName=outcome&processInstanceId="
        + started.json().path("id").asText(), "rachel");
    assertThat(outcome.json().findValuesAsText("value")).containsExactly("APPROVED_WITH_CONDITIONS");
    Reply bad = http.post(REST + "/process-definition/key/" + OnboardingProcess.KEY + "/start", "rachel",
        Map.of("variables", Http.variables(Map.of("department", "astrology"))));
    assertThat(bad.status()).isEqualTo(400);
  }

  private static void decide(Http http, Cases cases, String ref, String user, Map<String, Object> decision) {
    Reply tasks = http.get(REST + "/task?processInstanceBusinessKey=" + ref, user);
    assertThat(tasks.json()).as(user + " sees the task").hasSize(1);
    String taskId = tasks.json().get(0).path("id").asText();
    assertThat(http.post(REST + "/task/" + taskId + "/claim", user, Map.of("userId", user)).status()).isEqualTo(204);
    Reply completed = http.post(REST + "/task/" + taskId + "/complete", user,
        Map.of("variables", Http.variables(decision)));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    cases.runJobs();
  }
}
