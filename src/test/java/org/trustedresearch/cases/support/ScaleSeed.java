package org.trustedresearch.cases.support;

import static org.trustedresearch.cases.collaboration.CollaborationCase.COMMERCIAL_POTENTIAL;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.SENSITIVE_DATA;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.IT_SECURITY;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;

/**
 * The data the benchmarks at scale measure against, on PostgreSQL: cases the engine really ran, one of
 * each shape (a head of department's review, specialist reviews, approved cases waiting for re-review
 * and rejected ones), copied in bulk by {@link CaseVolumes} into historic cases and open review tasks,
 * with statistics made current afterwards.
 */
public final class ScaleSeed {

  /** The years over which the historic cases were decided. */
  public static final int HISTORY_YEARS = 5;


  /** Open tasks one copy number adds: three heads-of-department reviews per specialist pair, 3 + 3 + 2 + 2. */
  public static final int TASKS_PER_NUMBER = 10;
  /** The partner name every template case starts with; copies put {@code Partner <n> } before it. */
  public static final String TEMPLATE_PARTNER = "Template Partner ";

  private static final Logger log = LoggerFactory.getLogger(ScaleSeed.class);

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final CaseVolumes volumes;
  private String physicsReview;
  private String computingReview;
  private String physicsSpecialists;
  private String computingSpecialists;
  private int nextOpenNumber = 1;

  public ScaleSeed(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.volumes = new CaseVolumes(jdbc);
  }

  /**
   * Runs the template cases through the engine, then copies the decided ones into {@code historicCases}
   * cases: a fifth approved and waiting for re-review, the rest ended.
   */
  public void seed(int historicCases) {
    Cases cases = new Cases(engine);
    physicsReview = cases.propose("rachel", proposal("physics", false));
    computingReview = cases.propose("omar", proposal("computer-science", false));
    physicsSpecialists = cases.propose("rachel", proposal("physics", true));
    cases.adviseAsTom(physicsSpecialists);
    cases.approve("hannah", physicsSpecialists, HEAD_OF_DEPARTMENT);
    computingSpecialists = cases.propose("omar", proposal("computer-science", true));
    cases.approve("charles", computingSpecialists, HEAD_OF_DEPARTMENT);
    String physicsApproved = cases.propose("rachel", proposal("physics", false));
    cases.approve("hannah", physicsApproved, HEAD_OF_DEPARTMENT);
    Map<String, Object> sensitive = proposal("computer-science", false);
    sensitive.put(SENSITIVE_DATA.name(), true);
    String computingApproved = cases.propose("omar", sensitive);
    cases.approve("charles", computingApproved, HEAD_OF_DEPARTMENT);
    cases.approve("ian", computingApproved, IT_SECURITY);
    String physicsRejected = cases.propose("rachel", proposal("physics", false));
    cases.decide("hannah", physicsRejected, HEAD_OF_DEPARTMENT, Decision.REJECT, "Not for this partner.", null);
    String computingRejected = cases.propose("omar", sensitive);
    cases.approve("charles", computingRejected, HEAD_OF_DEPARTMENT);
    cases.decide("ian", computingRejected, IT_SECURITY, Decision.REJECT, "Data would leave the UK.", null);

    long start = System.nanoTime();
    copyOverTheYears(physicsApproved, "rachel", historicCases * 12 / 100);
    copyOverTheYears(computingApproved, "omar", historicCases * 8 / 100);
    copyOverTheYears(physicsRejected, "rachel", historicCases * 48 / 100);
    copyOverTheYears(computingRejected, "omar", historicCases * 32 / 100);
    log.info("{} historic cases copied in {} s", historicCases, (System.nanoTime() - start) / 1_000_000_000);
  }

  /**
   * Historic cases are spread over {@link #HISTORY_YEARS} years before now, as an institution's
   * accumulate, so that a period's measures (the KPIs of the last 90 days) read that period's share.
   */
  private void copyOverTheYears(String caseReference, String requester, int copies) {
    long secondsApart = Math.max(1, HISTORY_YEARS * 365L * 86_400L / Math.max(1, copies));
    volumes.copy(caseReference, requester, 1, copies + 1, secondsApart);
  }

  /**
   * Copies the open template cases until at least {@code count} tasks are open, {@value #TASKS_PER_NUMBER}
   * a copy number, and makes the statistics current. Tasks completed meanwhile are made up for.
   */
  public void openTasks(int count) {
    long start = System.nanoTime();
    long open = openTaskCount();
    int numbers = (int) Math.max(0, (count - open + TASKS_PER_NUMBER - 1) / TASKS_PER_NUMBER);
    if (numbers > 0) {
      int from = nextOpenNumber;
      int to = from + numbers;
      volumes.copy(physicsReview, "rachel", from * 3, to * 3);
      volumes.copy(computingReview, "omar", from * 3, to * 3);
      volumes.copy(physicsSpecialists, "rachel", from, to);
      volumes.copy(computingSpecialists, "omar", from, to);
      nextOpenNumber = to;
    }
    // as autovacuum does after a bulk load (the visibility map lets counts read indexes alone)
    jdbc.execute("vacuum analyze");
    log.info("{} open tasks, {} authorizations, seeded in {} s", openTaskCount(),
        jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class),
        (System.nanoTime() - start) / 1_000_000_000);
  }

  /**
   * The open, unclaimed tasks {@code taskDefinitionKey} offered to {@code candidateGroup} in copies (never in
   * the template cases, which later copies are made from), for a load that completes them.
   */
  public List<String> copiedOpenTasks(String taskDefinitionKey, String candidateGroup) {
    return jdbc.queryForList("""
        select t.id_ from act_ru_task t
          join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ = ?
          join act_ru_execution i on i.id_ = t.proc_inst_id_
        where t.task_def_key_ = ? and t.assignee_ is null and i.business_key_ not in (?, ?, ?, ?)""", String.class,
        candidateGroup, taskDefinitionKey, physicsReview, computingReview, physicsSpecialists, computingSpecialists);
  }

  public long openTaskCount() {
    return jdbc.queryForObject("select count(*) from act_ru_task", Long.class);
  }

  static Map<String, Object> proposal(String department, boolean specialists) {
    Map<String, Object> proposal = Cases.lowRiskProposal(TEMPLATE_PARTNER + department);
    proposal.put(DEPARTMENT.name(), department);
    if (specialists) {
      proposal.put(SENSITIVE_DATA.name(), true);
      proposal.put(COMMERCIAL_POTENTIAL.name(), true);
    }
    return proposal;
  }
}
