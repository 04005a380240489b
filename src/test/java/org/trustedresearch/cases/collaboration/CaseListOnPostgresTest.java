package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.support.PostgresTest;

/** The case list's partner search on PostgreSQL: text anywhere in the name, found through an index. */
@PostgresTest
class CaseListOnPostgresTest {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void thePartnerSearchIsServedByTheTrigramIndex() {
    // with sequential scans priced out, the plan shows whether an index can answer the search at all
    List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
      List<String> lines = new ArrayList<>();
      try (Statement settings = connection.createStatement()) {
        settings.execute("set enable_seqscan = off");
        try (PreparedStatement explain = connection.prepareStatement(
            "explain select count(*) from tr_collaboration_case c where 1 = 1" + CaseList.PARTNER_MATCHES)) {
          explain.setString(1, "%helios optics%");
          try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
              lines.add(rows.getString(1));
            }
          }
        } finally {
          settings.execute("reset enable_seqscan");
        }
      }
      return lines;
    });
    assertThat(String.join("\n", plan)).contains("tr_collaboration_case_partner_text");
  }
}
