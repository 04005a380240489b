package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Who may read each collaboration case, one row per reader and case, so that the case list counts a
 * reader's cases in one index range instead of joining every per-case grant (README, "Performance at
 * scale"). A reader is {@code user:<id>} or {@code group:<id>}; the rows follow the engine's grants to
 * read a case's history, which the application keeps them in step with. Existing grants are copied
 * in; on a new database the engine's tables may not exist yet, and there is nothing to copy.
 */
public class V14__Case_readers extends BaseJavaMigration {

  static final String TABLE = """
      create table tr_case_reader (
        reader         varchar(300) not null,
        case_reference varchar(32)  not null references tr_collaboration_case (case_reference) on delete cascade,
        primary key (reader, case_reference)
      )""";
  static final String BY_CASE = "create index tr_case_reader_case on tr_case_reader (case_reference)";
  /** Grants (type 1) to read (bit 2) a historic process instance (resource type 20) that holds a case. */
  public static final String COPY_GRANTS = """
      insert into tr_case_reader (reader, case_reference)
      select distinct case when a.user_id_ is null then 'group:' || a.group_id_ else 'user:' || a.user_id_ end,
        c.case_reference
      from act_ru_authorization a join tr_collaboration_case c on c.process_instance_id = a.resource_id_
      where a.type_ = 1 and a.resource_type_ = 20 and mod(a.perms_ / 2, 2) = 1""";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute(TABLE);
      statement.execute(BY_CASE);
      if (engineTablesExist(connection)) {
        statement.execute(COPY_GRANTS);
      }
    }
  }

  /** Whether the engine has made its tables in this database (it makes them after the first migrations). */
  static boolean engineTablesExist(Connection connection) throws SQLException {
    for (String name : new String[] {"act_ru_authorization", "ACT_RU_AUTHORIZATION"}) {
      try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
          name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
