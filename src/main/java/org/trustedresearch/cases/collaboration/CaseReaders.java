package org.trustedresearch.cases.collaboration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.FollowsReadGrants;

/**
 * Who may read each collaboration case ({@code tr_case_reader}, migration V14): one row per case and
 * each user ({@code user:<id>}) or group ({@code group:<id>}) granted to read its history, so that the
 * case list finds and counts a reviewer's cases in one index range of this table instead of joining
 * every per-case grant. The rows are the engine's grants, brought in step whenever grants on a case
 * change, in the same transaction.
 */
@Component
class CaseReaders implements FollowsReadGrants {

  /** How many process instances one statement names. */
  static final int CHUNK = 500;
  /** A grant, as the engine reads it (a permission is a bit), to read the history of a process instance. */
  static final String READS_HISTORY = "a.type_ = " + Authorization.AUTH_TYPE_GRANT
      + " and a.resource_type_ = " + Resources.HISTORIC_PROCESS_INSTANCE.resourceType()
      + " and mod(a.perms_ / " + HistoricProcessInstancePermissions.READ.getValue() + ", 2) = 1";
  static final String READER = "case when a.user_id_ is null then 'group:' || a.group_id_ else 'user:' || a.user_id_ end";
  static final String GRANTS = " from act_ru_authorization a join tr_collaboration_case c"
      + " on c.process_instance_id = a.resource_id_ where " + READS_HISTORY;

  private final JdbcClient jdbc;

  CaseReaders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The readers a signed-in user is: themselves, everyone ({@code *}, as the engine grants to all), their groups. */
  static List<String> readersOf(String userId, List<String> groupIds) {
    List<String> readers = new ArrayList<>(List.of("user:" + userId, "user:*"));
    groupIds.forEach(group -> readers.add("group:" + group));
    return readers;
  }

  @Override
  public void readGrantsChanged(Set<String> processInstanceIds, boolean removals) {
    List<String> instances = new ArrayList<>(processInstanceIds);
    for (int from = 0; from < instances.size(); from += CHUNK) {
      List<String> chunk = instances.subList(from, Math.min(instances.size(), from + CHUNK));
      String named = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      if (removals) {
        jdbc.sql("delete from tr_case_reader where case_reference in (select c.case_reference from tr_collaboration_case c"
            + " where c.process_instance_id in (" + named + ")) and not exists (select 1" + GRANTS
            + " and c.case_reference = tr_case_reader.case_reference and " + READER + " = tr_case_reader.reader)")
            .params(chunk).update();
      }
      jdbc.sql("insert into tr_case_reader (reader, case_reference) select distinct " + READER + ", c.case_reference"
          + GRANTS + " and c.process_instance_id in (" + named + ") and not exists (select 1 from tr_case_reader r"
          + " where r.reader = " + READER + " and r.case_reference = c.case_reference)")
          .params(chunk).update();
    }
  }

  /** Cases are held by onboarding processes: grants on a sign-off or any other process add no reader. */
  @Override
  public boolean follows(String processDefinitionKey) {
    return OnboardingProcess.KEY.equals(processDefinitionKey);
  }

  /**
   * How many cases the readers may read between them, each counted once, from this table alone: the
   * readers' counts, then for each further reader (largest first) only the cases no reader before it has.
   */
  long countFor(List<String> readers) {
    List<ReaderCount> counts = jdbc.sql(countsByReader(readers.size())).params(readers)
        .query((row, number) -> new ReaderCount(row.getString(1), row.getLong(2))).list();
    List<ReaderCount> largestFirst = counts.stream()
        .sorted((a, b) -> Long.compare(b.count(), a.count())).toList();
    long total = 0;
    List<String> before = new ArrayList<>();
    for (ReaderCount reader : largestFirst) {
      if (before.isEmpty()) {
        total += reader.count();
      } else {
        total += jdbc.sql("select count(*) from tr_case_reader r where r.reader = ? and not exists (select 1"
            + " from tr_case_reader o where o.case_reference = r.case_reference and o.reader in ("
            + String.join(", ", Collections.nCopies(before.size(), "?")) + "))")
            .param(reader.reader()).params(before).query(Long.class).single();
      }
      before.add(reader.reader());
    }
    return total;
  }

  /** How many cases each of so many readers may read: one index range each, read from the index alone. */
  static String countsByReader(int readers) {
    return "select reader, count(*) from tr_case_reader where reader in ("
        + String.join(", ", Collections.nCopies(readers, "?")) + ") group by reader";
  }

  private record ReaderCount(String reader, long count) {
  }
}
