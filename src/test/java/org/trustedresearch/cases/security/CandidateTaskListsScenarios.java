package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * Candidate task lists asked with the candidacy as EXISTS ({@link CandidateTaskLists}) find exactly the tasks,
 * in the same order and pages, and the same counts, as the engine's own statement, for users within and
 * outside their candidacy, with grants, missing grants and revocations mixed over a few hundred tasks.
 */
abstract class CandidateTaskListsScenarios {

  static final int TASKS = 300;
  static final String NAME = "Candidate list task ";
  /** Users and their groups: within their candidacy, outside it, and one with revoking authorizations. */
  static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    USERS.put("ctl-user", List.of("ctl-a", "ctl-b"));
    USERS.put("ctl-outsider", List.of("ctl-c"));
    USERS.put("ctl-revoked", List.of("ctl-a"));
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  AuthorizationService authorizations;

  @BeforeEach
  void someHundredTasksWithMixedCandidacyAndGrants() {
    TaskService tasks = engine.getTaskService();
    if (tasks.createTaskQuery().taskNameLike(NAME + "%").count() > 0) {
      return;
    }
    Date start = ClockUtil.getCurrentTime();
    try {
      for (int i = 0; i < TASKS; i++) {
        ClockUtil.setCurrentTime(new Date(start.getTime() - (TASKS - i) * 60_000L));
        Task task = tasks.newTask();
        task.setName(NAME + i);
        task.setPriority(i % 5 * 25);
        task.setDueDate(new Date(start.getTime() + (i % 7 - 3) * 86_400_000L));
        if (i % 3 == 0) {
          task.setAssignee(i % 2 == 0 ? "ctl-user" : "ctl-other");
        }
        tasks.saveTask(task);
        offer(task.getId(), i);
        grant(task.getId(), i);
      }
    } finally {
      PinnedClock.restore();
    }
  }

  /** One group, two groups, a group and a user, a user alone, or no candidate at all. */
  void offer(String task, int i) {
    TaskService tasks = engine.getTaskService();
    switch (i % 6) {
      case 0 -> tasks.addCandidateGroup(task, "ctl-a");
      case 1 -> {
        tasks.addCandidateGroup(task, "ctl-a");
        tasks.addCandidateGroup(task, "ctl-b");
      }
      case 2 -> tasks.addCandidateGroup(task, "ctl-b");
      case 3 -> {
        tasks.addCandidateGroup(task, "ctl-c");
        tasks.addCandidateUser(task, "ctl-user");
      }
      case 4 -> tasks.addCandidateUser(task, "ctl-outsider");
      default -> {
      }
    }
  }

  /** Besides the engine's own grants to candidates and assignees: some taken away, some given, some revoked. */
  void grant(String task, int i) {
    if (i % 7 == 0) {
      authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task).groupIdIn("ctl-a").list()
          .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    }
    if (i % 5 == 0 && i % 6 != 4) {
      save(Authorization.AUTH_TYPE_GRANT, "ctl-outsider", task, true);
    }
    if (i % 11 == 0) {
      save(Authorization.AUTH_TYPE_REVOKE, "ctl-revoked", task, false);
    }
  }

  void save(int type, String user, String task, boolean read) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setUserId(user);
    authorization.setResource(Resources.TASK);
    authorization.setResourceId(task);
    if (read) {
      authorization.addPermission(Permissions.READ);
    } else {
      authorization.removePermission(Permissions.READ);
    }
    authorizations.saveAuthorization(authorization);
  }

  /** The queries Tasklist, engine REST and Java ask for candidate lists, and some that must keep the engine's statement. */
  Map<String, Supplier<TaskQuery>> queries() {
    TaskService tasks = engine.getTaskService();
    Date now = ClockUtil.getCurrentTime();
    Map<String, Supplier<TaskQuery>> queries = new LinkedHashMap<>();
    queries.put("a group, newest first", () -> tasks.createTaskQuery().taskCandidateGroup("ctl-a")
        .orderByTaskCreateTime().desc());
    queries.put("two groups with assigned tasks (Tasklist's group filter)", () -> tasks.createTaskQuery()
        .taskCandidateGroupIn(List.of("ctl-a", "ctl-b")).includeAssignedTasks().orderByTaskCreateTime().desc());
    queries.put("a candidate user", () -> tasks.createTaskQuery().taskCandidateUser("ctl-user")
        .orderByTaskCreateTime().asc());
    queries.put("a candidate user with assigned tasks", () -> tasks.createTaskQuery().taskCandidateUser("ctl-user")
        .includeAssignedTasks().orderByTaskCreateTime().desc());
    queries.put("a group pattern", () -> tasks.createTaskQuery().taskCandidateGroupLike("ctl-%")
        .taskNameLike(NAME + "%").orderByTaskCreateTime().desc());
    queries.put("with candidate groups", () -> tasks.createTaskQuery().withCandidateGroups()
        .taskNameLike(NAME + "%").orderByTaskCreateTime().desc());
    queries.put("with candidate users, assigned too", () -> tasks.createTaskQuery().withCandidateUsers()
        .includeAssignedTasks().taskNameLike(NAME + "%").orderByTaskCreateTime().desc());
    queries.put("a group, due before now, by priority", () -> tasks.createTaskQuery().taskCandidateGroup("ctl-b")
        .dueBefore(now).orderByTaskPriority().desc().orderByTaskCreateTime().desc());
    queries.put("a group or another assignee", () -> {
      TaskQuery query = tasks.createTaskQuery().taskCandidateGroup("ctl-a").includeAssignedTasks();
      query.or().taskAssignee("ctl-other").taskPriority(50).endOr();
      return query.orderByTaskCreateTime().desc();
    });
    queries.put("a candidacy in an or branch", () -> tasks.createTaskQuery().taskNameLike(NAME + "%")
        .or().taskCandidateGroup("ctl-b").taskAssignee("ctl-user").endOr().orderByTaskCreateTime().desc());
    queries.put("a group and an involved user", () -> tasks.createTaskQuery().taskCandidateGroup("ctl-a")
        .taskInvolvedUser("ctl-outsider").orderByTaskCreateTime().desc());
    queries.put("another user's group", () -> tasks.createTaskQuery().taskCandidateGroup("ctl-c")
        .orderByTaskCreateTime().desc());
    return queries;
  }

  @Test
  void everyCandidateListAndCountIsTheEnginesOwn() {
    int compared = 0;
    List<String> users = new ArrayList<>(USERS.keySet());
    users.add(null);
    for (String user : users) {
      for (Map.Entry<String, Supplier<TaskQuery>> query : queries().entrySet()) {
        for (Page page : List.of(new Page(0, 1000), new Page(0, 50), new Page(17, 15))) {
          String what = query.getKey() + " as " + user + " at " + page.getFirstResult();
          List<String> ours = as(user, () -> ids(query.getValue().get().listPage(page.getFirstResult(),
              page.getMaxResults())));
          List<String> engines = as(user, () -> engine(context -> {
            TaskQueryImpl stock = (TaskQueryImpl) query.getValue().get();
            stock.setFirstResult(page.getFirstResult());
            stock.setMaxResults(page.getMaxResults());
            return ids(stock.executeList(context, page));
          }));
          assertThat(ours).as(what).containsExactlyElementsOf(engines);
          compared += ours.size();
        }
        long count = as(user, () -> query.getValue().get().count());
        long enginesCount = as(user, () -> engine(context -> ((TaskQueryImpl) query.getValue().get())
            .executeCount(context)));
        assertThat(count).as(query.getKey() + " counted as " + user).isEqualTo(enginesCount);
      }
    }
    assertThat(compared).as("tasks compared").isGreaterThan(TASKS);
  }

  @Test
  void theCandidacyIsAskedAsExistsWhereTheAnswersAreTheSame() {
    assertThat(lifts("ctl-user", "a group, newest first")).isTrue();
    assertThat(lifts("ctl-user", "two groups with assigned tasks (Tasklist's group filter)")).isTrue();
    assertThat(lifts("ctl-user", "a candidate user")).isTrue();
    assertThat(lifts(null, "a group or another assignee")).isTrue();
    assertThat(lifts("ctl-revoked", "a group, newest first")).as("revocations are checked without a join").isTrue();

    assertThat(lifts(null, "a candidacy in an or branch")).isFalse();
    assertThat(lifts(null, "a group and an involved user")).isFalse();
    assertThat(lifts("ctl-user", "another user's group")).as("the engine joins the user's grants").isFalse();
    assertThat(lifts("ctl-user", "a group or another assignee")).as("the engine joins the user's grants").isFalse();
  }

  boolean lifts(String user, String query) {
    return as(user, () -> commands(engine).execute(context -> ((CandidateTaskLists.Tasks) context.getTaskManager())
        .lifts((TaskQueryImpl) queries().get(query).get())));
  }

  <T> T engine(Command<T> command) {
    return withEnginesStatement(engine, command);
  }

  /** The engine's own statement: its task manager, in place of the one the engine is configured with. */
  static <T> T withEnginesStatement(ProcessEngine engine, Command<T> command) {
    return commands(engine).execute(context -> {
      context.getSessions().put(TaskManager.class, new TaskManager());
      return command.execute(context);
    });
  }

  static CommandExecutor commands(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
  }

  <T> T as(String user, Supplier<T> work) {
    return user == null ? work.get() : as(engine, user, USERS.get(user), work);
  }

  static <T> T as(ProcessEngine engine, String user, List<String> groups, Supplier<T> work) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
