package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_REASON;
import static org.trustedresearch.cases.collaboration.CollaborationCase.WITHDRAWAL_REASON;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.mou.MouReviewProcess;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Race;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Eight people act on the same thing at the same moment, through every route it has (engine REST,
 * Tasklist's API, the project's API): where only one of them can have their way, one wins and the
 * others get a 409 saying who won or that it changed, never a 500 or the engine's text, and what
 * the winner's command causes (e-mails, register rows, history) happens once. Each database runs
 * the same races ({@link ConcurrentDecisionsTest} on H2, {@link ConcurrentDecisionsOnPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentDecisions {

  static final int RUNNERS = 8;
  static final String DEPARTMENT_SHARED = "engineering";
  static final String REQUESTER = TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS;
  static final String RESEARCH_OFFICE = "sam";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  Cases cases;
  List<String> approvers;

  /** The routes this database's application offers. */
  abstract List<Route> routes();

  abstract Route.Caller as(Route route, String user);

  /** The same person once more, with a login of their own (a second tab or device). */
  abstract Route.Caller asOnAnotherDevice(Route route, String user);

  @BeforeEach
  void eightHeadsOfEngineeringShareTheReviewQueue() {
    cases = new Cases(engine);
    approvers = IntStream.rangeClosed(1, RUNNERS).mapToObj(number -> "engineeringhead" + number).toList();
    for (String id : approvers) {
      if (engine.getIdentityService().createUserQuery().userId(id).count() == 0) {
        User user = engine.getIdentityService().newUser(id);
        user.setFirstName("Head");
        user.setLastName("Number " + id.substring("engineeringhead".length()));
        user.setEmail(id + "@example.org");
        user.setPassword(id);
        engine.getIdentityService().saveUser(user);
        engine.getIdentityService().createMembership(id, "hod-engineering");
        engine.getIdentityService().createMembership(id, "dept-engineering");
      }
    }
    // the requester must belong to the department the case is filed under
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
  }

  String proposeInEngineering(String partner) {
    return proposeInEngineering(partner, false);
  }

  String proposeInEngineering(String partner, boolean agreement) {
    Map<String, Object> proposal = Cases.lowRiskProposal(partner);
    proposal.put(DEPARTMENT.name(), DEPARTMENT_SHARED);
    proposal.put(MOU_REQUIRED.name(), agreement);
    return cases.propose(REQUESTER, proposal);
  }

  static Map<String, Object> approval() {
    return Map.of("variables", Http.variables(Map.of(HEAD_OF_DEPARTMENT.decision().name(), "APPROVE")));
  }

  static String headNumber(String approver) {
    return "Head Number " + approver.substring("engineeringhead".length());
  }

  /** Signs everyone in before the race starts: the race is about the command, not the login. */
  List<Route.Caller> signedIn(Route route, Function<Integer, String> user, boolean ownDevice) {
    return IntStream.range(0, RUNNERS).mapToObj(runner -> ownDevice
        ? asOnAnotherDevice(route, user.apply(runner)) : as(route, user.apply(runner))).toList();
  }

  // ---- deciding: complete and submit-form

  @ParameterizedTest
  @MethodSource("routes")
  void eightHeadsCompletingOneReviewAtOnceGiveOneDecisionAndSevenConflicts(Route route) {
    raceToDecide(route, "/complete", "Osprey Coatings Ltd", "Plover Coatings Ltd");
  }

  @ParameterizedTest
  @MethodSource("routes")
  void eightHeadsSubmittingOneReviewFormAtOnceGiveOneDecisionAndSevenConflicts(Route route) {
    raceToDecide(route, "/submit-form", "Heron Optics Ltd", "Curlew Optics Ltd");
  }

  void raceToDecide(Route route, String command, String partner, String baselinePartner) {
    String baseline = proposeInEngineering(baselinePartner + " " + route);
    Task baselineTask = cases.openTask(baseline, HEAD_OF_DEPARTMENT.taskId());
    assertThat(as(route, approvers.get(0)).post("/task/" + baselineTask.getId() + command, approval()).status())
        .isIn(200, 204);
    cases.runJobsOf(baseline);

    String ref = proposeInEngineering(partner + " " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    List<Route.Caller> heads = signedIn(route, approvers::get, false);

    List<Reply> replies = Race.run(RUNNERS, runner -> heads.get(runner).post("/task/" + task + command, approval()));
    cases.runJobsOf(ref);

    String winner = approvers.get(replies.indexOf(oneWinner(replies)));
    assertThat(lost(replies)).as("who won is named to those who lost after the decision")
        .allSatisfy(reply -> assertThat(reply.json().path("message").asText())
            .satisfiesAnyOf(message -> assertThat(message).contains("was decided by " + headNumber(winner) + " at "),
                message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));

    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey(HEAD_OF_DEPARTMENT.taskId()).count()).as("one review task, decided once").isEqualTo(1);
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isEqualTo(1);
    assertThat(variableUpdates(ref, task, HEAD_OF_DEPARTMENT.decision().name()))
        .as("the decision was written once").hasSize(1);
    assertThat(cases.outcome(ref)).isEqualTo(cases.outcome(baseline));
    assertThat(mailsAbout(ref)).as("the same e-mails as one decision sends, once each")
        .isEqualTo(mailsAsFor(baseline, ref));
  }

  // ---- taking, giving back, handing on

  @ParameterizedTest
  @MethodSource("routes")
  void eightHeadsClaimingOneReviewAtOnceGiveItToOneAndTellTheOthersWho(Route route) {
    String ref = proposeInEngineering("Avocet Materials Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    List<Route.Caller> heads = signedIn(route, approvers::get, false);
    int mailsBefore = mailsAbout(ref).size();

    List<Reply> replies = Race.run(RUNNERS, runner -> heads.get(runner)
        .post("/task/" + task + "/claim", Map.of("userId", approvers.get(runner))));

    String winner = approvers.get(replies.indexOf(oneWinner(replies)));
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getAssignee()).isEqualTo(winner);
    assertThat(lost(replies)).allSatisfy(reply -> assertThat(reply.json().path("message").asText())
        .satisfiesAnyOf(message -> assertThat(message).contains("was just taken by " + headNumber(winner)),
            message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));
    assertThat(assigneeLinks(task, ConcurrentDecisions::added)).as("claimed once").hasSize(1);
    assertThat(mailsAbout(ref)).as("taking a task for oneself sends no e-mail").hasSize(mailsBefore);
  }

  /**
   * A person who gives a task back from several tabs at once wants it back in the queue and nothing
   * else: the first that reaches the task gives it back; one that finds it given back already has
   * nothing left to do and answers 204 as well (giving back is idempotent, as in Camunda); one that
   * overlapped with the first is told the task changed. The task is given back once: one history
   * entry, no e-mail from the repeats.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void aHeadGivingAReviewBackFromEightTabsGivesItBackOnceAndRepeatsChangeNothing(Route route) {
    String ref = proposeInEngineering("Turnstone Robotics Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    String assignee = approvers.get(0);
    cases.as(assignee, () -> engine.getTaskService().claim(task, assignee));
    List<Route.Caller> tabs = signedIn(route, runner -> assignee, true);
    int mailsBefore = mailsAbout(ref).size();

    List<Reply> replies = Race.run(RUNNERS, runner -> tabs.get(runner).post("/task/" + task + "/unclaim", Map.of()));

    assertThat(replies).as(replies.toString()).anySatisfy(reply -> assertThat(reply.status()).isEqualTo(204));
    replies.stream().filter(reply -> reply.status() != 204).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getAssignee()).isNull();
    assertThat(assigneeLinks(task, ConcurrentDecisions::removed)).as("given back once").hasSize(1);
    assertThat(mailsAbout(ref)).hasSize(mailsBefore);
  }

  /**
   * Setting a task's assignee replaces the one before, as Camunda means it (a team lead moves work
   * around). Heads reassigning one review to themselves at the same moment: those whose change
   * overlapped with another's are told it changed and change nothing; each that went through is one
   * change in the history, and the last of them holds the task.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void eightHeadsSettingTheAssigneeAtOnceEndWithOneOfThemAndEveryChangeRecordedOnce(Route route) {
    String ref = proposeInEngineering("Whimbrel Analytics Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    List<Route.Caller> heads = signedIn(route, approvers::get, false);

    List<Reply> replies = Race.run(RUNNERS, runner -> heads.get(runner)
        .post("/task/" + task + "/assignee", Map.of("userId", approvers.get(runner))));

    Set<String> winners = winnersOf(replies, approvers::get);
    assertThat(winners).as(replies.toString()).isNotEmpty();
    lost(replies).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getAssignee()).isIn(winners);
    assertThat(assigneeLinks(task, ConcurrentDecisions::added)).extracting(HistoricIdentityLinkLog::getUserId)
        .as("each assignment that went through, once; none of those refused")
        .containsExactlyInAnyOrderElementsOf(winners);
  }

  /**
   * The assignee asks for help from several tabs at once, each naming another colleague: delegating
   * again replaces the delegate, as Camunda means it; the owner stays the assignee who asked, and
   * every delegation that went through is one change in the history.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void anAssigneeDelegatingFromSevenTabsAtOnceKeepsOwnershipAndRecordsEachDelegationOnce(Route route) {
    String ref = proposeInEngineering("Sandpiper Lasers Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    String owner = approvers.get(0);
    cases.as(owner, () -> engine.getTaskService().claim(task, owner));
    List<Route.Caller> tabs = signedIn(route, runner -> owner, true);
    // one tab per other head, each delegating to a different one: a second delegation to the same person
    // would change nothing, and so leave nothing in the history
    Function<Integer, String> helper = runner -> approvers.get(1 + runner);

    List<Reply> replies = Race.run(RUNNERS - 1, runner -> tabs.get(runner)
        .post("/task/" + task + "/delegate", Map.of("userId", helper.apply(runner))));

    Set<String> delegates = winnersOf(replies, helper);
    assertThat(delegates).as(replies.toString()).isNotEmpty();
    lost(replies).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    Task delegated = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(delegated.getOwner()).isEqualTo(owner);
    assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
    assertThat(delegated.getAssignee()).isIn(delegates);
    assertThat(replies.stream().filter(reply -> reply.status() == 204).count())
        .as("each delegation that went through is in the history once")
        .isEqualTo(engine.getHistoryService().createUserOperationLogQuery().taskId(task)
            .operationType(UserOperationLogEntry.OPERATION_TYPE_DELEGATE).list().stream()
            .map(UserOperationLogEntry::getOperationId).distinct().count());
  }

  /** A delegate hands the task back to its owner once; every other tab is told it went back already. */
  @ParameterizedTest
  @MethodSource("routes")
  void aDelegateResolvingFromEightTabsAtOnceHandsTheReviewBackOnce(Route route) {
    String ref = proposeInEngineering("Redshank Filters Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    String owner = approvers.get(0);
    String delegate = approvers.get(1);
    cases.as(owner, () -> {
      engine.getTaskService().claim(task, owner);
      engine.getTaskService().delegateTask(task, delegate);
    });
    List<Route.Caller> tabs = signedIn(route, runner -> delegate, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> tabs.get(runner)
        .post("/task/" + task + "/resolve", Map.of("variables", Map.of())));

    oneWinner(replies);
    assertThat(lost(replies)).allSatisfy(reply -> assertThat(reply.json().path("message").asText())
        .satisfiesAnyOf(message -> assertThat(message).contains("was already handed back to " + headNumber(owner)),
            message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));
    Task resolved = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(resolved.getAssignee()).isEqualTo(owner);
    assertThat(resolved.getDelegationState()).isEqualTo(DelegationState.RESOLVED);
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_RESOLVE).list().stream()
        .map(UserOperationLogEntry::getOperationId).distinct().count()).as("resolved once").isEqualTo(1);
    assertThat(assigneeLinks(task, ConcurrentDecisions::added)).extracting(HistoricIdentityLinkLog::getUserId)
        .as("claimed by its owner, delegated, handed back once").containsExactlyInAnyOrder(owner, delegate, owner);
  }

  /**
   * Saving a task's form without completing it writes its fields, the last save standing, as
   * Camunda means it. Heads saving a comment the task did not have yet, at the same moment: a save
   * that overlapped with another's is told it changed and writes nothing; each that went through is
   * one entry in the history, and the comment is one of theirs.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void eightHeadsSavingAFormFieldAtOnceWriteItOncePerSaveThatWentThrough(Route route) {
    String ref = proposeInEngineering("Stonechat Polymers Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    List<Route.Caller> heads = signedIn(route, approvers::get, false);
    String comment = HEAD_OF_DEPARTMENT.comment().name();

    List<Reply> replies = Race.run(RUNNERS, runner -> heads.get(runner).post("/task/" + task + "/variables",
        Map.of("modifications", Http.variables(Map.of(comment, "Checked by " + approvers.get(runner))))));

    Set<String> saved = winnersOf(replies, runner -> "Checked by " + approvers.get(runner));
    assertThat(saved).as(replies.toString()).isNotEmpty();
    lost(replies).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    assertThat(engine.getTaskService().getVariable(task, comment)).isIn(saved);
    assertThat(variableUpdates(ref, task, comment)).extracting(HistoricVariableUpdate::getValue)
        .as("each save that went through, once").containsExactlyInAnyOrderElementsOf(saved);
  }

  // ---- the project's own writes

  /**
   * The requester withdraws their case from eight devices at once, through the project's API and
   * through Tasklist's withdrawal form: it is withdrawn once, the reviewers are told once, and every
   * other attempt is a 409 saying it is withdrawn already.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void aRequesterWithdrawingFromEightDevicesAtOnceWithdrawsOnceAndIsToldTheRestAreLate(Route route) {
    String baseline = proposeInEngineering("Wagtail Ceramics Ltd " + route);
    Reply first = as(route, REQUESTER).post("/api/cases/" + baseline + "/withdrawal", Map.of("reason", "Partner left."));
    assertThat(first.status()).as(first.body()).isEqualTo(200);

    String ref = proposeInEngineering("Linnet Ceramics Ltd " + route);
    List<Route.Caller> devices = signedIn(route, runner -> REQUESTER, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> runner % 2 == 0
        ? devices.get(runner).post("/api/cases/" + ref + "/withdrawal", Map.of("reason", "Partner left."))
        : devices.get(runner).post("/process-definition/key/" + OnboardingProcess.WITHDRAWAL_PROCESS + "/submit-form",
            Map.of("variables", Http.variables(Map.of(CASE_REFERENCE.name(), ref,
                WITHDRAWAL_REASON.name(), "Partner left.")))));

    oneWinner(replies);
    assertThat(lost(replies)).allSatisfy(reply -> assertThat(reply.json().path("message").asText())
        .satisfiesAnyOf(message -> assertThat(message).isEqualTo("Case " + ref
                + " was withdrawn already; reload to see the case."),
            message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));
    assertThat(cases.outcome(ref)).isEqualTo("WITHDRAWN");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.WITHDRAWAL_PROCESS).variableValueEquals(CASE_REFERENCE.name(), ref)
        .count()).as("one withdrawal request in the history").isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(OnboardingProcess.END_WITHDRAWN_ON_REQUEST).processInstanceId(caseInstance(ref)).count())
        .isEqualTo(1);
    assertThat(mailsAbout(ref)).as("the same e-mails as one withdrawal sends, once each")
        .isEqualTo(mailsAsFor(baseline, ref));
  }

  /**
   * The research office asks for an early re-review from eight devices at once (two colleagues, say,
   * after the same news): the collaboration is re-reviewed once, and the others learn it is under way.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void theResearchOfficeAskingForOneReReviewEightTimesAtOnceStartsOne(Route route) {
    String baseline = approvedInEngineering("Kestrel Fibres Ltd " + route);
    Reply first = as(route, RESEARCH_OFFICE).post("/api/cases/" + baseline + "/re-review", Map.of("reason", "Acquired."));
    assertThat(first.status()).as(first.body()).isEqualTo(200);

    String ref = approvedInEngineering("Merlin Fibres Ltd " + route);
    List<Route.Caller> devices = signedIn(route, runner -> RESEARCH_OFFICE, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> devices.get(runner)
        .post("/api/cases/" + ref + "/re-review", Map.of("reason", "Acquired.")));

    oneWinner(replies);
    assertThat(lost(replies)).allSatisfy(reply -> assertThat(reply.json().path("message").asText())
        .satisfiesAnyOf(message -> assertThat(message).isEqualTo("Case " + ref
                + " is under re-review already; reload to see the case."),
            message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.EARLY_RE_REVIEW_PROCESS).variableValueEquals(CASE_REFERENCE.name(), ref)
        .count()).as("one early re-review request in the history").isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(caseInstance(ref)).list().stream().map(HistoricVariableUpdate.class::cast)
        .filter(update -> RE_REVIEW_REASON.name().equals(update.getVariableName())))
        .as("the reason was written once").hasSize(1);
    assertThat(mailsAbout(ref)).as("the same e-mails as one request sends, once each")
        .isEqualTo(mailsAsFor(baseline, ref));
  }

  String approvedInEngineering(String partner) {
    String ref = proposeInEngineering(partner);
    cases.approve(approvers.get(0), ref, HEAD_OF_DEPARTMENT);
    cases.runJobsOf(ref);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    return ref;
  }

  /** A client that retries with its Idempotency-Key gets the first answer again, however many retries overlap. */
  @Test
  void retriesOfOneWithdrawalWithItsIdempotencyKeyAllGetTheOneAnswer() {
    String ref = proposeInEngineering("Yellowhammer Ceramics Ltd");
    String key = "withdraw-" + ref;
    Http http = new Http(port);

    List<Reply> replies = Race.run(RUNNERS, runner -> http.post("/api/cases/" + ref + "/withdrawal", REQUESTER,
        Map.of("reason", "Partner left."), Map.of("Idempotency-Key", key)));

    assertThat(replies).as(replies.toString()).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
    assertThat(replies.stream().map(Reply::body).distinct()).hasSize(1);
    assertThat(replies.stream().filter(reply -> "true".equals(reply.header("Idempotent-Replayed"))))
        .as("one ran, the others were given its answer").hasSize(RUNNERS - 1);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.WITHDRAWAL_PROCESS).variableValueEquals(CASE_REFERENCE.name(), ref)
        .count()).isEqualTo(1);
  }

  /**
   * Drafts uploaded at once while the requester's task asks for one are each a new version (every
   * version is kept, as the README says): all are stored, numbered one after another, none twice.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void eightDraftsUploadedAtOnceAreEightVersionsNumberedOnce(Route route) {
    String ref = awaitingDraft("Bunting Membranes Ltd " + route);
    List<Route.Caller> devices = signedIn(route, runner -> REQUESTER, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> devices.get(runner).postFile("/api/cases/" + ref + "/mou/drafts",
        Map.of("changeNote", "Draft from device " + runner), "draft-" + runner + ".pdf",
        Agreements.pdf("Draft " + runner)));

    assertThat(replies).as(replies.toString()).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));
    assertThat(replies.stream().map(reply -> reply.json().path("version").asInt()))
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, RUNNERS).boxed().toList());
    assertThat(draftVersions(ref)).containsExactlyElementsOf(IntStream.rangeClosed(1, RUNNERS).boxed().toList());
  }

  /**
   * Uploads racing the requester's own "draft provided": the task is completed once; an upload is
   * either stored before it (and the latest of those is the draft legal reviews) or refused with a
   * 409 and stores nothing. No draft lands after legal has started.
   */
  @ParameterizedTest
  @MethodSource("routes")
  void uploadsRacingTheDraftHandInAreStoredBeforeItOrRefusedWhole(Route route) {
    String ref = awaitingDraft("Dipper Membranes Ltd " + route);
    Reply first = as(route, REQUESTER).postFile("/api/cases/" + ref + "/mou/drafts", Map.of(), "first.pdf",
        Agreements.pdf("First draft"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Task provideDraft = cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT);
    String task = provideDraft.getId();
    List<Route.Caller> devices = signedIn(route, runner -> REQUESTER, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> runner % 2 == 0
        ? devices.get(runner).post("/task/" + task + "/submit-form", Map.of("variables", Map.of()))
        : devices.get(runner).postFile("/api/cases/" + ref + "/mou/drafts", Map.of(), "late-" + runner + ".pdf",
            Agreements.pdf("Draft " + runner)));
    cases.runJobsOf(ref);

    List<Reply> handIns = IntStream.range(0, RUNNERS).filter(runner -> runner % 2 == 0).mapToObj(replies::get).toList();
    List<Reply> uploads = IntStream.range(0, RUNNERS).filter(runner -> runner % 2 == 1).mapToObj(replies::get).toList();
    oneWinner(handIns);
    long stored = uploads.stream().filter(reply -> reply.status() == 201).count();
    uploads.stream().filter(reply -> reply.status() != 201).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    List<Integer> versions = draftVersions(ref);
    assertThat(versions).as("the first and each upload that was accepted, nothing else")
        .hasSize(1 + (int) stored);
    assertThat(String.valueOf(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(provideDraft.getProcessInstanceId()).variableName(MouReviewProcess.LATEST_DRAFT.name())
        .singleResult().getValue()))
        .as("legal reviews the latest draft stored").startsWith("Version " + versions.get(versions.size() - 1) + ":");
    assertThat(cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT)).isNull();
  }

  /** The same for the signed copy: stored before the requester's "signed copy provided", or refused whole. */
  @ParameterizedTest
  @MethodSource("routes")
  void signedCopiesRacingTheirHandInAreStoredBeforeItOrRefusedWhole(Route route) {
    String ref = awaitingSignedCopy("Pipit Membranes Ltd " + route);
    String signedPath = "/api/cases/" + ref + "/mou/signed";
    Reply first = as(route, REQUESTER).postFile(signedPath, Map.of("expiresOn", "2031-03-31"), "signed.pdf",
        Agreements.pdf("Signed"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Task uploadSigned = cases.openTask(ref, MouReviewProcess.UPLOAD_SIGNED);
    List<Route.Caller> devices = signedIn(route, runner -> REQUESTER, true);

    List<Reply> replies = Race.run(RUNNERS, runner -> runner % 2 == 0
        ? devices.get(runner).post("/task/" + uploadSigned.getId() + "/submit-form", Map.of("variables", Map.of()))
        : devices.get(runner).postFile(signedPath, Map.of("expiresOn", "2031-03-31"), "signed-" + runner + ".pdf",
            Agreements.pdf("Signed " + runner)));
    cases.runJobsOf(ref);

    oneWinner(IntStream.range(0, RUNNERS).filter(runner -> runner % 2 == 0).mapToObj(replies::get).toList());
    List<Reply> uploads = IntStream.range(0, RUNNERS).filter(runner -> runner % 2 == 1).mapToObj(replies::get).toList();
    uploads.stream().filter(reply -> reply.status() != 201).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    List<Integer> versions = documentVersions(ref, "SIGNED");
    assertThat(versions).as("the first and each upload that was accepted, nothing else")
        .hasSize(1 + (int) uploads.stream().filter(reply -> reply.status() == 201).count());
    assertThat(String.valueOf(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(uploadSigned.getProcessInstanceId()).variableName(MouReviewProcess.SIGNED_COPY.name())
        .singleResult().getValue()))
        .as("the signed copy on record is the latest stored").startsWith("Version " + versions.get(versions.size() - 1) + ":");
  }

  @ParameterizedTest
  @MethodSource("routes")
  void aLateDecisionIsToldWhoDecidedAndWhen(Route route) {
    String ref = proposeInEngineering("Dunlin Instruments Ltd " + route);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    assertThat(as(route, approvers.get(1)).post("/task/" + task + "/complete", approval()).status()).isEqualTo(204);

    for (String command : List.of("/complete", "/submit-form", "/claim")) {
      Reply late = as(route, approvers.get(2)).post("/task/" + task + command,
          command.equals("/claim") ? Map.of("userId", approvers.get(2)) : approval());
      conflictToldAsPeopleSayIt(late);
      assertThat(late.json().path("message").asText()).as(command)
          .matches("“Review as head of department” was decided by Head Number 2 at \\d\\d:\\d\\d; reload to see the case\\.");
    }
  }

  @Test
  void someoneWhoCouldNeverWorkTheTaskLearnsNothingWhenResolvingIt() {
    String ref = proposeInEngineering("Shelduck Photonics Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    Route route = routes().get(0);

    Reply outsider = as(route, "omar").post("/task/" + task + "/resolve", Map.of("variables", Map.of()));
    Reply candidate = as(route, approvers.get(4)).post("/task/" + task + "/resolve", Map.of("variables", Map.of()));

    assertThat(outsider.status()).as(outsider.body()).isIn(403, 404);
    assertThat(candidate.status()).as("a task nobody delegated is not resolved").isEqualTo(409);
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_RESOLVE).count()).isZero();
  }

  @Test
  void someoneWhoCouldNeverWorkTheTaskLearnsNothingAboutWhoDecidedIt() {
    String ref = proposeInEngineering("Sanderling Photonics Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    Route route = routes().get(0);
    assertThat(as(route, approvers.get(3)).post("/task/" + task + "/complete", approval()).status()).isEqualTo(204);

    Reply outsider = as(route, "omar").post("/task/" + task + "/complete", approval());
    assertThat(outsider.status()).isEqualTo(404);
    assertThat(outsider.body()).doesNotContain("Head Number");
  }

  // ---- what the races are judged by

  /** Exactly one 2xx among the replies, every other a 409 as people say it; returns the winner's. */
  static Reply oneWinner(List<Reply> replies) {
    List<Reply> won = replies.stream().filter(reply -> reply.status() / 100 == 2).toList();
    assertThat(won).as(replies.toString()).hasSize(1);
    lost(replies).forEach(ConcurrentDecisions::conflictToldAsPeopleSayIt);
    assertThat(lost(replies)).hasSize(replies.size() - 1);
    return won.get(0);
  }

  static List<Reply> lost(List<Reply> replies) {
    return replies.stream().filter(reply -> reply.status() / 100 != 2).toList();
  }

  /** What the runners whose reply was a success asked for. */
  static Set<String> winnersOf(List<Reply> replies, Function<Integer, String> asked) {
    Set<String> winners = new HashSet<>();
    for (int runner = 0; runner < replies.size(); runner++) {
      if (replies.get(runner).status() / 100 == 2) {
        winners.add(asked.apply(runner));
      }
    }
    return winners;
  }

  static void conflictToldAsPeopleSayIt(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(reply.json().path("type").asText()).isEqualTo(TaskConflicts.TYPE);
    assertThat(reply.json().path("message").asText()).as("no engine text")
        .doesNotContain("ENGINE-", "OptimisticLocking", "Exception", "Cannot", "null", "SQL", "deadlock", "\tat ")
        .contains("reload");
  }

  List<String> mailsAbout(String ref) {
    return jdbc.queryForList("select subject from tr_notification_outbox where case_reference = ? order by subject",
        String.class, ref);
  }

  /** The e-mails a case decided by one caller sent, as they would read for another case. */
  List<String> mailsAsFor(String baseline, String ref) {
    return mailsAbout(baseline).stream().map(subject -> subject.replace(baseline, ref)).toList();
  }

  static boolean added(HistoricIdentityLinkLog link) {
    return "add".equals(link.getOperationType());
  }

  static boolean removed(HistoricIdentityLinkLog link) {
    return "delete".equals(link.getOperationType());
  }

  List<HistoricIdentityLinkLog> assigneeLinks(String task, java.util.function.Predicate<HistoricIdentityLinkLog> which) {
    return engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task)
        .type(IdentityLinkType.ASSIGNEE).list().stream().filter(which).toList();
  }

  List<HistoricVariableUpdate> variableUpdates(String ref, String task, String variable) {
    return engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list().stream()
        .filter(detail -> task.equals(detail.getTaskId()) || ref.equals(caseOf(detail.getProcessInstanceId())))
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> variable.equals(update.getVariableName()))
        .toList();
  }

  /** A case (with an agreement) whose sign-off is done and whose requester's task asks for a draft. */
  String awaitingDraft(String partner) {
    String ref = proposeInEngineering(partner, true);
    cases.approve(approvers.get(0), ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    cases.runJobsOf(ref);
    assertThat(cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT)).as("the requester is asked for a draft").isNotNull();
    return ref;
  }

  /** A case whose agreement legal cleared, and whose requester's task asks for the signed copy. */
  String awaitingSignedCopy(String partner) {
    String ref = awaitingDraft(partner);
    Reply draft = new Http(port).postFile("/api/cases/" + ref + "/mou/drafts", REQUESTER, Map.of(), "draft.pdf",
        Agreements.pdf("Draft"));
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    Task provide = cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT);
    cases.as(REQUESTER, () -> engine.getTaskService().complete(provide.getId()));
    cases.runJobsOf(ref);
    Task review = cases.openTask(ref, MouReviewProcess.REVIEW_CLAUSES);
    @SuppressWarnings("unchecked")
    List<String> required = (List<String>) engine.getRuntimeService()
        .getVariable(review.getProcessInstanceId(), MouReviewProcess.REQUIRED_CLAUSES);
    String checks = required.stream().map(clause -> "\"" + clause + "\": {\"status\": \"PRESENT\"}")
        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    Map<String, Object> clearing = new java.util.HashMap<>();
    clearing.put(MouReviewProcess.CLAUSE_CHECKS, org.camunda.spin.plugin.variable.SpinValues.jsonValue(checks).create());
    clearing.put(MouReviewProcess.LEGAL_DECISION.name(), "CLEAR");
    cases.as("leila", () -> {
      engine.getTaskService().claim(review.getId(), "leila");
      engine.getTaskService().complete(review.getId(), clearing);
    });
    cases.runJobsOf(ref);
    assertThat(cases.openTask(ref, MouReviewProcess.UPLOAD_SIGNED)).as("the requester is asked for the signed copy")
        .isNotNull();
    return ref;
  }

  List<Integer> draftVersions(String ref) {
    return documentVersions(ref, "DRAFT");
  }

  List<Integer> documentVersions(String ref, String kind) {
    return jdbc.queryForList("select d.version from tr_mou_document d join tr_mou_review r on r.id = d.review_id "
        + "where r.case_reference = ? and d.kind = ? order by d.version", Integer.class, ref, kind);
  }

  String caseInstance(String ref) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getId();
  }

  String caseOf(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getBusinessKey();
  }
}
