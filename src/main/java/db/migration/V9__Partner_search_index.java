package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case list's partner search ({@code GET /api/cases?partner=}) matches text anywhere in a partner's
 * name, which no ordinary index serves. On PostgreSQL a trigram index (the standard pg_trgm extension)
 * serves it; where the database user may not create that extension the search still works, reading
 * every row, and the log says what an administrator of the database can run. H2 has no such index.
 */
public class V9__Partner_search_index extends BaseJavaMigration {

  static final String EXTENSION = "create extension if not exists pg_trgm";
  static final String INDEX = "create index tr_collaboration_case_partner_text on tr_collaboration_case"
      + " using gin (lower(partner_name) gin_trgm_ops)";

  private static final Logger log = LoggerFactory.getLogger(V9__Partner_search_index.class);

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    Savepoint before = connection.setSavepoint();
    try (Statement statement = connection.createStatement()) {
      statement.execute(EXTENSION);
      statement.execute(INDEX);
      connection.releaseSavepoint(before);
    } catch (SQLException e) {
      connection.rollback(before);
      log.warn("The case list's partner search has no index, so it reads every case ({}). A database administrator "
          + "can add it while the application runs: {}; {}", e.getMessage(), EXTENSION, INDEX);
    }
  }
}
