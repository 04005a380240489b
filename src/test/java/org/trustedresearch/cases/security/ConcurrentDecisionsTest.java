package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Race;

/**
 * Eight heads of department share one review queue and act on the same review at the same moment,
 * through engine REST and through Tasklist's API: one of them wins, the others are told who did.
 */
@CaseManagementTest
class ConcurrentDecisionsTest {

  static final int APPROVERS = 8;
  static final String DEPARTMENT_SHARED = "engineering";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  Cases cases;
  List<String> approvers;

  @BeforeEach
  void eightHeadsOfEngineeringShareTheReviewQueue() {
    cases = new Cases(engine);
    approvers = IntStream.rangeClosed(1, APPROVERS).mapToObj(number -> "engineeringhead" + number).toList();
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
  }

  String proposeInEngineering(String partner) {
    Map<String, Object> proposal = Cases.lowRiskProposal(partner);
    proposal.put(DEPARTMENT.name(), DEPARTMENT_SHARED);
    // the requester must belong to the department the case is filed under
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    return cases.propose(TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS, proposal);
  }

  static Map<String, Object> approval() {
    return Map.of("variables", Http.variables(Map.of(HEAD_OF_DEPARTMENT.decision().name(), "APPROVE")));
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void eightHeadsCompletingOneReviewAtOnceGiveOneDecisionAndSevenConflicts(Route route) {
    raceToDecide(route, "/complete", "Osprey Coatings Ltd", "Plover Coatings Ltd");
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void eightHeadsSubmittingOneReviewFormAtOnceGiveOneDecisionAndSevenConflicts(Route route) {
    raceToDecide(route, "/submit-form", "Heron Optics Ltd", "Curlew Optics Ltd");
  }

  void raceToDecide(Route route, String command, String partner, String baselinePartner) {
    String baseline = proposeInEngineering(baselinePartner);
    Task baselineTask = cases.openTask(baseline, HEAD_OF_DEPARTMENT.taskId());
    assertThat(route.as(port, approvers.get(0)).post("/task/" + baselineTask.getId() + command, approval()).status())
        .isIn(200, 204);
    cases.runJobsOf(baseline);

    String ref = proposeInEngineering(partner);
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    approvers.forEach(approver -> route.as(port, approver)); // signed in before the race starts

    List<Reply> replies = Race.run(APPROVERS, runner ->
        route.as(port, approvers.get(runner)).post("/task/" + task + command, approval()));
    cases.runJobsOf(ref);

    List<Reply> won = replies.stream().filter(reply -> reply.status() / 100 == 2).toList();
    assertThat(won).as(replies.toString()).hasSize(1);
    String winner = approvers.get(replies.indexOf(won.get(0)));
    List<Reply> lost = replies.stream().filter(reply -> reply.status() / 100 != 2).toList();
    assertThat(lost).hasSize(APPROVERS - 1);
    lost.forEach(reply -> conflictToldAsPeopleSayIt(reply));
    assertThat(lost).as("who won is named to those who lost after the decision")
        .allSatisfy(reply -> assertThat(reply.json().path("message").asText())
            .satisfiesAnyOf(message -> assertThat(message).contains("was decided by Head Number "
                    + winner.substring("engineeringhead".length()) + " at "),
                message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));

    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey(HEAD_OF_DEPARTMENT.taskId()).count()).as("one review task, decided once").isEqualTo(1);
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list().stream()
        .filter(detail -> task.equals(detail.getTaskId()) || ref.equals(caseOf(detail.getProcessInstanceId())))
        .filter(detail -> HEAD_OF_DEPARTMENT.decision().name().equals(
            ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())))
        .as("the decision was written once").hasSize(1);
    assertThat(cases.outcome(ref)).isEqualTo(cases.outcome(baseline));
    assertThat(mailsAbout(ref)).as("the same e-mails as one decision sends, once each")
        .isEqualTo(mailsAbout(baseline).stream().map(subject -> subject.replace(baseline, ref)).toList());
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void eightHeadsClaimingOneReviewAtOnceGiveItToOneAndTellTheOthersWho(Route route) {
    String ref = proposeInEngineering("Avocet Materials Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    approvers.forEach(approver -> route.as(port, approver));

    List<Reply> replies = Race.run(APPROVERS, runner -> route.as(port, approvers.get(runner))
        .post("/task/" + task + "/claim", Map.of("userId", approvers.get(runner))));

    List<Reply> won = replies.stream().filter(reply -> reply.status() == 204).toList();
    assertThat(won).as(replies.toString()).hasSize(1);
    String winner = approvers.get(replies.indexOf(won.get(0)));
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getAssignee()).isEqualTo(winner);
    List<Reply> lost = replies.stream().filter(reply -> reply.status() != 204).toList();
    assertThat(lost).hasSize(APPROVERS - 1);
    lost.forEach(reply -> conflictToldAsPeopleSayIt(reply));
    assertThat(lost).allSatisfy(reply -> assertThat(reply.json().path("message").asText())
        .satisfiesAnyOf(message -> assertThat(message).contains("was just taken by Head Number "
                + winner.substring("engineeringhead".length())),
            message -> assertThat(message).isEqualTo(TaskConflicts.CHANGED_BY_SOMEONE_ELSE)));
  }

  /**
   * Reassigning, delegating, giving back and writing a task's variables replace what was there, as
   * Camunda means them to; at the same moment they never fail with 500: each one either takes effect
   * or is told that someone else changed the task.
   */
  @ParameterizedTest
  @EnumSource(Route.class)
  void simultaneousReassignmentsDelegationsAndVariableWritesEndInChangesOrConflictsNeverErrors(Route route) {
    String ref = proposeInEngineering("Godwit Sensors Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    approvers.forEach(approver -> route.as(port, approver));
    cases.as(approvers.get(0), () -> engine.getTaskService().claim(task, approvers.get(0)));

    List<Reply> replies = Race.run(APPROVERS, runner -> {
      Route.Caller caller = route.as(port, approvers.get(runner));
      return switch (runner % 4) {
        case 0 -> caller.post("/task/" + task + "/assignee", Map.of("userId", approvers.get(runner)));
        case 1 -> caller.post("/task/" + task + "/delegate", Map.of("userId", approvers.get(runner)));
        case 2 -> caller.post("/task/" + task + "/unclaim", Map.of());
        default -> caller.post("/task/" + task + "/variables", Map.of("modifications",
            Http.variables(Map.of(HEAD_OF_DEPARTMENT.comment().name(), "Checked by " + approvers.get(runner)))));
      };
    });

    assertThat(replies).as(replies.toString()).anySatisfy(reply -> assertThat(reply.status()).isEqualTo(204));
    assertThat(replies).allSatisfy(reply -> {
      if (reply.status() != 204) {
        conflictToldAsPeopleSayIt(reply);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void aLateDecisionIsToldWhoDecidedAndWhen(Route route) {
    String ref = proposeInEngineering("Dunlin Instruments Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    assertThat(route.as(port, approvers.get(1)).post("/task/" + task + "/complete", approval()).status()).isEqualTo(204);

    for (String command : List.of("/complete", "/submit-form", "/claim")) {
      Reply late = route.as(port, approvers.get(2)).post("/task/" + task + command,
          command.equals("/claim") ? Map.of("userId", approvers.get(2)) : approval());
      conflictToldAsPeopleSayIt(late);
      assertThat(late.json().path("message").asText()).as(command)
          .matches("“Review as head of department” was decided by Head Number 2 at \\d\\d:\\d\\d; reload to see the case\\.");
    }
  }

  @Test
  void someoneWhoCouldNeverWorkTheTaskLearnsNothingAboutWhoDecidedIt() {
    String ref = proposeInEngineering("Sanderling Photonics Ltd");
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    assertThat(new Http(port).post("/engine-rest/task/" + task + "/complete", approvers.get(3), approval()).status())
        .isEqualTo(204);

    Reply outsider = new Http(port).post("/engine-rest/task/" + task + "/complete", "omar", approval());
    assertThat(outsider.status()).isEqualTo(404);
    assertThat(outsider.body()).doesNotContain("Head Number");
  }

  static void conflictToldAsPeopleSayIt(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(reply.json().path("type").asText()).isEqualTo(TaskConflicts.TYPE);
    assertThat(reply.json().path("message").asText()).as("no engine text")
        .doesNotContain("ENGINE-", "OptimisticLocking", "Exception", "Cannot", "null")
        .contains("reload");
  }

  List<String> mailsAbout(String ref) {
    return jdbc.queryForList("select subject from tr_notification_outbox where case_reference = ? order by subject",
        String.class, ref);
  }

  String caseOf(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getBusinessKey();
  }
}
