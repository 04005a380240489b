package org.trustedresearch.cases.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.support.CaseManagementTest;

/**
 * Computes the KPIs over 100,000 historic collaboration cases (300,000 review tasks, 5,000
 * incidents, 2,000 signed agreements, 10,000 thank-you e-mails) on the embedded database, and the
 * engine's own history query for the same cases and tasks, without the project's code, for
 * comparison. Run with {@code mvn -Pbenchmark test}; the result is printed and written to
 * target/benchmark/kpis.txt.
 */
@Tag("benchmark")
@CaseManagementTest
class ProgrammeMeasuresBenchmark {

  static final int CASES = 100_000;
  static final int RUNS = 5;
  /** The second year of cases, beside the first: every case is measured. */
  static final Period SECOND_YEAR = new Period(LocalDate.of(2037, 1, 1), LocalDate.of(2037, 12, 31));
  /** Cases are spread evenly over the year before and the year measured (in winter, London is on UTC). */
  static final LocalDate FIRST_DAY = SECOND_YEAR.previous().from();
  static final String[] TIERS = {"LOW", "LOW", "MEDIUM", "HIGH"};
  static final String[] OUTCOMES = {"APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED", "WITHDRAWN", null};
  static final String[] STAGES = {ReviewerRole.HEAD_OF_DEPARTMENT.taskId(), ReviewerRole.LEGAL.taskId(),
      ReviewerRole.HEAD_OF_RISK.taskId()};

  @Autowired
  ProgrammeMeasures measures;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void removeSeededHistory() {
    jdbc.update("delete from act_hi_taskinst where id_ like 'bench-%'");
    jdbc.update("delete from act_hi_procinst where id_ like 'bench-%'");
    jdbc.update("delete from tr_collaboration_case where case_reference like 'BENCH-%'");
    jdbc.update("delete from tr_incident where reference like 'BENCH-%'");
    jdbc.update("delete from tr_mou_document where file_name = 'bench.pdf'");
    jdbc.update("delete from tr_mou_review where case_reference like 'BENCH-%'");
    jdbc.update("delete from tr_notification_outbox where kind = 'bench'");
  }

  static Timestamp at(int caseNumber, long plusMinutes) {
    long minutes = (long) caseNumber * 730 * 24 * 60 / CASES + plusMinutes;
    return Timestamp.from(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(minutes)));
  }

  void seed() {
    List<Object[]> cases = new ArrayList<>();
    List<Object[]> instances = new ArrayList<>();
    List<Object[]> tasks = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String outcome = OUTCOMES[i % OUTCOMES.length];
      Timestamp created = at(i, 0);
      Timestamp decided = outcome == null ? null : at(i, (i % 30 + 1) * 24L * 60);
      cases.add(new Object[] {"BENCH-" + i, "bench-pi-" + i, "rachel", "physics", "Partner " + i, "DE", created,
          TIERS[i % TIERS.length], i % 50 == 0 ? "POTENTIAL_MATCH" : "CLEAR", outcome, decided,
          decided == null ? null : (decided.getTime() - created.getTime()) / 1000});
      instances.add(new Object[] {"bench-pi-" + i, "bench-pi-" + i, "BENCH-" + i, OnboardingProcess.KEY, "bench",
          created, decided, outcome == null ? "ACTIVE" : "COMPLETED"});
      for (int stage = 0; stage < STAGES.length; stage++) {
        long hours = (i * 7L + stage * 13L) % 200 + 1;
        Timestamp start = at(i, stage * 60L);
        Timestamp end = at(i, stage * 60L + hours * 60);
        tasks.add(new Object[] {"bench-t-" + i + "-" + stage, STAGES[stage], SignOffProcess.KEY, "bench",
            "bench-pi-" + i, start, end, hours * 3_600_000L, "completed", at(i, 5 * 24 * 60)});
      }
    }
    jdbc.batchUpdate("""
        insert into tr_collaboration_case (case_reference, process_instance_id, requester, department, partner_name,
          partner_country, created_at, risk_tier, screening_result, outcome, decided_at, decision_seconds)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", cases);
    jdbc.batchUpdate("""
        insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_,
          end_time_, state_) values (?, ?, ?, ?, ?, ?, ?, ?)""", instances);
    jdbc.batchUpdate("""
        insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, proc_inst_id_, start_time_,
          end_time_, duration_, delete_reason_, due_date_) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tasks);
    List<Object[]> incidents = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      incidents.add(new Object[] {"BENCH-INC-" + i, "bench-inc-" + i, i % 2 == 0 ? "LOST_DEVICE" : "PERSONAL_DATA_BREACH",
          at(i * 20, 0), at(i * 20, 0), at(i * 20, (i % 48 + 1) * 60L), i % 2 == 0 ? null : i % 10 != 1});
    }
    jdbc.batchUpdate("""
        insert into tr_incident (reference, process_instance_id, category, confidential, anonymous, status,
          reported_at, aware_at, triaged_at, ico_deadline_met) values (?, ?, ?, false, false, 'TRIAGED', ?, ?, ?, ?)""",
        incidents);
    for (int i = 0; i < 2_000; i++) {
      jdbc.update("""
          insert into tr_mou_review (case_reference, process_instance_id, required_clauses, started_at, outcome,
            security_clause_included) values (?, ?, 'SECURITY_COMPLIANCE', ?, 'CLEARED', ?)""",
          "BENCH-" + i * 50, "bench-mou-" + i, at(i * 50, 0), i % 5 != 0);
    }
    jdbc.update("""
        insert into tr_mou_document (review_id, kind, version, file_name, media_type, size_bytes, sha256, content,
          uploaded_by, uploaded_at)
        select id, 'SIGNED', 1, 'bench.pdf', 'application/pdf', 1, 'bench', X'25', 'rachel', started_at
        from tr_mou_review where case_reference like 'BENCH-%'""");
    List<Object[]> thanks = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      thanks.add(new Object[] {"bench-" + i, at(i * 10, 60), at(i * 10, 61)});
    }
    jdbc.batchUpdate("""
        insert into tr_notification_outbox (message_id, kind, recipient, subject, body_text, body_html, thank_you, status,
          attempts, next_attempt_at, created_at, sent_at)
        values (?, 'bench', 'rachel@example.org', 'Thank you', 'Thank you', 'Thank you', true, 'SENT', 1, ?, ?, ?)""",
        thanks.stream().map(row -> new Object[] {row[0], row[1], row[1], row[2]}).toList());
  }

  /**
   * The median time of {@code work} over a warm-up and {@link #RUNS} runs, each for a period starting a
   * day earlier than the one before, so that no run can reuse a result the database kept.
   */
  static long medianMillis(java.util.function.IntFunction<?> work) {
    work.apply(RUNS + 1); // warm up
    long[] runs = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      work.apply(run);
      runs[run] = Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
    java.util.Arrays.sort(runs);
    return runs[RUNS / 2];
  }

  static Period period(int run) {
    return new Period(SECOND_YEAR.from().minusDays(run), SECOND_YEAR.to());
  }

  Date start(int run) {
    return Date.from(period(run).from().atStartOfDay(measures.zone()).toInstant());
  }

  @Test
  void theKpisOfAHundredThousandCasesTakeUnderASecond() throws IOException {
    seed();
    List<Measure> result = measures.measure(SECOND_YEAR);
    assertThat(result).anySatisfy(measure -> {
      assertThat(measure.kpi()).isEqualTo("cases.started");
      assertThat(measure.current() + measure.previous()).isEqualTo((double) CASES);
    });

    long ours = medianMillis(run -> measures.measure(period(run)));
    Date to = Date.from(SECOND_YEAR.to().plusDays(1).atStartOfDay(measures.zone()).toInstant());
    long engine = medianMillis(run -> {
      int instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(OnboardingProcess.KEY)
          .startedAfter(start(run)).startedBefore(to).list().size();
      int tasks = history.createHistoricTaskInstanceQuery().finished().finishedAfter(start(run))
          .finishedBefore(to).list().size();
      return instances + tasks;
    });
    String report = String.format("KPIs for %,d historic cases (%,d tasks) in a year beside the year before: "
        + "%d ms (median of %d runs); the engine's history query for the same cases and tasks: %d ms; ratio %.3f%n",
        CASES, CASES * STAGES.length, ours, RUNS, engine, (double) ours / engine);
    Timestamp end = Timestamp.from(to.toInstant());
    StringBuilder breakdown = new StringBuilder(report);
    for (String query : ProgrammeMeasures.PERIOD_QUERIES) {
      long took = medianMillis(run -> jdbc.queryForList(query, Timestamp.from(start(run).toInstant()), end));
      breakdown.append(String.format("  %5d ms  %s%n", took, query.strip().lines().findFirst().orElseThrow()));
    }
    report = breakdown.toString();
    System.out.print(report);
    Path file = Path.of("target", "benchmark", "kpis.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
    assertThat(ours).isLessThan(1000);
  }
}
