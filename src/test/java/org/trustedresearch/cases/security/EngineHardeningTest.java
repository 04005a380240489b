package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.LoopbackClient;

/**
 * The engine's own attack surface, closed: expressions in queries and filters, scripts in models,
 * deserialization of variables, unbounded queries, login guessing, and what webapps and APIs tell
 * browsers.
 */
@CaseManagementTest
class EngineHardeningTest {

  static final String EXPRESSION = "${currentUser()}";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  LoginThrottleProperties loginLimits;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
  }

  @AfterEach
  void signOut() {
    engine.getIdentityService().clearAuthentication();
  }

  static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  String sharedFilterId(String name) {
    return engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
  }

  @Test
  void nobodyNotEvenAnAdministratorSavesAFilterWithAnExpression() {
    Reply withExpression = http.post("/engine-rest/filter/create", "demo", Map.of("resourceType", "Task",
        "name", "Everything of mine", "query", Map.of("assigneeExpression", EXPRESSION)));
    assertThat(withExpression.status()).as(withExpression.body()).isEqualTo(400);
    assertThat(withExpression.json().path("message").asText()).contains("may not contain expressions");
    assertThat(engine.getFilterService().createFilterQuery().filterName("Everything of mine").count()).isZero();

    // the same filter with plain criteria is fine for an administrator ...
    Reply plain = http.post("/engine-rest/filter/create", "demo", Map.of("resourceType", "Task",
        "name", "Assigned to Leila", "query", Map.of("assignee", "leila")));
    assertThat(plain.status()).as(plain.body()).isEqualTo(200);
    engine.getFilterService().deleteFilter(plain.json().path("id").asText());
    // ... and forbidden to everyone else
    assertThat(http.post("/engine-rest/filter/create", "rachel", Map.of("resourceType", "Task",
        "name", "Mine", "query", Map.of("assignee", "rachel"))).status()).isEqualTo(403);
  }

  @Test
  void anAdministratorCannotResaveASharedFilterWithItsExpressionButTheSystemCan() {
    Filter shared = engine.getFilterService().getFilter(sharedFilterId("My tasks"));
    shared.setName("My tasks");
    engine.getIdentityService().setAuthentication("demo", List.of("camunda-admin"));
    assertThatThrownBy(() -> engine.getFilterService().saveFilter(shared))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("taskAssignee = " + EXPRESSION);
    engine.getIdentityService().clearAuthentication();
    assertThat(engine.getFilterService().saveFilter(shared).getId()).isEqualTo(shared.getId());
  }

  @Test
  void theSharedFiltersWorkForUsersWhoCannotAddExpressionsToThem() {
    String myTasks = "/engine-rest/filter/" + sharedFilterId("My tasks") + "/list?firstResult=0&maxResults=15";
    assertThat(http.post(myTasks, "rachel", Map.of()).status()).isEqualTo(200);

    Reply extended = http.post(myTasks, "rachel", Map.of("candidateGroupExpression", "${currentUserGroups()}"));
    assertThat(extended.status()).as(extended.body()).isEqualTo(400);
    assertThat(extended.json().path("message").asText()).contains("may not contain expressions");
  }

  @Test
  void adHocQueriesRefuseExpressions() {
    Reply reply = http.get("/engine-rest/task?maxResults=10&assigneeExpression=" + encoded(EXPRESSION), "rachel");
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(http.get("/engine-rest/task?maxResults=10&assignee=rachel", "rachel").status()).isEqualTo(200);
  }

  @Test
  void queriesReturnAtMostTheLimitToSignedInUsers() {
    Reply tooMany = http.get("/engine-rest/history/process-instance?maxResults=5000", "helen");
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    assertThat(tooMany.json().path("message").asText()).contains("Max results limit of 2000 exceeded");
    assertThat(http.get("/engine-rest/history/process-instance?maxResults=2000", "helen").status()).isEqualTo(200);
  }

  @Test
  void noScriptEngineIsAvailableAndAModelWithAScriptIsRefused() {
    // the expression languages the engine itself brings, and no general-purpose script language
    assertThat(new ScriptEngineManager().getEngineFactories()).extracting(factory -> factory.getLanguageName())
        .allSatisfy(language -> assertThat(language).isIn("feel", "feel-unary-tests", "JSP 2.1 EL"));

    var scripted = Bpmn.createExecutableProcess("scripted").camundaHistoryTimeToLive(1)
        .startEvent().scriptTask().scriptFormat("javascript").scriptText("java.lang.System.exit(1)").endEvent().done();
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
        .addModelInstance("scripted.bpmn", scripted).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Scripts (javascript) are switched off");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("scripted").count())
        .isZero();
  }

  @Test
  void aDecisionTableNamingAScriptLanguageFindsNoScriptEngine() {
    String dmn = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="scripted" name="Scripted" namespace="test">
          <decision id="scripted-decision" name="Scripted" camunda:historyTimeToLive="P1D">
            <decisionTable id="table">
              <input id="input"><inputExpression id="expression" typeRef="string" expressionLanguage="javascript">
                <text>java.lang.System.getProperty('user.home')</text></inputExpression></input>
              <output id="output" name="result" typeRef="string"/>
              <rule id="rule"><inputEntry id="entry"><text>-</text></inputEntry>
                <outputEntry id="outcome"><text>"evaluated"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>""";
    String deployment = engine.getRepositoryService().createDeployment()
        .addString("scripted.dmn", dmn).deploy().getId();
    try {
      assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionTableByKey("scripted-decision")
          .variables(Map.of()).evaluate())
          .hasStackTraceContaining("Scripts (javascript) are switched off");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void objectVariablesAreReadBackOnlyAsAllowedTypes() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Delft Photonics BV"));
    String instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).processInstanceBusinessKey(ref).singleResult().getId();
    var runtime = engine.getRuntimeService();
    runtime.setVariable(instance, "gadget", Variables.serializedObjectValue("\"http://attacker.example/\"")
        .serializationDataFormat("application/json").objectTypeName("java.net.URL").create());
    runtime.setVariable(instance, "names", Variables.serializedObjectValue("[\"a\",\"b\"]")
        .serializationDataFormat("application/json").objectTypeName("java.util.ArrayList<java.lang.String>").create());

    assertThatThrownBy(() -> runtime.getVariableTyped(instance, "gadget", true))
        .hasMessageContaining("java.net.URL");
    assertThat(runtime.getVariable(instance, "names")).isEqualTo(List.of("a", "b"));
    runtime.removeVariables(instance, List.of("gadget", "names"));
  }

  @Test
  void repeatedFailedLoginsMakeTheAddressWaitEvenWithTheRightPasswordAndTheWaitDoubles() {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("tamsin").count() == 0) {
      var user = identity.newUser("tamsin");
      user.setPassword("tamsin");
      user.setEmail("tamsin@example.org");
      identity.saveUser(user);
      identity.createMembership("tamsin", "researchers");
    }
    // a client of its own address, on the engine clock, pinned: waiting is moving the clock on
    LoopbackClient guesser = new LoopbackClient("127.0.0.8", port);
    Date now = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(now);
    try {
      for (int i = 0; i < loginLimits.failuresPerAccount(); i++) {
        assertThat(guesser.get("/engine-rest/task?maxResults=1", "tamsin", "guess").status()).isEqualTo(401);
      }
      Reply waiting = guesser.get("/engine-rest/task?maxResults=1", "tamsin", "tamsin");
      assertThat(waiting.status()).isEqualTo(429);
      assertThat(waiting.header("Retry-After")).isEqualTo("1");

      ClockUtil.setCurrentTime(new Date(now.getTime() + 1000));
      assertThat(guesser.get("/engine-rest/task?maxResults=1", "tamsin", "guess").status()).isEqualTo(401);
      assertThat(guesser.get("/engine-rest/task?maxResults=1", "tamsin", "tamsin").header("Retry-After")).isEqualTo("2");

      ClockUtil.setCurrentTime(new Date(now.getTime() + 3000));
      assertThat(guesser.get("/engine-rest/task?maxResults=1", "tamsin", "tamsin").status()).isEqualTo(200);
      // the right password starts the count for the account again
      assertThat(guesser.get("/engine-rest/task?maxResults=1", "tamsin", "guess").status()).isEqualTo(401);
      assertThat(identity.createUserQuery().userId("tamsin").count()).isEqualTo(1);
    } finally {
      PinnedClock.restore();
    }
  }

  @Test
  void webappsSendTheirSecurityHeadersAndSecureCookies() {
    Reply tasklist = http.get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.status()).isEqualTo(200);
    assertThat(tasklist.header("Content-Security-Policy")).contains("object-src 'none'", "frame-ancestors 'none'");
    assertThat(tasklist.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(tasklist.header("X-Frame-Options")).isEqualTo("DENY");
    List<String> cookies = tasklist.headers().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(header -> header.getValue().stream()).toList();
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN="));
    assertThat(cookies).allSatisfy(cookie -> assertThat(cookie).contains("Secure", "SameSite=Lax"));
  }

  @Test
  void errorsCarryNoStackTraceAndTheDatabaseConsoleIsOff() {
    Reply missing = http.get("/engine-rest/task/no-such-task", "demo");
    assertThat(missing.status()).isEqualTo(404);
    Reply malformed = http.post("/api/incidents", "rachel", "{not json");
    assertThat(malformed.status()).isEqualTo(400);
    for (Reply reply : List.of(missing, malformed)) {
      assertThat(reply.body()).doesNotContain("\tat ", "at org.", "at java.", "\"trace\"");
    }
    assertThat(http.get("/h2-console", null).status()).isEqualTo(404);
    assertThat(http.get("/engine-rest/task?maxResults=1", "rachel").header("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
