package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.security.Route.Caller;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http.Reply;

/**
 * The engine's command policy, through every route into the engine: engine REST with HTTP Basic, the
 * webapps' API within a real login, and Java as a signed-in user. Each operation people other than
 * administrators may not run is refused to Rachel, a researcher, although the engine's own grants on
 * the probe process would let her; the same operation by the administrator goes through.
 */
@CaseManagementTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPolicyTest {

  static final String PROBE = "policy-probe";
  static final String PROBE_TASK = "UserTask_Probe";
  static final String PROBE_MESSAGE = "policy-probe-message";
  static final String PROBE_SIGNAL = "policy-probe-signal";
  static final String PROBE_DECISION = "policy-probe-decision";
  static final String REFUSAL = "only administrators may";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  Cases cases;
  String deployment;
  String definition;
  final List<String> grants = new ArrayList<>();

  /** The three ways into the engine. */
  enum Way { ENGINE_REST, WEBAPP, JAVA }

  /** A request to engine REST (path as engine REST names it) and the same operation in Java, on fresh targets. */
  record Operation(String name, BiFunction<CommandPolicyTest, Targets, Request> request, JavaCall java) {

    @Override
    public String toString() {
      return name;
    }
  }

  record Request(String method, String path, Object body) {
  }

  interface JavaCall {
    void run(CommandPolicyTest test, Targets targets, ProcessEngine engine);
  }

  /** Instances and a task the system made for one attempt, before anyone tries anything. */
  record Targets(String finished, String running, String task) {
  }

  Targets targets() {
    String task = probeTask();
    return new Targets(finished(), running(), task);
  }

  static List<Operation> administrative() {
    return List.of(
        new Operation("restart a finished instance at a chosen activity, listeners skipped",
            (test, targets) -> new Request("POST", "/process-definition/" + test.definition + "/restart", Map.of(
                "processInstanceIds", List.of(targets.finished()), "skipCustomListeners", true,
                "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", PROBE_TASK)))),
            (test, targets, engine) -> engine.getRuntimeService().restartProcessInstances(test.definition)
                .startBeforeActivity(PROBE_TASK).processInstanceIds(targets.finished()).skipCustomListeners().execute()),
        new Operation("restart a finished instance asynchronously",
            (test, targets) -> new Request("POST", "/process-definition/" + test.definition + "/restart-async", Map.of(
                "processInstanceIds", List.of(targets.finished()),
                "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", PROBE_TASK)))),
            (test, targets, engine) -> engine.getRuntimeService().restartProcessInstances(test.definition)
                .startBeforeActivity(PROBE_TASK).processInstanceIds(targets.finished()).executeAsync()),
        new Operation("start an instance at a chosen activity",
            (test, targets) -> new Request("POST", "/process-definition/" + test.definition + "/start", Map.of(
                "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", PROBE_TASK)))),
            (test, targets, engine) -> engine.getRuntimeService().createProcessInstanceById(test.definition)
                .startBeforeActivity(PROBE_TASK).execute()),
        new Operation("modify a running instance",
            (test, targets) -> new Request("POST", "/process-instance/" + targets.running() + "/modification", Map.of(
                "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", PROBE_TASK)))),
            (test, targets, engine) -> engine.getRuntimeService().createProcessInstanceModification(targets.running())
                .startBeforeActivity(PROBE_TASK).execute()),
        new Operation("correlate a message",
            (test, targets) -> new Request("POST", "/message", Map.of("messageName", PROBE_MESSAGE)),
            (test, targets, engine) -> engine.getRuntimeService().createMessageCorrelation(PROBE_MESSAGE).correlate()),
        new Operation("send a signal",
            (test, targets) -> new Request("POST", "/signal", Map.of("name", PROBE_SIGNAL)),
            (test, targets, engine) -> engine.getRuntimeService().signalEventReceived(PROBE_SIGNAL)),
        new Operation("evaluate start conditions",
            (test, targets) -> new Request("POST", "/condition", Map.of("variables", Map.of("policyProbe", Map.of("value", "go")))),
            (test, targets, engine) -> engine.getRuntimeService().createConditionEvaluation().setVariable("policyProbe", "go")
                .evaluateStartConditions()),
        new Operation("set a running instance's variable",
            (test, targets) -> new Request("PUT", "/process-instance/" + targets.running() + "/variables/riskTier",
                Map.of("value", "LOW", "type", "String")),
            (test, targets, engine) -> engine.getRuntimeService().setVariable(targets.running(), "riskTier", "LOW")),
        new Operation("delete a running instance",
            (test, targets) -> new Request("DELETE", "/process-instance/" + targets.running(), null),
            (test, targets, engine) -> engine.getRuntimeService().deleteProcessInstance(targets.running(), "probe")),
        new Operation("create a task",
            (test, targets) -> new Request("POST", "/task/create", Map.of("name", "Created beside any case")),
            (test, targets, engine) -> {
              Task task = engine.getTaskService().newTask();
              task.setName("Created beside any case");
              engine.getTaskService().saveTask(task);
            }),
        new Operation("update a task",
            (test, targets) -> new Request("PUT", "/task/" + targets.task(), Map.of("name", "Renamed")),
            (test, targets, engine) -> {
              Task task = engine.getTaskService().createTaskQuery().taskId(targets.task()).singleResult();
              task.setName("Renamed");
              engine.getTaskService().saveTask(task);
            }),
        new Operation("end a task with a BPMN error",
            (test, targets) -> new Request("POST", "/task/" + targets.task() + "/bpmnError", Map.of("errorCode", "E")),
            (test, targets, engine) -> engine.getTaskService().handleBpmnError(targets.task(), "E")),
        new Operation("fetch and lock external tasks",
            (test, targets) -> new Request("POST", "/external-task/fetchAndLock", Map.of("workerId", "probe", "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "probe", "lockDuration", 1000)))),
            (test, targets, engine) -> engine.getExternalTaskService().fetchAndLock(1, "probe").topic("probe", 1000).execute()),
        new Operation("evaluate a decision table",
            (test, targets) -> new Request("POST", "/decision-definition/key/" + PROBE_DECISION + "/evaluate",
                Map.of("variables", Map.of("probeInput", Map.of("value", "a")))),
            (test, targets, engine) -> engine.getDecisionService().evaluateDecisionTableByKey(PROBE_DECISION,
                Map.of("probeInput", "a"))));
  }

  static Stream<Arguments> administrativeOperations() {
    return administrative().stream().flatMap(operation -> Stream.of(Way.values()).map(way -> Arguments.of(operation, way)));
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("administrativeOperations")
  void aResearcherIsRefusedWhatOnlyAdministratorsMayDoAndTheAdministratorMay(Operation operation, Way way) {
    Targets targets = targets();
    long before = probeInstances();
    Outcome refused = attempt(operation, way, "rachel", targets);
    assertThat(refused.status()).as(refused.message()).isEqualTo(403);
    assertThat(refused.message()).contains(REFUSAL);
    assertThat(probeInstances()).as("nothing started").isEqualTo(before);

    Outcome done = attempt(operation, way, "demo");
    assertThat(done.status()).as(done.message()).isBetween(200, 299);
  }

  static Stream<Arguments> everyWay() {
    return Stream.of(Way.values()).map(Arguments::of);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("everyWay")
  void engineMetricsAreForAdministratorsAndManagersOnly(Way way) {
    Operation metrics = new Operation("read the engine's metrics",
        (test, targets) -> new Request("GET", "/metrics/activity-instance-start/sum", null),
        (test, targets, engine) -> engine.getManagementService().createMetricsQuery().name("activity-instance-start").sum());
    for (String user : List.of("rachel", "hannah", "helen", "sam")) {
      Outcome refused = attempt(metrics, way, user);
      assertThat(refused.status()).as(user + ": " + refused.message()).isEqualTo(403);
      assertThat(refused.message()).contains("administrators and managers");
    }
    for (String user : List.of("maria", "demo")) {
      Outcome read = attempt(metrics, way, user);
      assertThat(read.status()).as(user + ": " + read.message()).isEqualTo(200);
    }
  }

  @Test
  void aCommandThePolicyDoesNotKnowIsRefusedToAResearcherAndRunForTheAdministrator() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    @SuppressWarnings("unchecked")
    Command<String> unknown = (Command<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Command.class}, (proxy, method, arguments) -> method.getName().equals("execute") ? "ran" : null);
    assertThat(unknown.getClass().getName()).doesNotStartWith("org.trustedresearch.cases");

    Throwable refused = catchThrowable(() -> cases.as("rachel", () -> configuration.getCommandExecutorTxRequired().execute(unknown)));
    String ran = cases.as("demo", () -> configuration.getCommandExecutorTxRequired().execute(unknown));

    assertThat(refused).isInstanceOf(AuthorizationException.class).hasMessageContaining(REFUSAL);
    assertThat(ran).isEqualTo("ran");
  }

  @Test
  void onlyTheOutermostCommandOfASignedInCallIsJudgedAndCallsWithoutAUserAreTheEnginesOwn() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var runtime = engine.getRuntimeService();

    // a step of the application, as Rachel: what runs inside it was allowed with it
    String inner = cases.as("rachel", () -> configuration.getCommandExecutorTxRequired().execute(context ->
        runtime.createProcessInstanceById(definition).startBeforeActivity(PROBE_TASK).execute().getId()));
    // the job executor or the application acting as itself: nobody is signed in
    engine.getIdentityService().clearAuthentication();
    String own = runtime.createProcessInstanceById(definition).startBeforeActivity(PROBE_TASK).execute().getId();

    assertThat(runtime.createProcessInstanceQuery().processInstanceIds(java.util.Set.of(inner, own)).count()).isEqualTo(2);
    assertThatThrownBy(() -> cases.as("rachel", () -> runtime.createProcessInstanceById(definition)
        .startBeforeActivity(PROBE_TASK).execute())).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void aResearcherStartsACaseInJavaWithTheStartFormsFieldsOnly() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Java Route Optics Ltd");
    proposal.put(CollaborationCase.RISK_TIER.name(), "LOW");
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(OnboardingProcess.KEY).count();

    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.KEY, proposal)))
        .isInstanceOfSatisfying(InvalidCaseInputException.class, refused -> assertThat(refused.getProblems())
            .extracting(InvalidCaseInputException.Problem::field).containsExactly(CollaborationCase.RISK_TIER.name()));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(OnboardingProcess.KEY).count())
        .isEqualTo(before);

    proposal.remove(CollaborationCase.RISK_TIER.name());
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.KEY,
        "TR-2026-0001", proposal))).isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("businessKey");
    String ref = cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.KEY, proposal)
        .getBusinessKey());
    assertThat(ref).startsWith("TR-");
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).list()
        .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test done"));
  }

  @Test
  void aReviewerDecidesInJavaWithTheTaskFormsFieldsOnlyAndClaimsOnlyForThemselves() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Java Route Coatings Ltd"));
    String review = cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId()).getId();
    var tasks = engine.getTaskService();

    assertThatThrownBy(() -> cases.as("hannah", () -> tasks.claim(review, "george")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("only for themselves");
    assertThatThrownBy(() -> cases.as("hannah", () -> tasks.setAssignee(review, "omar")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("offered to");
    assertThat(tasks.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
    cases.as("hannah", () -> tasks.claim(review, "hannah"));
    assertThatThrownBy(() -> cases.as("hannah", () -> tasks.complete(review, Map.of("hodDecision", "APPROVE",
        CollaborationCase.RISK_TIER.name(), "LOW"))))
        .isInstanceOfSatisfying(InvalidCaseInputException.class, refused -> assertThat(refused.getProblems())
            .extracting(InvalidCaseInputException.Problem::field).containsExactly(CollaborationCase.RISK_TIER.name()));
    assertThatThrownBy(() -> cases.as("hannah", () -> tasks.setVariable(review, "requester", "hannah")))
        .isInstanceOf(InvalidCaseInputException.class);
    assertThatThrownBy(() -> cases.as("hannah", () -> tasks.removeVariable(review, "hodDecision")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining(REFUSAL);
    assertThat(tasks.createTaskQuery().taskId(review).count()).as("still open").isEqualTo(1);

    cases.as("hannah", () -> tasks.complete(review, Map.of("hodDecision", "APPROVE", "hodComment", "Fine.")));
    assertThat(tasks.createTaskQuery().taskId(review).count()).as("decided").isZero();
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).list()
        .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test done"));
  }

  /** The policy reads these fields of Camunda's commands; a renamed field must fail here, not in production. */
  @Test
  void theCommandArgumentsThePolicyReadsExistInThisEngineVersion() {
    Map<Class<?>, List<String>> read = Map.of(
        StartProcessInstanceCmd.class, List.of("instantiationBuilder"),
        SubmitStartFormCmd.class, List.of("processDefinitionId", "businessKey", "variables"),
        CompleteTaskCmd.class, List.of("taskId", "variables"),
        SubmitTaskFormCmd.class, List.of("taskId", "properties"),
        SetTaskVariablesCmd.class, List.of("entityId", "variables"),
        PatchTaskVariablesCmd.class, List.of("entityId", "variables", "deletions"),
        ClaimTaskCmd.class, List.of("userId"),
        AssignTaskCmd.class, List.of("taskId", "userId"),
        DelegateTaskCmd.class, List.of("taskId", "userId"));
    read.forEach((command, fields) -> fields.forEach(field ->
        assertThat(CommandArguments.fieldOf(command, field)).as(command.getSimpleName() + "." + field).isNotNull()));
    assertThatThrownBy(() -> CommandArguments.fieldOf(ClaimTaskCmd.class, "renamedField"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyCommandOnTheAllowListHasAReason() {
    assertThat(CommandPolicy.ALLOWED).isNotEmpty();
    CommandPolicy.ALLOWED.forEach((command, rule) -> assertThat(rule.reason()).as(command.getSimpleName()).isNotBlank());
    assertThat(CommandPolicy.ALLOWED).doesNotContainKeys(
        org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd.class,
        org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd.class,
        org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd.class,
        org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd.class,
        org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd.class,
        org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd.class,
        org.camunda.bpm.engine.impl.cmd.SaveTaskCmd.class,
        org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd.class,
        org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd.class,
        org.camunda.bpm.engine.impl.cmd.DeployCmd.class,
        org.camunda.bpm.engine.impl.cmd.SaveUserCmd.class);
  }

  // ---- attempts

  record Outcome(int status, String message) {
  }

  Outcome attempt(Operation operation, Way way, String user) {
    return attempt(operation, way, user, targets());
  }

  Outcome attempt(Operation operation, Way way, String user, Targets targets) {
    if (way == Way.JAVA) {
      Throwable thrown = catchThrowable(() -> cases.as(user, () -> operation.java().run(this, targets, engine)));
      if (thrown == null) {
        return new Outcome(200, "done");
      }
      int status = thrown instanceof AuthorizationException ? 403 : thrown instanceof InvalidCaseInputException ? 400 : 500;
      return new Outcome(status, thrown.getMessage());
    }
    Request request = operation.request().apply(this, targets);
    Caller caller = (way == Way.ENGINE_REST ? Route.ENGINE_REST : Route.WEBAPP).as(port, user);
    Reply reply = switch (request.method()) {
      case "GET" -> caller.get(request.path());
      case "PUT" -> caller.put(request.path(), request.body());
      case "DELETE" -> caller.delete(request.path());
      default -> caller.post(request.path(), request.body());
    };
    assertThat(reply.body()).as("no stack text").doesNotContain("\tat ", "Exception:");
    return new Outcome(reply.status(), reply.body());
  }

  // ---- the probe process, which Rachel's grants would let her restart, start and read

  @BeforeAll
  void aProbeProcessRachelHoldsTheEnginesGrantsFor() {
    cases = new Cases(engine);
    deployment = engine.getRepositoryService().createDeployment().name(PROBE)
        .addString(PROBE + ".bpmn", probeModel())
        .addString(PROBE_DECISION + ".dmn", probeDecision())
        .deploy().getId();
    definition = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
    grant(Resources.PROCESS_DEFINITION, PROBE, Permissions.ALL);
    grant(Resources.PROCESS_INSTANCE, "*", Permissions.ALL);
    grant(Resources.HISTORIC_PROCESS_INSTANCE, "*", Permissions.ALL);
    grant(Resources.TASK, "*", Permissions.ALL);
    grant(Resources.DECISION_DEFINITION, PROBE_DECISION, Permissions.ALL);
    grant(Resources.BATCH, "*", Permissions.ALL);
  }

  void grant(Resources resource, String id, Permissions permission) {
    Authorization authorization = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId("rachel");
    authorization.setResource(resource);
    authorization.setResourceId(id);
    authorization.addPermission(permission);
    grants.add(engine.getAuthorizationService().saveAuthorization(authorization).getId());
  }

  @AfterAll
  void removeTheProbe() {
    grants.forEach(engine.getAuthorizationService()::deleteAuthorization);
    engine.getManagementService().createBatchQuery().list()
        .forEach(batch -> engine.getManagementService().deleteBatch(batch.getId(), true));
    engine.getRepositoryService().deleteDeployment(deployment, true);
    engine.getTaskService().createTaskQuery().taskName("Created beside any case").list()
        .forEach(task -> engine.getTaskService().deleteTask(task.getId(), true));
  }

  /** A new running probe instance, started by the system. */
  String running() {
    return engine.getRuntimeService().startProcessInstanceById(definition).getId();
  }

  String probeTask() {
    String instance = running();
    return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  /** A probe instance that ran to its end. */
  String finished() {
    String instance = running();
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId());
    return instance;
  }

  long probeInstances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROBE).count()
        + engine.getTaskService().createTaskQuery().taskName("Created beside any case").count()
        + engine.getManagementService().createBatchQuery().count();
  }

  static String probeModel() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_PolicyProbe" targetNamespace="probe">
          <bpmn:message id="Message_Probe" name="%s" />
          <bpmn:signal id="Signal_Probe" name="%s" />
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Probe" />
            <bpmn:startEvent id="StartEvent_ProbeMessage"><bpmn:messageEventDefinition messageRef="Message_Probe" /></bpmn:startEvent>
            <bpmn:startEvent id="StartEvent_ProbeSignal"><bpmn:signalEventDefinition signalRef="Signal_Probe" /></bpmn:startEvent>
            <bpmn:startEvent id="StartEvent_ProbeCondition">
              <bpmn:conditionalEventDefinition>
                <bpmn:condition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${policyProbe == 'go'}</bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:startEvent>
            <bpmn:userTask id="%s" name="Probe" camunda:candidateGroups="researchers" />
            <bpmn:endEvent id="EndEvent_Probe" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="%4$s" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="StartEvent_ProbeMessage" targetRef="%4$s" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="StartEvent_ProbeSignal" targetRef="%4$s" />
            <bpmn:sequenceFlow id="Flow_4" sourceRef="StartEvent_ProbeCondition" targetRef="%4$s" />
            <bpmn:sequenceFlow id="Flow_5" sourceRef="%4$s" targetRef="EndEvent_Probe" />
            <bpmn:boundaryEvent id="Error_Probe" attachedToRef="%4$s"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="Flow_6" sourceRef="Error_Probe" targetRef="EndEvent_Probe" />
          </bpmn:process>
        </bpmn:definitions>""".formatted(PROBE_MESSAGE, PROBE_SIGNAL, PROBE, PROBE_TASK);
  }

  static String probeDecision() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_PolicyProbeDecision" name="Probe" namespace="probe">
          <decision id="%s" name="Probe" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_Probe">
              <input id="Input_Probe"><inputExpression id="InputExpression_Probe" typeRef="string"><text>probeInput</text></inputExpression></input>
              <output id="Output_Probe" name="probeOutput" typeRef="string" />
              <rule id="Rule_Probe"><inputEntry id="Entry_Probe"><text>"a"</text></inputEntry><outputEntry id="Out_Probe"><text>"b"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>""".formatted(PROBE_DECISION);
  }
}
