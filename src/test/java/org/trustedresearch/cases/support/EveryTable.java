package org.trustedresearch.cases.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches every column of every table of the (H2) test database for a piece of text, the engine's tables
 * and their byte arrays included, and hands back each row that holds it, whole: what a person with the
 * database in front of them could find next to it.
 */
public final class EveryTable {

  /** A row holding the text: its table, the column it was found in, and every value of the row. */
  public record Hit(String table, String column, Map<String, Object> row) {

    /** Whether any value of the row, text or bytes, contains {@code text}. */
    public boolean rowMentions(String text) {
      return row.values().stream().anyMatch(value -> readable(value).contains(text));
    }
  }

  private EveryTable() {
  }

  public static List<Hit> rowsHolding(JdbcClient jdbc, String text) {
    List<Hit> hits = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.sql("""
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'PUBLIC' order by table_name, ordinal_position""").query().listOfRows();
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("TABLE_NAME");
      String name = (String) column.get("COLUMN_NAME");
      String type = String.valueOf(column.get("DATA_TYPE"));
      boolean binary = type.contains("BINARY") || type.contains("BLOB");
      if (!binary && !type.contains("CHAR") && !type.contains("CLOB")) {
        continue;
      }
      String where = binary ? "\"" + name + "\" is not null" : "cast(\"" + name + "\" as varchar) like ?";
      var query = jdbc.sql("select * from \"" + table + "\" where " + where);
      List<Map<String, Object>> rows = (binary ? query : query.param("%" + text + "%")).query().listOfRows();
      for (Map<String, Object> row : rows) {
        if (readable(row.get(name)).contains(text)) {
          hits.add(new Hit(table, name, row));
        }
      }
    }
    return hits;
  }

  /** The tables (as TABLE.COLUMN) that hold the text somewhere. */
  public static List<String> columnsHolding(JdbcClient jdbc, String text) {
    return rowsHolding(jdbc, text).stream().map(hit -> hit.table() + "." + hit.column()).distinct().toList();
  }

  private static String readable(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
  }
}
