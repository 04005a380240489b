package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Security champions read every case of their department (README, "The processes"). New cases grant
 * {@code champions-<department>} when they start; the cases that already exist get the same grants here,
 * each a copy of the requester's own grant on the case (runtime and history, with its removal time), and
 * the case list's readers with them. On a new database the engine's tables may not exist yet, and there
 * is nothing to grant.
 */
public class V18__Champions_read_department_cases extends BaseJavaMigration {

  /** The requester's grants (type 1) on the case's instance, copied to the department's champions. */
  public static final String COPY_REQUESTER_GRANTS = """
      insert into act_ru_authorization (id_, rev_, type_, group_id_, user_id_, resource_type_, resource_id_, perms_,
        removal_time_, root_proc_inst_id_)
      select a.id_ || '-champions', 1, a.type_, 'champions-' || c.department, null, a.resource_type_, a.resource_id_,
        a.perms_, a.removal_time_, a.root_proc_inst_id_
      from act_ru_authorization a join tr_collaboration_case c on c.process_instance_id = a.resource_id_
      where a.type_ = 1 and a.user_id_ = c.requester and a.resource_type_ in (8, 20)
        and not exists (select 1 from act_ru_authorization o where o.resource_id_ = a.resource_id_
          and o.resource_type_ = a.resource_type_ and o.group_id_ = 'champions-' || c.department)""";
  public static final String ADD_READERS = """
      insert into tr_case_reader (reader, case_reference)
      select 'group:champions-' || c.department, c.case_reference from tr_collaboration_case c
      where exists (select 1 from act_ru_authorization a where a.resource_id_ = c.process_instance_id
          and a.resource_type_ = 20 and a.group_id_ = 'champions-' || c.department)
        and not exists (select 1 from tr_case_reader r where r.case_reference = c.case_reference
          and r.reader = 'group:champions-' || c.department)""";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!V14__Case_readers.engineTablesExist(connection)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(COPY_REQUESTER_GRANTS);
      statement.execute(ADD_READERS);
    }
  }
}
