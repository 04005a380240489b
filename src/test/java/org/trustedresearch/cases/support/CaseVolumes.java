package org.trustedresearch.cases.support;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Many cases at once, shaped exactly like the engine's own: a case the engine really ran (its
 * executions, tasks, identity links, variables, jobs, history and every authorization the engine and
 * the project granted for it) is copied in bulk SQL, {@code copies} times. Every engine id in a copy
 * carries the copy's number (see {@link #renamed}), so ids stay unique and references consistent; the case
 * reference becomes {@code <reference>-<copy>}; the requester becomes one of
 * {@value #RESEARCHERS} researchers (the original requester keeps every {@value #RESEARCHERS}th
 * copy); times move back by {@value #SECONDS_APART} seconds a copy, so that the copies spread over
 * weeks. Ids that name a definition, a deployment or a stored byte array are shared, as the engine
 * shares them. Activity instance history (Cockpit's diagrams) is not copied: no list a reviewer or
 * the case list runs reads it, and it would double the time the copy takes.
 */
public final class CaseVolumes {

  public static final int RESEARCHERS = 2_000;
  static final int SECONDS_APART = 50;

  /** Engine tables of a case, each with how to find the rows of the case's process instances ({@code :ids}). */
  private static final List<Map.Entry<String, String>> ENGINE_TABLES = List.of(
      Map.entry("act_ru_execution", "proc_inst_id_ in (:ids)"),
      Map.entry("act_ru_task", "proc_inst_id_ in (:ids)"),
      Map.entry("act_ru_identitylink", "task_id_ in (select id_ from act_ru_task where proc_inst_id_ in (:ids))"),
      Map.entry("act_ru_variable", "proc_inst_id_ in (:ids)"),
      Map.entry("act_ru_job", "process_instance_id_ in (:ids)"),
      Map.entry("act_ru_event_subscr", "proc_inst_id_ in (:ids)"),
      Map.entry("act_ru_authorization", "resource_id_ in (:ids) or resource_id_ in"
          + " (select id_ from act_hi_taskinst where proc_inst_id_ in (:ids))"),
      Map.entry("act_hi_procinst", "proc_inst_id_ in (:ids)"),
      Map.entry("act_hi_taskinst", "proc_inst_id_ in (:ids)"),
      Map.entry("act_hi_varinst", "proc_inst_id_ in (:ids)"),
      Map.entry("act_hi_identitylink", "task_id_ in (select id_ from act_hi_taskinst where proc_inst_id_ in (:ids))"));

  /** Columns that name something shared by every case of a model: never renamed in a copy. */
  private static final List<String> SHARED_IDS = List.of("proc_def_id_", "process_def_id_", "job_def_id_",
      "deployment_id_",
      "bytearray_id_", "exception_stack_id_", "case_def_id_", "tenant_id_", "proc_def_key_", "task_def_key_",
      "act_id_", "activity_id_", "handler_type_", "type_");

  private final JdbcTemplate jdbc;

  public CaseVolumes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Copies the case {@code caseReference} (its root process instance and every instance it called)
   * as copies {@code from} to {@code to - 1}, with the register row of the case and its readers. Foreign keys are
   * not checked while copying (the copies are consistent by construction), which makes the copy
   * many times faster; this needs a superuser, as the test server's {@code postgres} is.
   */
  public void copy(String caseReference, String requester, int from, int to) {
    copy(caseReference, requester, from, to, SECONDS_APART);
  }

  /** As {@link #copy(String, String, int, int)}, the copies {@code secondsApart} seconds apart, the n-th that much earlier. */
  public void copy(String caseReference, String requester, int from, int to, long secondsApart) {
    jdbc.execute((ConnectionCallback<Void>) connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set session_replication_role = replica");
        statement.execute("set jit = off");
        try {
          copy(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), caseReference, requester, from, to,
              secondsApart);
        } finally {
          statement.execute("set session_replication_role = origin");
          statement.execute("reset jit");
        }
      }
      return null;
    });
  }

  private static void copy(JdbcTemplate jdbc, String caseReference, String requester, int from, int to,
      long secondsApart) {
    String root = jdbc.queryForObject(
        "select proc_inst_id_ from act_hi_procinst where business_key_ = ? and super_process_instance_id_ is null",
        String.class, caseReference);
    String ids = "select proc_inst_id_ from act_hi_procinst where root_proc_inst_id_ = '" + root + "'";
    String copies = "generate_series(" + from + ", " + (to - 1) + ") n";
    for (var table : ENGINE_TABLES) {
      List<String> columns = new ArrayList<>();
      List<String> values = new ArrayList<>();
      jdbc.query("select column_name, data_type from information_schema.columns where table_name = ?"
          + " and table_schema = current_schema() order by ordinal_position", rs -> {
            String column = rs.getString(1);
            columns.add(column);
            values.add(copied(column, rs.getString(2), caseReference, requester, secondsApart));
          }, table.getKey());
      jdbc.update("insert into " + table.getKey() + " (" + String.join(", ", columns) + ") select "
          + String.join(", ", values) + " from " + table.getKey() + ", " + copies
          + " where " + table.getValue().replace(":ids", ids));
    }
    jdbc.update("""
        insert into tr_collaboration_case (case_reference, process_instance_id, requester, department, partner_name,
          partner_country, created_at, risk_tier, screening_result, outcome, decided_at, decision_seconds)
        select case_reference || '-' || n, %s, %s, department,
          'Partner ' || n || ' ' || partner_name, partner_country, created_at - n * interval '%d seconds',
          risk_tier, screening_result, outcome, decided_at - n * interval '%d seconds', decision_seconds
        from tr_collaboration_case, %s where case_reference = '%s'"""
        .formatted(renamed("process_instance_id"), person("requester", requester), secondsApart, secondsApart,
            copies, caseReference));
    // the case list's readers of the case, as the application keeps them beside the grants copied above
    jdbc.update("""
        insert into tr_case_reader (reader, case_reference)
        select case when reader = 'user:%1$s' and n %% %2$d <> 0 then 'user:researcher-' || (n %% %2$d) else reader end,
          case_reference || '-' || n
        from tr_case_reader, %3$s where case_reference = '%4$s'""".formatted(requester, RESEARCHERS, copies, caseReference));
  }

  private static String copied(String column, String type, String caseReference, String requester,
      long secondsApart) {
    if (type.startsWith("timestamp")) {
      return column + " - n * interval '" + secondsApart + " seconds'";
    }
    if (!type.contains("char") && !type.equals("text")) {
      return column;
    }
    if (column.equals("business_key_") || column.equals("text_")) {
      return "case when " + column + " = '" + caseReference + "' then " + column + " || '-' || n"
          + " when " + column + " = '" + requester + "' then " + person(column, requester) + " else " + column + " end";
    }
    if (column.equals("user_id_") || column.equals("start_user_id_") || column.equals("assignee_")
        || column.equals("owner_")) {
      return person(column, requester);
    }
    if ((column.endsWith("id_") || column.equals("super_exec_") || column.equals("var_scope_"))
        && !SHARED_IDS.contains(column)) {
      return renamed(column);
    }
    return column;
  }

  /**
   * Engine ids are time-based UUIDs, alone or after an activity id ({@code UserTask_Review:<uuid>}), all
   * made by one generator with one node (their last 12 digits). A copy writes its number there: the ids
   * stay unique and as long as the engine's own, which fill their columns.
   */
  private static String renamed(String column) {
    String copy = "lpad(to_hex(n), 12, '0')";
    return "case when length(" + column + ") = 36 then left(" + column + ", 24) || " + copy
        + " else regexp_replace(" + column + ", '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{12}',"
        + " '\\1' || " + copy + ", 'g') end";
  }

  private static String person(String column, String requester) {
    return "case when " + column + " = '" + requester + "' and n % " + RESEARCHERS + " <> 0"
        + " then 'researcher-' || (n % " + RESEARCHERS + ") else " + column + " end";
  }
}
