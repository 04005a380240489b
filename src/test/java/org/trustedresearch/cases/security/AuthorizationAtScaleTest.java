package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;

/**
 * A reviewer's task list, which skips the engine's per-row authorization join when the query is
 * within their own candidacy, lists exactly the tasks the engine's grants let them read.
 */
@CaseManagementTest
class AuthorizationAtScaleTest {

  static final List<String> HANNAH = List.of("hod-physics", "dept-physics");

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  AuthorizationService authorizations;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
  }

  List<String> listed(String path, String user) {
    Reply reply = http.get(path, user);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().forEach(task -> ids.add(task.path("id").asText()));
    return ids;
  }

  /** The tasks of a group that the engine's own check lets the user read, newest first. */
  List<String> readableByEngineGrants(String user, List<String> groups, String candidateGroup) {
    return engine.getTaskService().createTaskQuery().taskCandidateGroup(candidateGroup)
        .orderByTaskCreateTime().desc().list().stream()
        .filter(task -> authorizations.isUserAuthorized(user, groups, Permissions.READ, Resources.TASK, task.getId()))
        .map(Task::getId).toList();
  }

  @Test
  void aHeadOfDepartmentsGroupListHoldsExactlyTheTasksTheEngineGrantsThemToRead() {
    String physics = cases.propose("rachel", Cases.lowRiskProposal("Tamsin Lasers Ltd"));
    Task review = cases.openTask(physics, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());

    List<String> listed = listed("/engine-rest/task?candidateGroup=hod-physics&sortBy=created&sortOrder=desc"
        + "&maxResults=2000", "hannah");

    assertThat(listed).contains(review.getId());
    assertThat(listed).containsExactlyElementsOf(readableByEngineGrants("hannah", HANNAH, "hod-physics"));
  }

  @Test
  void anotherGroupsListKeepsTheEnginesFullCheck() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Ulvik Compute AS");
    proposal.put(CollaborationCase.DEPARTMENT.name(), "computer-science");
    String computing = cases.propose("omar", proposal);
    Task review = cases.openTask(computing, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());

    assertThat(listed("/engine-rest/task?candidateGroup=hod-computer-science&maxResults=2000", "hannah"))
        .doesNotContain(review.getId()).isEmpty();
    assertThat(listed("/engine-rest/task?candidateUser=charles&maxResults=2000", "hannah")).isEmpty();
    assertThat(listed("/engine-rest/task?candidateGroup=hod-computer-science&maxResults=2000", "charles"))
        .contains(review.getId());
    assertThat(listed("/engine-rest/task?candidateGroup=hod-computer-science&maxResults=2000", "sam"))
        .as("the research office reads every collaboration task by its grant on the process")
        .contains(review.getId());
  }

  @Test
  void aTaskRevokedFromAReviewerLeavesTheirListEvenWithinTheirCandidacy() {
    String physics = cases.propose("rachel", Cases.lowRiskProposal("Varden Optics Ltd"));
    Task review = cases.openTask(physics, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("hannah");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(review.getId());
    revoke.removePermission(Permissions.READ);
    authorizations.saveAuthorization(revoke);
    try {
      assertThat(listed("/engine-rest/task?candidateGroup=hod-physics&maxResults=2000", "hannah"))
          .doesNotContain(review.getId());
      assertThat(listed("/engine-rest/task?assignee=hannah&maxResults=2000", "hannah")).doesNotContain(review.getId());
    } finally {
      authorizations.deleteAuthorization(revoke.getId());
    }
    assertThat(listed("/engine-rest/task?candidateGroup=hod-physics&maxResults=2000", "hannah"))
        .contains(review.getId());
  }

  @Test
  void onlyQueriesWithinTheUsersOwnCandidacyOrAssignmentSkipTheJoin() {
    assertThat(within(new TaskQueryImpl().taskCandidateGroup("hod-physics"),
        "hannah", HANNAH)).isTrue();
    assertThat(within(
        new TaskQueryImpl().taskCandidateGroupIn(List.of("hod-physics", "dept-physics")).includeAssignedTasks(),
        "hannah", HANNAH)).isTrue();
    assertThat(within(new TaskQueryImpl().taskAssignee("hannah"), "hannah", HANNAH))
        .isTrue();

    assertThat(within(new TaskQueryImpl().taskCandidateGroup("legal"),
        "hannah", HANNAH)).isFalse();
    assertThat(within(
        new TaskQueryImpl().taskCandidateGroupIn(List.of("hod-physics", "legal")), "hannah", HANNAH)).isFalse();
    assertThat(within(new TaskQueryImpl().taskAssignee("leila"), "hannah", HANNAH))
        .isFalse();
    assertThat(within(new TaskQueryImpl().taskCandidateGroupLike("hod-%"),
        "hannah", HANNAH)).isFalse();
    assertThat(within(new TaskQueryImpl().withCandidateGroups(), "hannah", HANNAH))
        .isFalse();
    assertThat(within(new TaskQueryImpl().dueBefore(ClockUtil.getCurrentTime()),
        "hannah", HANNAH)).isFalse();
    TaskQueryImpl either = new TaskQueryImpl();
    either.taskCandidateGroup("hod-physics").or().taskAssignee("leila").endOr();
    assertThat(AuthorizationAtScale.withinOwnCandidacy(either, "hannah", HANNAH)).isFalse();
  }

  static boolean within(TaskQuery query, String user, List<String> groups) {
    return AuthorizationAtScale.withinOwnCandidacy((TaskQueryImpl) query, user, groups);
  }
}
