package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Http.Reply;

/**
 * Hostile input at every entry point people and integrations send data through: starting each
 * process (engine REST and Tasklist's API), completing a review (complete, submit-form, task
 * variables; engine REST and Tasklist), and the project's API. Each case is refused with a 4xx and
 * a message that names what is wrong, never a 500, and leaves nothing behind: no process instance,
 * no register row, no variable, the task still open. The README states how many cases run.
 */
@CaseManagementTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  static final String ONE_MEGABYTE = "x".repeat(1024 * 1024);
  static final String ELEVEN_MEGABYTES = "y".repeat(11 * 1024 * 1024);

  /** How a body is put together at an entry point. */
  enum Shape {
    /** {"variables": {"name": {"value": ...}}}, as engine REST starts and completes take it. */
    ENGINE_VARIABLES("variables"),
    /** {"modifications": {...}}, as engine REST sets a task's variables. */
    ENGINE_MODIFICATIONS("modifications"),
    /** {"field": value}, the project's own API. */
    PROJECT_FIELDS(null);

    final String wrapper;

    Shape(String wrapper) {
      this.wrapper = wrapper;
    }

    boolean engine() {
      return this != PROJECT_FIELDS;
    }
  }

  /**
   * One place data comes in. {@code path} is resolved once the shared case exists; fields the form
   * does not have are null, and the payloads that need them do not run there.
   */
  record EntryPoint(String name, Route route, String user, Shape shape, Function<HostileInputTest, String> path,
      Function<HostileInputTest, Map<String, Object>> valid, String textField, String numberField, String booleanField,
      String notOffered, boolean start) {

    /** The entry point with its valid body made for the shared case. */
    EntryPoint boundTo(HostileInputTest test) {
      Map<String, Object> fields = valid.apply(test);
      return new EntryPoint(name, route, user, shape, path, ignored -> new HashMap<>(fields), textField, numberField,
          booleanField, notOffered, start);
    }

    @Override
    public String toString() {
      return name + (route == Route.WEBAPP ? " (Tasklist)" : "");
    }
  }

  /** One hostile request, made from a valid body, and the status it must be answered with. */
  record Payload(String name, ToIntFunction<EntryPoint> status, Function<EntryPoint, String> blamed, Predicate<EntryPoint> appliesTo,
      Function<EntryPoint, Object> body) {

    Payload(String name, int status, Function<EntryPoint, String> blamed, Predicate<EntryPoint> appliesTo,
        Function<EntryPoint, Object> body) {
      this(name, point -> status, blamed, appliesTo, body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Cases cases;
  String undecidedCase;
  String reviewTask;

  String caseAwaitingDraft;
  /** Charles's open invitation to a staff survey of computer science. */
  String surveyInvitation;
  /** A case held for its requester's training (a newcomer without a record), waiting for the research office. */
  String heldCase;

  @BeforeAll
  void rachelHasACaseWaitingForHerHeadOfDepartmentAndOneWaitingForHerDraftAgreement() {
    cases = new Cases(engine);
    undecidedCase = cases.propose("rachel", Cases.lowRiskProposal("Hostile Input Testing GmbH"));
    reviewTask = cases.openTask(undecidedCase, HEAD_OF_DEPARTMENT.taskId()).getId();
    Map<String, Object> withAgreement = Cases.lowRiskProposal("Hostile Agreements GmbH");
    withAgreement.put(CollaborationCase.MOU_REQUIRED.name(), true);
    caseAwaitingDraft = cases.propose("rachel", withAgreement);
    cases.approve("hannah", caseAwaitingDraft, HEAD_OF_DEPARTMENT);
    cases.approve("leila", caseAwaitingDraft, ReviewerRole.LEGAL);
    cases.runJobs();
    Reply survey = new Http(port).post("/api/surveys", "sam", surveyCampaign(0));
    assertThat(survey.status()).as(survey.body()).isEqualTo(201);
    String campaignId = survey.json().path("campaignId").asText();
    cases.runJobsOf(campaignId);
    surveyInvitation = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId)
        .taskAssignee("charles").singleResult().getId();
    heldCase = cases.propose(TestUsers.ensureNewcomer(engine.getIdentityService(), "hostilenewcomer"),
        Cases.lowRiskProposal("Hostile Held Optics Ltd"));
  }

  /** A campaign of computer science that opens {@code inDays} from today, as the research office asks for it. */
  static Map<String, Object> surveyCampaign(int inDays) {
    return new HashMap<>(Map.of("questionSet", "security-culture", "departments", List.of("computer-science"),
        "opensOn", PinnedClock.today().plusDays(inDays).toString(),
        "closesOn", PinnedClock.today().plusDays(inDays + 14).toString()));
  }

  static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();
  static final String ONBOARDING = "/process-definition/key/" + OnboardingProcess.KEY;
  static final String INCIDENT = "/process-definition/key/" + IncidentProcess.KEY;

  static List<EntryPoint> entryPoints() {
    Function<HostileInputTest, Map<String, Object>> proposal = test -> Cases.lowRiskProposal("Hostile Input Partners");
    Function<HostileInputTest, Map<String, Object>> incident = test -> incidentReport();
    Function<HostileInputTest, Map<String, Object>> withdrawal = test -> new HashMap<>(Map.of(
        "caseReference", test.undecidedCase, "withdrawalReason", "The partner withdrew."));
    Function<HostileInputTest, Map<String, Object>> review = test -> new HashMap<>(Map.of(
        "hodDecision", "APPROVE", "hodComment", "Fine."));
    Function<HostileInputTest, String> reviewTask = test -> "/task/" + test.reviewTask;
    Function<HostileInputTest, Map<String, Object>> surveyStart = test -> new HashMap<>(Map.of(
        "questionSet", "security-culture", "surveyDepartments", "computer-science",
        "opensOn", PinnedClock.today().plusDays(60).toString(), "closesOn", PinnedClock.today().plusDays(74).toString()));
    Function<HostileInputTest, Map<String, Object>> surveyAnswer = test -> {
      Map<String, Object> answer = new HashMap<>(Map.of("surveyComment", "Fine."));
      List.of("knows_whom_to_ask", "understands_risks", "reports_concerns", "process_proportionate",
          "leadership_support").forEach(question -> answer.put("answer_" + question, "4"));
      return answer;
    };
    List<EntryPoint> points = new ArrayList<>();
    for (Route route : Route.values()) {
      points.add(new EntryPoint("start an onboarding case (submit-form)", route, "rachel", Shape.ENGINE_VARIABLES,
          test -> ONBOARDING + "/submit-form", proposal, "partnerName", "fundingAmountGbp", "exportControlled",
          "riskTier", true));
      points.add(new EntryPoint("report an incident (submit-form)", route, "rachel", Shape.ENGINE_VARIABLES,
          test -> INCIDENT + "/submit-form", incident, "description", null, "confidential", "reporter", true));
      points.add(new EntryPoint("complete a review (submit-form)", route, "hannah", Shape.ENGINE_VARIABLES,
          reviewTask.andThen(path -> path + "/submit-form"), review, "hodComment", null, null,
          "headOfRiskDecision", false));
      points.add(new EntryPoint("start a staff survey (submit-form)", route, "sam", Shape.ENGINE_VARIABLES,
          test -> "/process-definition/key/staff-survey/submit-form", surveyStart, "surveyDepartments", null, null,
          "campaignId", true));
      points.add(new EntryPoint("answer a staff survey (submit-form)", route, "charles", Shape.ENGINE_VARIABLES,
          test -> "/task/" + test.surveyInvitation + "/submit-form", surveyAnswer, "surveyComment", null, null,
          "invitee", false));
    }
    points.add(new EntryPoint("start an onboarding case (start)", Route.ENGINE_REST, "rachel", Shape.ENGINE_VARIABLES,
        test -> ONBOARDING + "/start", proposal, "summary", "fundingAmountGbp", "dualUse", "requester", true));
    points.add(new EntryPoint("ask to withdraw a case (submit-form)", Route.ENGINE_REST, "rachel", Shape.ENGINE_VARIABLES,
        test -> "/process-definition/key/case-withdrawal/submit-form", withdrawal, "withdrawalReason", null, null,
        "withdrawalDecision", true));
    points.add(new EntryPoint("complete a review (complete)", Route.ENGINE_REST, "hannah", Shape.ENGINE_VARIABLES,
        reviewTask.andThen(path -> path + "/complete"), review, "hodComment", null, null, "legalDecision", false));
    points.add(new EntryPoint("set a review's variables", Route.ENGINE_REST, "hannah", Shape.ENGINE_MODIFICATIONS,
        reviewTask.andThen(path -> path + "/variables"), review, "hodConditions", null, null, "riskTier", false));
    points.add(new EntryPoint("POST /api/incidents", Route.ENGINE_REST, "rachel", Shape.PROJECT_FIELDS,
        test -> "/api/incidents", incident, "description", null, "confidential", "reporter", true));
    points.add(new EntryPoint("POST /api/incidents/anonymous", Route.ENGINE_REST, null, Shape.PROJECT_FIELDS,
        test -> "/api/incidents/anonymous", incident, "description", null, "confidential", "receiptHash", true));
    points.add(new EntryPoint("POST /api/cases/{ref}/withdrawal", Route.ENGINE_REST, "rachel", Shape.PROJECT_FIELDS,
        test -> "/api/cases/" + test.undecidedCase + "/withdrawal", test -> new HashMap<>(Map.of("reason", "Ended.")),
        "reason", null, null, "outcome", false));
    points.add(new EntryPoint("POST /api/surveys", Route.ENGINE_REST, "sam", Shape.PROJECT_FIELDS,
        test -> "/api/surveys", test -> surveyCampaign(60), "questionSet", null, null, "status", false));
    points.add(new EntryPoint("POST /api/cases/{ref}/training-waiver", Route.ENGINE_REST, "sam", Shape.PROJECT_FIELDS,
        test -> "/api/cases/" + test.heldCase + "/training-waiver", test -> new HashMap<>(Map.of("reason", "Booked.")),
        "reason", null, null, "trainingWaivedBy", false));
    points.add(new EntryPoint("POST /api/training/self-declarations", Route.ENGINE_REST, "rachel", Shape.PROJECT_FIELDS,
        test -> "/api/training/self-declarations", test -> new HashMap<>(Map.of("module", "trusted-research",
            "completedOn", "2026-01-05")), "module", null, null, "status", false));
    return points;
  }

  static Map<String, Object> incidentReport() {
    Map<String, Object> report = new HashMap<>();
    report.put("incidentCategory", "SUSPICIOUS_APPROACH");
    report.put("description", "A stranger asked about the clean-room process.");
    report.put("occurredAt", "2026-01-05T10:00:00Z");
    report.put("confidential", false);
    return report;
  }

  static List<Payload> payloads() {
    Predicate<EntryPoint> any = point -> true;
    Predicate<EntryPoint> engine = point -> point.shape().engine();
    Predicate<EntryPoint> starts = point -> point.shape().engine() && point.start();
    Function<EntryPoint, String> text = EntryPoint::textField;
    Function<EntryPoint, String> variables = point -> point.shape().engine() ? point.shape().wrapper : null;
    Function<EntryPoint, String> nothing = point -> null;
    return List.of(
        new Payload("a 1 MB string", 400, text, any, point -> with(point, point.textField(), ONE_MEGABYTE)),
        new Payload("a string of 4,001 characters", 400, text, engine,
            point -> with(point, point.textField(), "z".repeat(4001))),
        new Payload("a NUL character in text", 400, text, engine,
            point -> with(point, point.textField(), "before\u0000after")),
        new Payload("10,000 variables", 400, variables, any, point -> {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < 10_000; i++) {
            values.put("extra" + i, "value " + i);
          }
          return withAll(point, values);
        }),
        new Payload("a field the form does not offer", 400, EntryPoint::notOffered, any,
            point -> with(point, point.notOffered(), "APPROVED")),
        new Payload("a variable name of 300 characters", 400, nothing, engine,
            point -> with(point, "n".repeat(300), "x")),
        new Payload("an empty variable name", 400, nothing, engine, point -> with(point, "", "x")),
        new Payload("text where a number goes, typed Long", 400, EntryPoint::numberField,
            point -> point.shape().engine() && point.numberField() != null,
            point -> typed(point, point.numberField(), "a lot", "Long")),
        new Payload("a number beyond Long", 400, EntryPoint::numberField,
            point -> point.shape().engine() && point.numberField() != null,
            point -> typed(point, point.numberField(), new java.math.BigInteger("99999999999999999999999"), "Long")),
        new Payload("a number where true/false goes, typed Boolean", 400, EntryPoint::booleanField,
            point -> point.shape().engine() && point.booleanField() != null,
            point -> typed(point, point.booleanField(), 1, "Boolean")),
        new Payload("'yes' where true/false goes", 400, EntryPoint::booleanField, point -> point.booleanField() != null,
            point -> point.shape().engine() ? typed(point, point.booleanField(), "yes", "Boolean")
                : with(point, point.booleanField(), "yes")),
        new Payload("an object where text goes", 400, text, any,
            point -> with(point, point.textField(), Map.of("nested", "object"))),
        new Payload("a list where text goes", 400, text, any,
            point -> with(point, point.textField(), List.of("a", "list"))),
        new Payload("a Java-serialized object", 400, text, engine, point -> variable(point, point.textField(),
            Map.of("value", "rO0ABXQABGV2aWw=", "type", "Object", "valueInfo", Map.of(
                "objectTypeName", "java.lang.String", "serializationDataFormat", "application/x-java-serialized-object")))),
        new Payload("a JSON value where text goes", 400, text, engine, point -> variable(point, point.textField(),
            Map.of("value", "{\"a\": 1}", "type", "Json"))),
        new Payload("a type that is not a name", 400, text, engine, point -> variable(point, point.textField(),
            Map.of("value", "x", "type", 123))),
        new Payload("a type that does not exist", 400, text, engine, point -> variable(point, point.textField(),
            Map.of("value", "x", "type", "Banana"))),
        new Payload("a variable that is not an object", 400, text, engine, point -> variable(point, point.textField(),
            "bare text")),
        new Payload("variables that are not an object", 400, variables, engine,
            point -> Map.of(point.shape().wrapper, "not an object")),
        new Payload("malformed JSON", 400, nothing, any, point -> "{\"variables\": {\"partnerName\": "),
        new Payload("a JSON array as the body", 400, nothing, any, point -> "[1, 2, 3]"),
        new Payload("a JSON string as the body", 400, nothing, any, point -> "\"just text\""),
        // an incident report has its own, smaller limit, which answers first and names the description
        new Payload("a body above 10 MB", point -> reportsIncident(point) ? 400 : 413,
            point -> reportsIncident(point) ? "description" : null, any,
            point -> with(point, point.textField(), ELEVEN_MEGABYTES)),
        new Payload("a business key of 300 characters", 400, point -> "businessKey", starts,
            point -> withTop(point, "businessKey", "k".repeat(300))),
        new Payload("a business key of the researcher's choosing", 400, point -> "businessKey", starts,
            point -> withTop(point, "businessKey", "TR-2026-0001")),
        // a form submission cannot start at chosen activities (engine REST would ignore the instructions);
        // a start can, and the engine's command policy refuses it to researchers
        new Payload("start instructions from a researcher", point -> submitsForm(point) ? 400 : 403,
            point -> submitsForm(point) ? "startInstructions" : null, starts,
            point -> withTop(point, "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                "activityId", "EndEvent_CollaborationApproved")))),
        // without start instructions engine REST cannot honour the flag: bad input, whoever sends it
        new Payload("skipping the start listeners", 400, point -> "skipCustomListeners", starts,
            point -> withTop(point, "skipCustomListeners", true)),
        new Payload("skipping the start listeners, spelled TRUE", 400, point -> "skipCustomListeners", starts,
            point -> withTop(point, "skipCustomListeners", "TRUE")),
        new Payload("an empty body", 400, nothing, engine, point -> new Raw("application/json", "")),
        new Payload("text/plain instead of JSON", 415, nothing, engine, point -> new Raw("text/plain",
            Http.toJson(with(point, point.textField(), "plain")))),
        new Payload("a charset that does not exist", 415, nothing, engine, point -> new Raw(
            "application/json;charset=bogus", Http.toJson(with(point, point.notOffered(), "APPROVED")))),
        new Payload("a quality value that is not a number", 415, nothing, engine, point -> new Raw(
            "application/json;q=x", Http.toJson(with(point, point.notOffered(), "APPROVED")))),
        // engine REST does not read a body it is not told is JSON: the field never reaches the engine
        new Payload("a field the form does not offer, without a Content-Type", 415, nothing, engine,
            point -> new Raw(null, Http.toJson(with(point, point.notOffered(), "APPROVED")))),
        new Payload("deleting a case's variable", 403, nothing, point -> point.shape() == Shape.ENGINE_MODIFICATIONS,
            point -> Map.of("deletions", List.of("requester")))
    );
  }

  static boolean submitsForm(EntryPoint point) {
    return point.name().contains("(submit-form)");
  }

  static boolean reportsIncident(EntryPoint point) {
    return point.name().startsWith("POST /api/incidents");
  }

  /** A body sent exactly as written, declared as {@code contentType} (or undeclared if null). */
  record Raw(String contentType, String text) {
  }

  static Stream<Arguments> hostileCases() {
    return entryPoints().stream().flatMap(point -> payloads().stream()
        .filter(payload -> payload.appliesTo().test(point))
        .map(payload -> Arguments.of(point, payload)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostileCases")
  void isRefusedWithAClearMessageAndLeavesNothingBehind(EntryPoint entryPoint, Payload payload) {
    EntryPoint point = entryPoint.boundTo(this);
    Traces before = traces();

    Reply reply = send(point, payload.body().apply(point));

    assertThat(reply.status()).as(reply.body()).isEqualTo(payload.status().applyAsInt(point));
    assertThat(reply.json().path("message").asText()).as(reply.body()).isNotBlank();
    String blamed = payload.blamed().apply(point);
    if (blamed != null) {
      assertThat(reply.json().findValuesAsText("field")).as(reply.body()).contains(blamed);
    }
    assertThat(traces()).isEqualTo(before);
  }

  @Test
  void theReadmeCountsTheCasesThisSuiteRuns() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    Matcher stated = Pattern.compile("runs ([0-9,]+) hostile-input cases").matcher(readme);
    assertThat(stated.find()).as("the README states the count").isTrue();
    assertThat(Integer.parseInt(stated.group(1).replace(",", "")))
        .isEqualTo((int) (hostileCases().count() + uploadCases().count() + otherRequests().count()));
  }

  @Test
  void markupAndExpressionsSentToTheProjectApiComeBackVerbatim() {
    Http http = new Http(port);
    String description = HostileTextTest.MARKUP + " " + HostileTextTest.DOLLAR_EXPRESSION + " " + HostileTextTest.HASH_EXPRESSION;
    Reply filed = http.post("/api/incidents", "rachel", Map.of("incidentCategory", "SUSPICIOUS_APPROACH",
        "description", description, "occurredAt", "2026-01-05T10:00:00Z", "confidential", false));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);

    Reply read = http.get("/api/incidents/" + filed.json().path("reference").asText(), "rachel");
    assertThat(read.header("Content-Type")).startsWith("application/json");
    assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(read.json().path("description").asText()).isEqualTo(description);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("evaluated").count())
        .isZero();
  }

  /** A hostile upload: where it goes, how, and what it must be answered with. */
  record Upload(String name, Route route, boolean attachment, Map<String, String> fields, String fileName,
      byte[] content, int status, String blamed) {

    @Override
    public String toString() {
      return (attachment ? "attach to a review" : "upload a draft agreement")
          + (route == Route.WEBAPP ? " (Tasklist)" : "") + ": " + name;
    }
  }

  static Stream<Upload> uploadCases() {
    Stream<Upload> attachments = Stream.of(Route.values()).flatMap(route -> Stream.of(
        new Upload("a name of 300 characters", route, true, Map.of("attachment-name", "n".repeat(300),
            "url", "https://example.org/a"), null, null, 400, "attachment-name"),
        new Upload("a type of 300 characters", route, true, Map.of("attachment-name", "a", "attachment-type",
            "t".repeat(300), "url", "https://example.org/a"), null, null, 400, "attachment-type"),
        new Upload("a description of 5,000 characters", route, true, Map.of("attachment-name", "a",
            "attachment-description", "d".repeat(5000), "url", "https://example.org/a"), null, null, 400,
            "attachment-description"),
        new Upload("a URL of 5,000 characters", route, true, Map.of("attachment-name", "a", "url",
            "https://example.org/" + "u".repeat(5000)), null, null, 400, "url"),
        new Upload("a body above 10 MB", route, true, Map.of("attachment-name", "big"), "big.bin",
            new byte[11 * 1024 * 1024], 413, null)));
    Stream<Upload> drafts = Stream.of(
        new Upload("a program named .pdf", Route.ENGINE_REST, false, Map.of(), "agreement.pdf",
            Agreements.executable(), 400, "file"),
        new Upload("a file of 21 MB", Route.ENGINE_REST, false, Map.of(), "agreement.pdf",
            Agreements.pdfOfMegabytes(21), 400, "file"),
        new Upload("no file", Route.ENGINE_REST, false, Map.of("changeNote", "see attached"), null, null, 400, "file"),
        new Upload("an empty file", Route.ENGINE_REST, false, Map.of(), "agreement.pdf", new byte[0], 400, "file"),
        new Upload("a change note of 1 MB", Route.ENGINE_REST, false, Map.of("changeNote", ONE_MEGABYTE),
            "agreement.pdf", Agreements.pdf("Draft"), 400, "changeNote"));
    return Stream.concat(attachments, drafts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uploadCases")
  void anUploadIsRefusedWithAClearMessageAndLeavesNothingBehind(Upload upload) {
    Traces before = traces();
    long attachments = attachmentsOfTheReview();
    long drafts = draftsOf(caseAwaitingDraft);

    Reply reply = upload.attachment()
        ? upload.route().as(port, "hannah").postFile("/task/" + reviewTask + "/attachment/create", upload.fields(),
            upload.fileName(), upload.content())
        : new Http(port).postFile("/api/cases/" + caseAwaitingDraft + "/mou/drafts", "rachel", upload.fields(),
            upload.fileName(), upload.content());

    assertThat(reply.status()).as(reply.body()).isEqualTo(upload.status());
    assertThat(reply.json().path("message").asText()).as(reply.body()).isNotBlank();
    if (upload.blamed() != null) {
      assertThat(reply.body()).as("names the field").contains(upload.blamed());
    }
    assertThat(traces()).isEqualTo(before);
    assertThat(attachmentsOfTheReview()).isEqualTo(attachments);
    assertThat(draftsOf(caseAwaitingDraft)).isEqualTo(drafts);
  }

  long attachmentsOfTheReview() {
    return engine.getTaskService().getTaskAttachments(reviewTask).size();
  }

  long draftsOf(String caseReference) {
    return jdbc.sql("select count(*) from tr_mou_document d join tr_mou_review r on r.id = d.review_id "
        + "where r.case_reference = :ref").param("ref", caseReference).query(Long.class).single();
  }

  /** Any other hostile request to a review: who sends it where, and how it must be answered. */
  record Request(String name, Route route, String user, String method, String action, Object body, int status,
      String blamed) {

    @Override
    public String toString() {
      return name + " as " + user + (route == Route.WEBAPP ? " (Tasklist)" : "");
    }
  }

  static Stream<Request> otherRequests() {
    Map<String, Object> decision = Map.of("hodDecision", Map.of("value", "APPROVE"));
    return Stream.of(Route.values()).flatMap(route -> Stream.of(
        new Request("reading the variables of a task that does not exist", route, "hannah", "GET",
            "/task/no-such-task/variables", null, 404, null),
        new Request("deleting a variable of the review", route, "hannah", "DELETE", "variables/riskTier", null, 403, null),
        new Request("ending the review with a BPMN error that carries a decision", route, "hannah", "POST", "bpmnError",
            Map.of("errorCode", "E", "variables", decision), 403, null),
        new Request("ending the review with an escalation that carries a decision", route, "hannah", "POST",
            "bpmnEscalation", Map.of("escalationCode", "E", "variables", decision), 403, null),
        new Request("renaming the review with 300 characters", route, "demo", "PUT", "", Map.of("name", "n".repeat(300)),
            400, "name"),
        new Request("claiming the review for a user id of 300 characters", route, "demo", "POST", "claim",
            Map.of("userId", "u".repeat(300)), 400, "userId"),
        new Request("assigning the review to a user id of 300 characters", route, "demo", "POST", "assignee",
            Map.of("userId", "u".repeat(300)), 400, "userId"),
        new Request("offering the review to a group id of 300 characters", route, "demo", "POST", "identity-links",
            Map.of("groupId", "g".repeat(300), "type", "candidate"), 400, "groupId"),
        new Request("renaming the review with a number of 300 digits", route, "demo", "PUT", "",
            Map.of("name", new java.math.BigInteger("9".repeat(300))), 400, "name"),
        new Request("claiming the review for a user id of 300 digits", route, "demo", "POST", "claim",
            Map.of("userId", new java.math.BigInteger("9".repeat(300))), 400, "userId"),
        new Request("putting the review under a parent task id of 300 characters", route, "demo", "PUT", "",
            Map.of("name", "Review", "parentTaskId", "p".repeat(300)), 400, "parentTaskId"),
        new Request("moving the review to a tenant", route, "demo", "PUT", "",
            Map.of("name", "Review", "tenantId", "other"), 400, "tenantId"),
        new Request("claiming the review without a body", route, "hannah", "POST-EMPTY", "claim", null, 400, null),
        new Request("completing the review without a body", route, "hannah", "POST-EMPTY", "complete", null, 400,
            null),
        // the engine's command policy: a claim is for oneself, a task's properties and candidates are administration
        new Request("claiming the review for a colleague", route, "hannah", "POST", "claim",
            Map.of("userId", "george"), 403, null),
        new Request("renaming the review", route, "hannah", "PUT", "", Map.of("name", "Renamed"), 403, null),
        new Request("offering the review to another group", route, "hannah", "POST", "identity-links",
            Map.of("groupId", "legal", "type", "candidate"), 403, null),
        new Request("handing the review to someone outside its groups", route, "hannah", "POST", "assignee",
            Map.of("userId", "omar"), 403, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherRequests")
  void anyOtherHostileRequestIsRefusedAndLeavesNothingBehind(Request hostile) {
    Traces before = traces();
    Route.Caller caller = hostile.route().as(port, hostile.user());
    String path = hostile.action().startsWith("/") ? hostile.action()
        : "/task/" + reviewTask + (hostile.action().isEmpty() ? "" : "/" + hostile.action());

    Reply reply = switch (hostile.method()) {
      case "GET" -> caller.get(path);
      case "DELETE" -> caller.delete(path);
      case "PUT" -> caller.put(path, hostile.body());
      case "POST-EMPTY" -> caller.postRaw(path, "application/json", "");
      default -> caller.post(path, hostile.body());
    };

    assertThat(reply.status()).as(reply.body()).isEqualTo(hostile.status());
    assertThat(reply.json().path("message").asText()).as(reply.body()).isNotBlank();
    if (hostile.blamed() != null) {
      assertThat(reply.json().findValuesAsText("field")).as(reply.body()).contains(hostile.blamed());
    }
    assertThat(traces()).isEqualTo(before);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Route.class)
  void theCommentsAndAttachmentsOfADoneReviewStayReadable(Route route) {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Closed Review Partners " + route));
    String review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    Reply commented = route.as(port, "hannah").post("/task/" + review + "/comment/create",
        Map.of("message", "Checked the partner's ownership."));
    assertThat(commented.status()).as(commented.body()).isEqualTo(200);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    Reply comments = route.as(port, "hannah").get("/task/" + review + "/comment");
    Reply attachments = route.as(port, "hannah").get("/task/" + review + "/attachment");

    assertThat(comments.status()).as(comments.body()).isEqualTo(200);
    assertThat(comments.json().findValuesAsText("message")).containsExactly("Checked the partner's ownership.");
    assertThat(attachments.status()).as(attachments.body()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("unknownTaskRequests")
  void aTaskThatDoesNotExistIsNotFound(Route route, String user, String action) {
    Reply reply = route.as(port, user).post("/task/no-such-task/" + action, Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.json().path("message").asText()).isEqualTo("There is no task no-such-task");
  }

  static Stream<Arguments> unknownTaskRequests() {
    return Stream.of(Route.values()).flatMap(route -> Stream.of("hannah", "demo")
        .flatMap(user -> Stream.of("complete", "submit-form", "variables").map(action -> Arguments.of(route, user, action))));
  }

  @Test
  void anIdentifierTheIdentityServiceCannotStoreIsRefusedByName() {
    Http http = new Http(port);
    Map<String, Object> credentials = Map.of("password", "Correct-Horse-Battery-9");
    Reply spaced = http.post("/engine-rest/user/create", "demo", Map.of("profile", Map.of("id", "a b/c",
        "firstName", "A", "lastName", "B", "email", "ab@example.org"), "credentials", credentials));
    Reply tooLong = http.post("/engine-rest/user/create", "demo", Map.of("profile", Map.of("id", "z".repeat(65),
        "firstName", "A", "lastName", "B", "email", "ab@example.org"), "credentials", credentials));
    Reply group = http.post("/engine-rest/group/create", "demo", Map.of("id", "<script>", "name", "G", "type", "WORKFLOW"));

    for (Reply reply : List.of(spaced, tooLong, group)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    }
    assertThat(spaced.json().findValuesAsText("field")).containsExactly("profile.id");
    assertThat(tooLong.json().findValuesAsText("message")).anyMatch(message -> message.contains("1 to 64 characters"));
    assertThat(group.json().findValuesAsText("field")).containsExactly("id");
    assertThat(engine.getIdentityService().createUserQuery().userId("a b/c").count()).isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupId("<script>").count()).isZero();
  }

  /**
   * What a half-done request could leave: instances, register rows, variables (stored or deleted),
   * the review done, claimed or handed to someone else.
   */
  record Traces(long instances, long cases, long incidents, long trainingRecords, long surveyRows, long variables,
      long liveVariables, boolean reviewOpen, String reviewAssignee, long reviewLinks, boolean surveyInvitationOpen) {
  }

  Traces traces() {
    Task review = engine.getTaskService().createTaskQuery().taskId(reviewTask).singleResult();
    return new Traces(engine.getHistoryService().createHistoricProcessInstanceQuery().count(),
        jdbc.sql("select count(*) from tr_collaboration_case").query(Long.class).single(),
        jdbc.sql("select count(*) from tr_incident").query(Long.class).single(),
        jdbc.sql("select count(*) from tr_training_record").query(Long.class).single(),
        jdbc.sql("select (select count(*) from tr_survey_campaign) + (select count(*) from tr_survey_answer)"
            + " + (select count(*) from tr_survey_participation)").query(Long.class).single(),
        engine.getHistoryService().createHistoricVariableInstanceQuery().count(),
        engine.getRuntimeService().createVariableInstanceQuery().count(),
        review != null, review == null ? null : review.getAssignee(),
        engine.getTaskService().getIdentityLinksForTask(reviewTask).size(),
        engine.getTaskService().createTaskQuery().taskId(surveyInvitation).count() == 1);
  }

  Reply send(EntryPoint point, Object body) {
    String path = point.path().apply(this);
    if (body instanceof Raw raw) {
      return point.route().as(port, point.user()).postRaw(path, raw.contentType(), raw.text());
    }
    if (point.shape() == Shape.PROJECT_FIELDS) {
      // anonymous reports are limited per address: each case comes from an address of its own
      int client = CLIENTS.incrementAndGet();
      return new Http(port).post(path, point.user(), body,
          Map.of("X-Forwarded-For", "10.66." + (client / 250) + "." + (client % 250 + 1)));
    }
    return point.route().as(port, point.user()).post(path, body);
  }

  static String engineRest(String path) {
    return path.startsWith("/api/") ? path : "/engine-rest" + path;
  }

  // bodies

  static Map<String, Object> with(EntryPoint point, String field, Object value) {
    return withAll(point, Map.of(field, value));
  }

  static Map<String, Object> withAll(EntryPoint point, Map<String, Object> values) {
    Map<String, Object> fields = new LinkedHashMap<>(point.valid().apply(null));
    fields.putAll(values);
    return wrap(point, point.shape().engine() ? Http.variables(fields) : fields);
  }

  static Map<String, Object> typed(EntryPoint point, String field, Object value, String type) {
    return variable(point, field, Map.of("value", value, "type", type));
  }

  /** A valid body in which one variable is given exactly as {@code variable}. */
  static Map<String, Object> variable(EntryPoint point, String field, Object variable) {
    Map<String, Object> variables = new LinkedHashMap<>(Http.variables(point.valid().apply(null)));
    variables.put(field, variable);
    return wrap(point, variables);
  }

  static Map<String, Object> withTop(EntryPoint point, String name, Object value) {
    Map<String, Object> body = new LinkedHashMap<>(with(point, point.textField(), "fine"));
    body.put(name, value);
    return body;
  }

  static Map<String, Object> wrap(EntryPoint point, Map<String, Object> fields) {
    return point.shape().engine() ? Map.of(point.shape().wrapper, fields) : fields;
  }
}
