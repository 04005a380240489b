package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.collaboration.CollaborationCase.SENSITIVE_DATA;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.mou.MouReviewProcess;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.security.Route.Caller;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.support.WebappSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's permission matrix, cell by cell: each role tries each action on each resource
 * through the engine REST API (HTTP Basic) and through the webapps' API (a signed-in session), and
 * may do exactly what the matrix says. Every row has roles that may and roles that may not, so a
 * refusal cannot pass because the request itself was wrong.
 */
@CaseManagementTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

  /** The matrix's columns: rachel owns the collaboration cases and reported the incidents. */
  static final List<String> ROLES = List.of("rachel", "omar", "hannah", "leila", "ian", "helen", "sam", "maria", "demo",
      "tom");
  static final String PROBE_GROUP = "matrix-probe";

  /** One row of the matrix: for each role in {@link #ROLES}, ✓ may or ✗ may not. */
  record Row(String resource, String action, String may, Check check) {

    boolean allows(String role) {
      return may.charAt(ROLES.indexOf(role)) == '✓';
    }
  }

  /** Tries the action as one user on one route; true if it was done, false if refused, a failure if neither. */
  interface Check {
    boolean tried(PermissionMatrixTest fixture, Caller caller, Route route, String user);
  }

  static final List<Row> MATRIX = List.of(
      // a collaboration case (rachel's, physics), reviewed by hannah, then by leila for its agreement
      new Row("collaboration case", "read the running instance", "✓✗✓✓✗✓✓✓✓✓", PermissionMatrixTest::readsRunningCase),
      new Row("collaboration case", "read its history", "✓✗✓✓✗✓✓✓✓✓", PermissionMatrixTest::readsCaseHistory),
      new Row("collaboration case", "read its variables (runtime and history)", "✓✗✓✓✗✓✓✓✓✓",
          PermissionMatrixTest::readsCaseVariables),
      new Row("collaboration case", "read it at /api/cases", "✓✗✓✓✗✓✓✓✓✓", PermissionMatrixTest::readsCaseApi),
      new Row("collaboration case", "read its agreement files", "✓✗✓✓✗✓✓✓✓✓", PermissionMatrixTest::readsAgreementFiles),
      new Row("collaboration case", "upload an agreement draft", "✓✗✗✓✗✗✓✗✗✗", PermissionMatrixTest::uploadsDraft),
      new Row("case legal is not asked to review", "read it (instance, history, /api/cases)", "✓✗✓✗✗✓✓✓✓✓",
          PermissionMatrixTest::readsUnreviewedCase),
      // a case of computer science, and the security champion's advice on a MEDIUM case of physics
      new Row("case of another department", "read it (instance, history, /api/cases)", "✗✓✗✗✗✓✓✓✓✗",
          PermissionMatrixTest::readsOtherDepartmentsCase),
      new Row("champion's advice task of a case", "see it and its attachments", "✗✗✗✗✗✓✓✗✓✓",
          PermissionMatrixTest::seesAdviceTask),
      new Row("review task of the case", "see it and its attachments", "✗✗✓✗✗✓✓✗✓✗",
          PermissionMatrixTest::seesReviewTask),
      new Row("review task of the case", "attach a file", "✗✗✓✗✗✗✗✗✓✗", PermissionMatrixTest::attachesToReviewTask),
      new Row("requester's task of the case", "see it and its attachments", "✓✗✗✗✗✓✓✗✓✗",
          PermissionMatrixTest::seesRequestersTask),
      // incident reports rachel made, about a lost laptop (IT security triages)
      new Row("confidential incident report", "read it and its variables", "✓✗✗✗✓✓✗✗✓✗",
          (fixture, caller, route, user) -> fixture.readsIncident(caller, route, fixture.confidentialIncident)),
      new Row("incident report, not confidential", "read it and its variables", "✓✗✗✗✓✓✓✗✓✗",
          (fixture, caller, route, user) -> fixture.readsIncident(caller, route, fixture.openIncident)),
      new Row("incident reports", "count them at /api/incidents/statistics", "✗✗✗✗✗✓✗✓✗✗",
          PermissionMatrixTest::countsIncidents),
      // training records: rachel's own, and a declaration omar made
      new Row("rachel's training record", "read it at /api/training", "✓✗✗✗✗✗✓✓✗✗",
          PermissionMatrixTest::readsTrainingRecord),
      new Row("training records", "import the learning system's export", "✗✗✗✗✗✗✓✗✗✗",
          PermissionMatrixTest::importsTraining),
      new Row("self-declared training", "confirm it", "✗✗✗✗✗✗✓✗✗✗", PermissionMatrixTest::confirmsDeclaration),
      // a staff survey campaign of physics, open: rachel and hannah are invited
      new Row("staff survey campaign", "start one at /api/surveys", "✗✗✗✗✗✗✓✗✗✗", PermissionMatrixTest::startsSurvey),
      new Row("staff survey results", "read them at /api/surveys", "✗✗✗✗✗✓✓✓✗✗", PermissionMatrixTest::readsSurveyResults),
      new Row("rachel's survey invitation", "see it", "✓✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::seesSurveyInvitation),
      new Row("case held for its requester's training", "waive the training gate", "✗✗✗✗✗✗✓✗✗✗",
          PermissionMatrixTest::waivesTrainingGate),
      // administration
      new Row("deployment", "deploy a model", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::deploys),
      new Row("user", "create one", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::createsUser),
      new Row("group", "create one", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::createsGroup),
      new Row("group membership", "add someone (themselves) to a group", "✗✗✗✗✗✗✗✗✓✗",
          PermissionMatrixTest::joinsGroup),
      new Row("authorization", "create one", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::createsAuthorization),
      new Row("running case", "modify it (start or cancel activities)", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::modifies),
      new Row("running case", "set its variables", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::setsVariables),
      new Row("running case", "suspend it", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::suspends),
      new Row("running case", "set its jobs' retries", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::setsJobRetries),
      new Row("running case", "assign another group's task", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::assignsOthersTask),
      new Row("running case", "delete it", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::deletes),
      // the engine's command policy: operations outside people's work are administration, whatever the grants
      new Row("finished case", "restart it at a chosen activity, listeners skipped", "✗✗✗✗✗✗✗✗✓✗",
          PermissionMatrixTest::restarts),
      new Row("task", "create one outside any case", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::createsTask),
      new Row("engine events", "send a signal or correlate a message", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::signals),
      new Row("decision table", "evaluate it", "✗✗✗✗✗✗✗✗✓✗", PermissionMatrixTest::evaluatesDecision),
      new Row("engine metrics", "read them", "✗✗✗✗✗✗✗✓✓✗", PermissionMatrixTest::readsEngineMetrics));

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  Cases cases;
  /** A case under review by the head of physics (legal not asked). */
  String reviewedCase;
  /** A case with an agreement: signed off by hannah and leila, a draft uploaded, the requester's task open. */
  String caseWithAgreement;
  long draftId;
  /** Computer science's case that administrative actions are tried on (its review task is charles's group's). */
  String administeredCase;
  /** Computer science's case that nobody acts on: physics' champion may not read it. */
  String otherDepartmentCase;
  /** A MEDIUM case of physics waiting for the security champion's advice. */
  String advisedCase;
  String confidentialIncident;
  String openIncident;
  String surveyCampaign;
  String rachelsInvitation;
  final List<String> createdCases = new ArrayList<>();
  final List<String> createdCampaigns = new java.util.concurrent.CopyOnWriteArrayList<>();
  final AtomicInteger probes = new AtomicInteger();

  static Stream<Arguments> cells() {
    return MATRIX.stream().flatMap(row -> Stream.of(Route.values())
        .flatMap(route -> ROLES.stream().map(role -> Arguments.of(row.resource(), row.action(), role, route))));
  }

  @ParameterizedTest(name = "{0}: {1} — {2} through {3}")
  @MethodSource("cells")
  void eachRoleMayDoExactlyWhatTheMatrixSays(String resource, String action, String role, Route route) {
    Row row = MATRIX.stream().filter(candidate -> candidate.resource().equals(resource)
        && candidate.action().equals(action)).findFirst().orElseThrow();
    boolean done = row.check().tried(this, route.as(port, role), route, role);
    assertThat(done).as("%s may %s%s (%s) through %s", role, row.allows(role) ? "" : "not ", action, resource, route)
        .isEqualTo(row.allows(role));
  }

  @Test
  void theReadmeShowsTheMatrixThatIsTested() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int header = lines.indexOf("### Permission matrix");
    assertThat(header).as("README section").isPositive();
    List<Row> shown = lines.stream().skip(header).dropWhile(line -> !line.startsWith("| collaboration case"))
        .takeWhile(line -> line.startsWith("|"))
        .map(line -> line.replaceAll("[⁰¹²³⁴⁵⁶⁷⁸⁹]", "").split("\\|"))
        .map(cells -> new Row(cells[1].strip(), cells[2].strip(),
            Stream.of(cells).skip(3).map(String::strip).collect(Collectors.joining()), null))
        .toList();
    assertThat(shown).isEqualTo(MATRIX.stream().map(row -> new Row(row.resource(), row.action(), row.may(), null))
        .toList());
  }

  @BeforeAll
  void casesIncidentsAndAProbeGroup() {
    cases = new Cases(engine);
    Http http = new Http(port);
    reviewedCase = propose("rachel", Cases.lowRiskProposal("Matrix Optics Ltd"));

    Map<String, Object> withAgreement = Cases.lowRiskProposal("Matrix Coatings GmbH");
    withAgreement.put(MOU_REQUIRED.name(), true);
    caseWithAgreement = propose("rachel", withAgreement);
    cases.approve("hannah", caseWithAgreement, HEAD_OF_DEPARTMENT);
    cases.approve("leila", caseWithAgreement, LEGAL);
    Reply draft = http.postFile("/api/cases/" + caseWithAgreement + "/mou/drafts", "rachel",
        Map.of("changeNote", "The partner's draft"), "draft.pdf", Agreements.pdf("Draft"));
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    draftId = draft.json().path("id").asLong();

    administeredCase = proposeInComputerScience();
    otherDepartmentCase = proposeInComputerScience();
    Map<String, Object> medium = Cases.lowRiskProposal("Matrix Cohort Studies Ltd");
    medium.put(SENSITIVE_DATA.name(), true);
    advisedCase = propose("rachel", medium);
    confidentialIncident = report(http, true);
    openIncident = report(http, false);
    Reply survey = http.post("/api/surveys", "sam", Map.of("questionSet", "security-culture",
        "departments", List.of("physics"), "opensOn", PinnedClock.today().toString(),
        "closesOn", PinnedClock.today().plusDays(14).toString()));
    assertThat(survey.status()).as(survey.body()).isEqualTo(201);
    surveyCampaign = survey.json().path("campaignId").asText();
    createdCampaigns.add(surveyCampaign);
    cases.runJobsOf(surveyCampaign);
    rachelsInvitation = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(surveyCampaign)
        .taskAssignee("rachel").singleResult().getId();
    if (engine.getIdentityService().createGroupQuery().groupId(PROBE_GROUP).count() == 0) {
      var group = engine.getIdentityService().newGroup(PROBE_GROUP);
      group.setName("Permission matrix probe");
      engine.getIdentityService().saveGroup(group);
    }
  }

  @AfterAll
  void removeWhatTheMatrixCreated() {
    var runtime = engine.getRuntimeService();
    for (String ref : createdCases) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref).processDefinitionKey(OnboardingProcess.KEY)
          .list().forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "permission matrix done"));
    }
    List<String> incidentsAndCampaigns = new ArrayList<>(List.of(confidentialIncident, openIncident));
    incidentsAndCampaigns.addAll(createdCampaigns);
    for (String ref : incidentsAndCampaigns) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref)
          .list().forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "permission matrix done"));
    }
    engine.getIdentityService().deleteGroup(PROBE_GROUP);
  }

  String propose(String user, Map<String, Object> proposal) {
    String ref = cases.propose(user, proposal);
    createdCases.add(ref);
    return ref;
  }

  String proposeInComputerScience() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Matrix Robotics Ltd");
    proposal.put(DEPARTMENT.name(), "computer-science");
    return propose("omar", proposal);
  }

  String report(Http http, boolean confidential) {
    Map<String, Object> report = new HashMap<>();
    report.put("incidentCategory", "LOST_DEVICE");
    report.put("description", "Laptop left on the train.");
    report.put("occurredAt", "2026-01-05T10:00:00Z");
    report.put("confidential", confidential);
    Reply reply = http.post("/api/incidents", "rachel", report);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String reference = reply.json().path("reference").asText();
    cases.runJobsOf(reference);
    return reference;
  }

  String instanceOf(String ref, String processKey) {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(processKey).singleResult();
    assertThat(instance).as(processKey + " of " + ref).isNotNull();
    return instance.getId();
  }

  String openTaskId(String ref, String taskKey) {
    return cases.openTask(ref, taskKey).getId();
  }

  // ---- reading a collaboration case

  static boolean readsRunningCase(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.caseWithAgreement;
    return agree(listed(caller.get("/process-instance?maxResults=100&businessKey=" + ref), "businessKey", ref),
        done(caller.get("/process-instance/" + fixture.instanceOf(ref, OnboardingProcess.KEY))));
  }

  static boolean readsCaseHistory(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return fixture.readsHistory(caller, fixture.caseWithAgreement);
  }

  boolean readsHistory(Caller caller, String ref) {
    return agree(listed(caller.get("/history/process-instance?maxResults=100&processDefinitionKey=" + OnboardingProcess.KEY
            + "&processInstanceBusinessKey=" + ref), "businessKey", ref),
        done(caller.get("/history/process-instance/" + instanceOf(ref, OnboardingProcess.KEY))));
  }

  static boolean readsCaseVariables(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String instance = fixture.instanceOf(fixture.caseWithAgreement, OnboardingProcess.KEY);
    return fixture.readsVariables(caller, instance, "partnerName");
  }

  boolean readsVariables(Caller caller, String instance, String variable) {
    Reply runtime = caller.get("/process-instance/" + instance + "/variables");
    boolean atRuntime = done(runtime) && runtime.json().has(variable);
    boolean inHistory = listed(caller.get("/history/variable-instance?maxResults=100&processInstanceId=" + instance), "name", variable);
    boolean inDetails = listed(caller.get("/history/detail?maxResults=100&variableUpdates=true&processInstanceId=" + instance),
        "variableName", variable);
    return agree(agree(atRuntime, inHistory), inDetails);
  }

  static boolean readsCaseApi(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return fixture.readsThroughCasesApi(caller, fixture.caseWithAgreement);
  }

  boolean readsThroughCasesApi(Caller caller, String ref) {
    return agree(listed(caller.get("/api/cases"), "caseReference", ref), done(caller.get("/api/cases/" + ref)));
  }

  static boolean readsAgreementFiles(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.caseWithAgreement;
    Reply reviews = caller.get("/api/cases/" + ref + "/mou");
    boolean listsDraft = done(reviews) && reviews.json().findValues("documents").stream()
        .flatMap(documents -> IntStream.range(0, documents.size()).mapToObj(documents::get))
        .anyMatch(document -> document.path("id").asLong() == fixture.draftId);
    return agree(listsDraft, done(caller.get("/api/cases/" + ref + "/mou/documents/" + fixture.draftId)));
  }

  static boolean uploadsDraft(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return done(caller.postFile("/api/cases/" + fixture.caseWithAgreement + "/mou/drafts",
        Map.of("changeNote", "Revised by " + user), "revised.pdf", Agreements.pdf("Revised")));
  }

  static boolean readsUnreviewedCase(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.reviewedCase;
    return agree(agree(listed(caller.get("/process-instance?maxResults=100&businessKey=" + ref), "businessKey", ref),
        fixture.readsHistory(caller, ref)), fixture.readsThroughCasesApi(caller, ref));
  }

  static boolean readsOtherDepartmentsCase(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.otherDepartmentCase;
    return agree(agree(listed(caller.get("/process-instance?maxResults=100&businessKey=" + ref), "businessKey", ref),
        fixture.readsHistory(caller, ref)), fixture.readsThroughCasesApi(caller, ref));
  }

  // ---- tasks and their attachments

  static boolean seesAdviceTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return fixture.seesTask(caller, fixture.advisedCase, SignOffProcess.ADVISE_AS_CHAMPION);
  }

  static boolean seesReviewTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return fixture.seesTask(caller, fixture.reviewedCase, HEAD_OF_DEPARTMENT.taskId());
  }

  static boolean seesRequestersTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return fixture.seesTask(caller, fixture.caseWithAgreement, MouReviewProcess.PROVIDE_DRAFT);
  }

  boolean seesTask(Caller caller, String ref, String taskKey) {
    String taskId = openTaskId(ref, taskKey);
    return agree(listed(caller.get("/task?maxResults=100&processInstanceBusinessKey=" + ref), "id", taskId),
        done(caller.get("/task/" + taskId + "/attachment")));
  }

  static boolean attachesToReviewTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String taskId = fixture.openTaskId(fixture.reviewedCase, HEAD_OF_DEPARTMENT.taskId());
    String name = "Note by " + user + " through " + route;
    Reply attached = caller.postFile("/task/" + taskId + "/attachment/create", Map.of("attachment-name", name,
        "attachment-type", "link", "url", "https://example.org/notes/" + user), null, null);
    // Camunda's REST API answers a refusal here with 400 ("No task found", "Task id is null"): what counts is
    // whether the attachment is there
    boolean stored = fixture.engine.getTaskService().getTaskAttachments(taskId).stream()
        .anyMatch(attachment -> attachment.getName().equals(name));
    assertThat(attached.status() < 300).as(attached.status() + " " + attached.body()).isEqualTo(stored);
    return stored;
  }

  // ---- incidents

  boolean readsIncident(Caller caller, Route route, String reference) {
    String instance = instanceOf(reference, IncidentProcess.KEY);
    boolean reads = agree(agree(listed(caller.get("/process-instance?maxResults=100&businessKey=" + reference), "businessKey",
        reference), readsVariables(caller, instance, "description")), done(caller.get("/api/incidents/" + reference)));
    if (route == Route.WEBAPP) {
      // Cockpit's own query behind its process instance list
      String definition = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance)
          .singleResult().getProcessDefinitionId();
      reads = agree(reads, listed(caller.post(WebappSession.COCKPIT_API + "/process-instance?firstResult=0&maxResults=50",
          Map.of("processDefinitionId", definition)), "businessKey", reference));
    }
    return reads;
  }

  static boolean countsIncidents(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    Reply counts = caller.get("/api/incidents/statistics");
    if (done(counts)) {
      assertThat(counts.body()).doesNotContain(fixture.confidentialIncident, "Laptop left");
      return counts.json().findValuesAsText("category").contains("LOST_DEVICE");
    }
    return false;
  }

  static boolean readsTrainingRecord(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    Reply standing = caller.get("/api/training/rachel");
    return done(standing) && standing.json().path("userId").asText().equals("rachel");
  }

  /** Each try imports a completion of its own, so that none is refused as a duplicate. */
  static boolean importsTraining(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String row = "rachel,trusted-research," + PinnedClock.today().minusDays(fixture.probes.incrementAndGet()) + "\n";
    return done(caller.postFile("/api/training/records", Map.of(), "export.csv", row.getBytes(StandardCharsets.UTF_8)));
  }

  /** Each try confirms a declaration of its own, made by omar (who may not confirm it either). */
  static boolean confirmsDeclaration(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    Reply declared = new Http(fixture.port).post("/api/training/self-declarations", "omar", Map.of(
        "module", "trusted-research", "completedOn", PinnedClock.today().minusDays(fixture.probes.incrementAndGet()).toString()));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    return done(caller.post("/api/training/self-declarations/" + declared.json().path("id").asLong() + "/confirmation",
        Map.of()));
  }

  /** Each try asks for a campaign of its own, opening later, so that nobody is invited by it. */
  static boolean startsSurvey(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    Reply started = caller.post("/api/surveys", Map.of("questionSet", "security-culture-short",
        "departments", List.of("chemistry"), "opensOn", PinnedClock.today().plusDays(60).toString(),
        "closesOn", PinnedClock.today().plusDays(74).toString()));
    boolean done = done(started);
    if (done) {
      fixture.createdCampaigns.add(started.json().path("campaignId").asText());
    }
    return done;
  }

  static boolean readsSurveyResults(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    Reply results = caller.get("/api/surveys/" + fixture.surveyCampaign + "/results");
    boolean listed = done(caller.get("/api/surveys"));
    return agree(done(results) && results.json().path("campaignId").asText().equals(fixture.surveyCampaign), listed);
  }

  static boolean seesSurveyInvitation(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return done(caller.get("/task/" + fixture.rachelsInvitation));
  }

  /** Each try waives the gate of a case of its own, started by a newcomer who has no training record. */
  static boolean waivesTrainingGate(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String newcomer = TestUsers.ensureNewcomer(fixture.engine.getIdentityService(), "matrixnewcomer");
    String held = fixture.propose(newcomer, Cases.lowRiskProposal("Matrix Held Optics " + fixture.probes.incrementAndGet()));
    boolean done = done(caller.post("/api/cases/" + held + "/training-waiver", Map.of("reason", "Booked for next week.")));
    assertThat(fixture.cases.openTask(held, OnboardingProcess.COMPLETE_TRAINING) == null).as("released").isEqualTo(done);
    return done;
  }

  // ---- administration: refused to everyone else on a shared case, done by demo on a case of its own

  static boolean deploys(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String key = "matrix-probe-" + fixture.probes.incrementAndGet();
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="probe">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Probe" />
          </bpmn:process>
        </bpmn:definitions>""".formatted(key);
    Reply deployed = caller.postFile("/deployment/create", Map.of("deployment-name", key), key + ".bpmn",
        bpmn.getBytes(StandardCharsets.UTF_8));
    boolean done = done(deployed);
    if (done) {
      fixture.engine.getRepositoryService().deleteDeployment(deployed.json().path("id").asText(), true);
    }
    return done;
  }

  static boolean createsUser(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String id = "matrixprobe" + fixture.probes.incrementAndGet();
    boolean done = done(caller.post("/user/create", Map.of("profile", Map.of("id", id, "firstName", "Probe",
        "lastName", "User", "email", id + "@example.org"), "credentials", Map.of("password", "Probe-password-1"))));
    if (done) {
      fixture.engine.getIdentityService().deleteUser(id);
    }
    return done;
  }

  static boolean createsGroup(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String id = "matrix-probe-" + fixture.probes.incrementAndGet();
    boolean done = done(caller.post("/group/create", Map.of("id", id, "name", "Probe", "type", "WORKFLOW")));
    if (done) {
      fixture.engine.getIdentityService().deleteGroup(id);
    }
    return done;
  }

  static boolean joinsGroup(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    boolean done = done(caller.put("/group/" + PROBE_GROUP + "/members/" + user, ""));
    if (done) {
      fixture.engine.getIdentityService().deleteMembership(user, PROBE_GROUP);
    }
    return done;
  }

  static boolean createsAuthorization(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String instance = fixture.instanceOf(fixture.caseWithAgreement, OnboardingProcess.KEY);
    Reply created = caller.post("/authorization/create", Map.of("type", 1, "permissions", List.of("READ"),
        "userId", "omar", "resourceType", 8, "resourceId", instance));
    boolean done = done(created);
    if (done) {
      fixture.engine.getAuthorizationService().deleteAuthorization(created.json().path("id").asText());
    }
    return done;
  }

  /** The case an administrative action is tried on: the shared one, or for demo one that is deleted after. */
  String administered(String user) {
    return user.equals("demo") ? proposeInComputerScience() : administeredCase;
  }

  static boolean modifies(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.administered(user);
    String signOff = fixture.instanceOf(ref, SignOffProcess.KEY);
    return done(caller.post("/process-instance/" + signOff + "/modification", Map.of("instructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", HEAD_OF_DEPARTMENT.taskId())))));
  }

  static boolean setsVariables(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String instance = fixture.instanceOf(fixture.administered(user), OnboardingProcess.KEY);
    boolean putOne = done(caller.put("/process-instance/" + instance + "/variables/riskTier",
        Map.of("value", "LOW", "type", "String")));
    boolean modify = done(caller.post("/process-instance/" + instance + "/variables",
        Map.of("modifications", Map.of("riskTier", Map.of("value", "LOW", "type", "String")))));
    return agree(putOne, modify);
  }

  static boolean suspends(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String instance = fixture.instanceOf(fixture.administered(user), OnboardingProcess.KEY);
    return done(caller.put("/process-instance/" + instance + "/suspended", Map.of("suspended", true)));
  }

  static boolean setsJobRetries(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String signOff = fixture.instanceOf(fixture.administered(user), SignOffProcess.KEY);
    String job = fixture.engine.getManagementService().createJobQuery().processInstanceId(signOff).list().get(0).getId();
    return done(caller.put("/job/" + job + "/retries", Map.of("retries", 3)));
  }

  static boolean assignsOthersTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String taskId = fixture.openTaskId(fixture.administered(user), HEAD_OF_DEPARTMENT.taskId());
    return done(caller.post("/task/" + taskId + "/assignee", Map.of("userId", "charles")));
  }

  static boolean deletes(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String instance = fixture.instanceOf(fixture.administered(user), OnboardingProcess.KEY);
    return done(caller.delete("/process-instance/" + instance));
  }

  static boolean restarts(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String ref = fixture.caseWithAgreement;
    var finished = fixture.engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(SignOffProcess.KEY).finished().list().get(0);
    boolean done = done(caller.post("/process-definition/" + finished.getProcessDefinitionId() + "/restart", Map.of(
        "processInstanceIds", List.of(finished.getId()), "skipCustomListeners", true,
        "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", HEAD_OF_DEPARTMENT.taskId())))));
    var runtime = fixture.engine.getRuntimeService();
    List<ProcessInstance> restarted = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(SignOffProcess.KEY).list();
    assertThat(restarted).as("restarted instances").hasSize(done ? 1 : 0);
    restarted.forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "permission matrix probe"));
    return done;
  }

  static boolean createsTask(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    String name = "Matrix probe task " + fixture.probes.incrementAndGet();
    boolean done = done(caller.post("/task/create", Map.of("name", name)));
    var tasks = fixture.engine.getTaskService();
    List<String> created = tasks.createTaskQuery().taskName(name).list().stream().map(task -> task.getId()).toList();
    assertThat(created).as("tasks created").hasSize(done ? 1 : 0);
    created.forEach(task -> tasks.deleteTask(task, true));
    return done;
  }

  static boolean signals(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return agree(done(caller.post("/signal", Map.of("name", "matrix-probe-signal"))),
        done(caller.post("/message", Map.of("messageName", "matrix-probe-message", "all", true))));
  }

  static boolean evaluatesDecision(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return done(caller.post("/decision-definition/key/" + AccessPolicy.CASE_DECISIONS.get(0) + "/evaluate",
        Map.of("variables", Http.variables(Cases.lowRiskProposal("Matrix Decisions Ltd")))));
  }

  static boolean readsEngineMetrics(PermissionMatrixTest fixture, Caller caller, Route route, String user) {
    return done(caller.get("/metrics/activity-instance-start/sum"));
  }

  // ---- reading answers

  /** A success is done; 403 and 404 (not yours to see) are refusals; anything else is a broken request. */
  static boolean done(Reply reply) {
    if (reply.status() >= 200 && reply.status() < 300) {
      return true;
    }
    if (reply.status() == 403 || reply.status() == 404) {
      return false;
    }
    return fail("Neither done nor refused: " + reply.status() + " " + reply.body());
  }

  /** Whether a list the user may query holds an item with this value: a query never refuses, it leaves out. */
  static boolean listed(Reply reply, String field, String value) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode items = reply.json();
    return IntStream.range(0, items.size()).anyMatch(i -> value.equals(items.get(i).path(field).asText()));
  }

  /** Two ways of reading the same thing must agree, or one of them leaks. */
  static boolean agree(boolean one, boolean other) {
    assertThat(one).as("the same read by another way").isEqualTo(other);
    return one;
  }
}
