package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.support.EngineStatements;
import org.trustedresearch.cases.support.PostgresTest;

/**
 * Candidate task lists on PostgreSQL: the same answers as the engine's statement, and a page of a group's
 * newest tasks found by walking the tasks' creation index down to the page, where the engine's statement
 * sorts all of the group's tasks (and their identity links) first.
 */
@PostgresTest
class CandidateTaskListsOnPostgresTest extends CandidateTaskListsScenarios {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aGroupsNewestTasksAreReadFromTheCreationIndexUpToThePage() {
    EngineStatements.Statement ours = EngineStatements.only(engine, "CandidateTasks.selectTasks",
        () -> as("ctl-user", () -> queries().get("a group, newest first").get().listPage(0, 50)));
    EngineStatements.Statement stock = EngineStatements.only(engine, "selectTaskByQueryCriteria",
        () -> as("ctl-user", () -> engine(context -> {
          TaskQueryImpl query = (TaskQueryImpl) queries().get("a group, newest first").get();
          query.setMaxResults(50);
          return query.executeList(context, null);
        })));

    assertThat(plan(ours)).contains("Limit").contains("Index Scan Backward using act_idx_task_create")
        .doesNotContain("Sort");
    assertThat(plan(stock)).as("the engine's own statement").contains("Sort");
  }

  /** The plan of a statement with sorting priced out: it shows whether an index can give the order at all. */
  String plan(EngineStatements.Statement statement) {
    return jdbc.execute((ConnectionCallback<String>) connection -> {
      List<String> lines = new ArrayList<>();
      try (Statement settings = connection.createStatement()) {
        settings.execute("set enable_sort = off");
        settings.execute("set enable_incremental_sort = off");
        try (PreparedStatement explain = connection.prepareStatement("explain " + statement.sql())) {
          for (int i = 0; i < statement.values().size(); i++) {
            Object value = statement.values().get(i);
            explain.setObject(i + 1, value instanceof Date date ? new Timestamp(date.getTime()) : value);
          }
          try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
              lines.add(rows.getString(1));
            }
          }
        } finally {
          settings.execute("reset enable_sort");
          settings.execute("reset enable_incremental_sort");
        }
      }
      return String.join("\n", lines);
    });
  }
}
