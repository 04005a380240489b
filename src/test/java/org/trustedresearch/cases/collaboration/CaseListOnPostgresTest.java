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

/** The case list on PostgreSQL: a partner search and a reviewer's count, each found through an index. */
@PostgresTest
class CaseListOnPostgresTest {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void thePartnerSearchIsServedByTheTrigramIndex() {
    String plan = plan("explain select count(*) from tr_collaboration_case c where 1 = 1" + CaseList.PARTNER_MATCHES,
        List.of("%helios optics%"), "enable_seqscan");
    assertThat(plan).contains("tr_collaboration_case_partner_text");
  }

  @Test
  void aReviewersCasesAreCountedFromTheReadersIndexAlone() {
    List<String> readers = CaseReaders.readersOf("hannah", List.of("hod-physics", "dept-physics"));
    // as autovacuum keeps it: the visibility map lets the count skip the table's rows
    jdbc.execute("vacuum analyze tr_case_reader");

    String plan = plan("explain " + CaseReaders.countsByReader(readers.size()), readers, "enable_seqscan",
        "enable_bitmapscan");

    assertThat(plan).contains("Index Only Scan using tr_case_reader_pkey")
        .doesNotContain("act_ru_authorization").doesNotContain("tr_collaboration_case");
  }

  /** The plan of a query with these scans priced out: it shows whether an index can answer it at all. */
  String plan(String explain, List<String> parameters, String... scansOff) {
    return jdbc.execute((ConnectionCallback<String>) connection -> {
      List<String> lines = new ArrayList<>();
      try (Statement settings = connection.createStatement()) {
        for (String scan : scansOff) {
          settings.execute("set " + scan + " = off");
        }
        try (PreparedStatement statement = connection.prepareStatement(explain)) {
          for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
          }
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              lines.add(rows.getString(1));
            }
          }
        } finally {
          for (String scan : scansOff) {
            settings.execute("reset " + scan);
          }
        }
      }
      return String.join("\n", lines);
    });
  }
}
