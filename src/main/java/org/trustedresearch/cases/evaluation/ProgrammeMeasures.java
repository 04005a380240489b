package org.trustedresearch.cases.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.evaluation.Measure.Unit;
import org.trustedresearch.cases.training.TrainingCoverage;

/**
 * The programme's measures (README, "Evaluate") for a period and the period before.
 * Each is one aggregate query over an indexed time column: the case and incident registers, the
 * engine's task history and the e-mail outbox. Medians and 90th percentiles are interpolated
 * ({@code percentile_cont}), as H2 and PostgreSQL both compute them.
 */
@Service
public class ProgrammeMeasures {

  static final double HOUR_MS = 3_600_000d;
  static final double DAY_S = 86_400d;

  static final String CASES_BY_PROCESS = """
        select proc_def_key_, count(*) from act_hi_procinst where start_time_ >= ? and start_time_ < ?
          and super_process_instance_id_ is null
        group by proc_def_key_ order by proc_def_key_""";
  static final String BY_TIER_AND_OUTCOME = """
        select coalesce(risk_tier, 'NOT_TIERED'), coalesce(outcome, 'OPEN'), count(*) from tr_collaboration_case
        where created_at >= ? and created_at < ? group by risk_tier, outcome order by 1, 2""";
  static final String TIME_TO_DECISION = """
        select coalesce(risk_tier, 'NOT_TIERED'), count(*),
          percentile_cont(0.5) within group (order by decision_seconds),
          percentile_cont(0.9) within group (order by decision_seconds)
        from tr_collaboration_case where decided_at >= ? and decided_at < ?
          and outcome in ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')
        group by risk_tier order by 1""";
  /** Per stage (user task): durations, and how many had a due date and were done by it (the service level). */
  static final String STAGES = """
        select task_def_key_, count(*), percentile_cont(0.5) within group (order by duration_),
          percentile_cont(0.9) within group (order by duration_), proc_def_key_,
          sum(case when due_date_ is not null then 1 else 0 end), sum(case when end_time_ <= due_date_ then 1 else 0 end)
        from act_hi_taskinst where end_time_ >= ? and end_time_ < ? and delete_reason_ = 'completed'
        group by proc_def_key_, task_def_key_ order by task_def_key_""";
  static final String SANCTIONS_MATCHES = """
        select coalesce(outcome, 'OPEN'), count(*) from tr_collaboration_case
        where created_at >= ? and created_at < ? and screening_result = 'POTENTIAL_MATCH'
        group by outcome order by 1""";
  static final String AGREEMENTS = """
        select count(*), sum(case when r.security_clause_included then 1 else 0 end)
        from tr_mou_document d join tr_mou_review r on r.id = d.review_id
        where d.kind = 'SIGNED' and d.version = 1 and d.uploaded_at >= ? and d.uploaded_at < ?""";
  static final String INCIDENTS_BY_CATEGORY = """
        select category, count(*) from tr_incident where reported_at >= ? and reported_at < ?
        group by category order by category""";
  static final String INCIDENT_TIMES = """
        select count(triaged_at),
          percentile_cont(0.5) within group (order by extract(epoch from triaged_at) - extract(epoch from reported_at)),
          percentile_cont(0.9) within group (order by extract(epoch from triaged_at) - extract(epoch from reported_at)),
          count(ico_deadline_met), sum(case when ico_deadline_met then 1 else 0 end)
        from tr_incident where reported_at >= ? and reported_at < ?""";
  static final String THANK_YOUS = """
        select count(*) from tr_notification_outbox
        where thank_you = true and status = 'SENT' and sent_at >= ? and sent_at < ?""";
  /** The two latest closed staff survey campaigns, the latest first. */
  static final String SURVEY_CAMPAIGNS = """
        select campaign_id from tr_survey_campaign where status = 'CLOSED'
        order by closes_on desc, campaign_id desc fetch first 2 rows only""";
  /** Per question of a campaign: how many answered it, and the mean score. */
  static final String SURVEY_SCORES = """
        select question_id, count(*), avg(cast(score as double precision)) from tr_survey_answer
        where campaign_id = ? and score is not null group by question_id order by question_id""";
  static final String TRAINING_HOLDS_BEGUN = """
        select count(*) from tr_training_hold where started_at >= ? and started_at < ?""";
  /** Holds that ended in the period, by what ended them, and how long each case was held. */
  static final String TRAINING_HOLD_TIMES = """
        select released_by, count(*), percentile_cont(0.5) within group (order by hold_seconds),
          percentile_cont(0.9) within group (order by hold_seconds)
        from tr_training_hold where ended_at >= ? and ended_at < ? group by released_by order by 1""";
  /** Every query of a period: each finds its rows through an index (a test reads their plans). */
  static final List<String> PERIOD_QUERIES = List.of(CASES_BY_PROCESS, BY_TIER_AND_OUTCOME, TIME_TO_DECISION, STAGES, SANCTIONS_MATCHES, AGREEMENTS, INCIDENTS_BY_CATEGORY, INCIDENT_TIMES, THANK_YOUS,
      TRAINING_HOLDS_BEGUN, TRAINING_HOLD_TIMES);

  private final JdbcClient jdbc;
  private final ZoneId zone;
  private final TrainingCoverage trainingCoverage;
  private final Directory directory;
  private final int surveyMinimumGroup;

  ProgrammeMeasures(JdbcClient jdbc, @Value("${trusted-research.service-levels.zone}") ZoneId zone,
      TrainingCoverage trainingCoverage, Directory directory,
      @Value("${trusted-research.survey.minimum-group-size:5}") int surveyMinimumGroup) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.trainingCoverage = trainingCoverage;
    this.directory = directory;
    this.surveyMinimumGroup = Math.max(5, surveyMinimumGroup);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Every measure for {@code period}, beside its value in the period before. */
  public List<Measure> measure(Period period) {
    Map<String, Figure> current = inPeriod(period);
    Map<String, Figure> previous = inPeriod(period.previous());
    Map<String, Measure> measures = new LinkedHashMap<>();
    current.forEach((key, value) -> measures.put(key, new Measure(value.kpi(), value.dimension(), value.unit(),
        value.number(), previous.containsKey(key) ? previous.get(key).number() : value.absent())));
    previous.forEach((key, value) -> measures.putIfAbsent(key, new Measure(value.kpi(), value.dimension(),
        value.unit(), value.absent(), value.number())));
    List<Figure> present = now();
    // not in now(), which the metrics read every minute: coverage asks the directory for every department
    trainingCoverage(present);
    present.forEach(value -> measures.put(value.key(),
        new Measure(value.kpi(), value.dimension(), value.unit(), value.number(), null)));
    surveyScores().forEach(measure -> measures.put(measure.kpi() + "\u0000" + measure.dimension(), measure));
    return new ArrayList<>(measures.values());
  }

  record Figure(String kpi, String dimension, Unit unit, Double number) {

    String key() {
      return kpi + "\u0000" + dimension;
    }

    /** What the other period shows where it has no row: no cases is 0, no duration is unknown. */
    Double absent() {
      return unit == Unit.COUNT ? 0d : null;
    }
  }

  private Map<String, Figure> inPeriod(Period period) {
    Timestamp from = period.start(zone);
    Timestamp to = period.end(zone);
    List<Figure> values = new ArrayList<>();
    casesByProcess(from, to, values);
    casesByTierAndOutcome(from, to, values);
    timeToDecision(from, to, values);
    stages(from, to, values);
    sanctionsMatches(from, to, values);
    agreements(from, to, values);
    incidents(from, to, values);
    thankYous(from, to, values);
    trainingHolds(from, to, values);
    Map<String, Figure> byKey = new LinkedHashMap<>();
    values.forEach(value -> byKey.put(value.key(), value));
    return byKey;
  }

  private void casesByProcess(Timestamp from, Timestamp to, List<Figure> values) {
    jdbc.sql(CASES_BY_PROCESS).params(from, to)
        .query((rs, row) -> values.add(new Figure("cases.started", rs.getString(1), Unit.COUNT, rs.getDouble(2))))
        .list();
  }

  private void casesByTierAndOutcome(Timestamp from, Timestamp to, List<Figure> values) {
    jdbc.sql(BY_TIER_AND_OUTCOME).params(from, to)
        .query((rs, row) -> values.add(new Figure("collaborations.byTierAndOutcome",
            rs.getString(1) + " " + rs.getString(2), Unit.COUNT, rs.getDouble(3))))
        .list();
  }

  private void timeToDecision(Timestamp from, Timestamp to, List<Figure> values) {
    distribution(TIME_TO_DECISION, from, to, "decisions", "Days", Unit.DAYS, DAY_S, values, row -> {
    });
  }

  /** Each stage's durations, and the share of tasks with a due date done by it, per process. */
  private void stages(Timestamp from, Timestamp to, List<Figure> values) {
    Map<String, long[]> dueAndInTime = new TreeMap<>();
    distribution(STAGES, from, to, "stages", "Hours", Unit.HOURS, HOUR_MS, values, row -> {
      long[] counts = dueAndInTime.computeIfAbsent(row.getString(5), process -> new long[2]);
      counts[0] += row.getLong(6);
      counts[1] += row.getLong(7);
    });
    dueAndInTime.forEach((process, counts) -> {
      if (counts[0] > 0) {
        values.add(new Figure("serviceLevel.withinDueShare", process, Unit.SHARE, round((double) counts[1] / counts[0])));
      }
    });
  }

  /** Cases held for their requester's training: how many holds began, and how long those that ended took. */
  private void trainingHolds(Timestamp from, Timestamp to, List<Figure> values) {
    long begun = jdbc.sql(TRAINING_HOLDS_BEGUN).params(from, to).query(Long.class).single();
    if (begun > 0) {
      values.add(new Figure("trainingHolds.begun", "all", Unit.COUNT, (double) begun));
    }
    distribution(TRAINING_HOLD_TIMES, from, to, "trainingHolds", "Days", Unit.DAYS, DAY_S, values, row -> {
    });
  }

  interface Row {
    void read(ResultSet row) throws SQLException;
  }

  /**
   * A query of dimension, count, median and 90th percentile as {@code <kpi>.count}, {@code .median<unit>} and
   * {@code .p90<unit>}; {@code more} reads what else each row holds.
   */
  private void distribution(String sql, Timestamp from, Timestamp to, String kpi, String unitName, Unit unit,
      double scale, List<Figure> values, Row more) {
    jdbc.sql(sql).params(from, to)
        .query((rs, row) -> {
          String dimension = rs.getString(1);
          values.add(new Figure(kpi + ".count", dimension, Unit.COUNT, rs.getDouble(2)));
          values.add(new Figure(kpi + ".median" + unitName, dimension, unit, scaled(rs, 3, scale)));
          values.add(new Figure(kpi + ".p90" + unitName, dimension, unit, scaled(rs, 4, scale)));
          more.read(rs);
          return dimension;
        })
        .list();
  }

  private void sanctionsMatches(Timestamp from, Timestamp to, List<Figure> values) {
    jdbc.sql(SANCTIONS_MATCHES).params(from, to)
        .query((rs, row) -> values.add(new Figure("sanctions.potentialMatches", rs.getString(1), Unit.COUNT,
            rs.getDouble(2))))
        .list();
  }

  private void agreements(Timestamp from, Timestamp to, List<Figure> values) {
    jdbc.sql(AGREEMENTS).params(from, to)
        .query((rs, row) -> {
          double signed = rs.getDouble(1);
          values.add(new Figure("agreements.signed", "all", Unit.COUNT, signed));
          if (signed > 0) {
            values.add(new Figure("agreements.securityClauseShare", "all", Unit.SHARE, round(rs.getDouble(2) / signed)));
          }
          return signed;
        })
        .list();
  }

  private void incidents(Timestamp from, Timestamp to, List<Figure> values) {
    jdbc.sql(INCIDENTS_BY_CATEGORY).params(from, to)
        .query((rs, row) -> values.add(new Figure("incidents.reported", rs.getString(1), Unit.COUNT, rs.getDouble(2))))
        .list();
    jdbc.sql(INCIDENT_TIMES).params(from, to)
        .query((rs, row) -> {
          if (rs.getLong(1) > 0) {
            values.add(new Figure("incidents.triageMedianHours", "all", Unit.HOURS, scaled(rs, 2, 3600d)));
            values.add(new Figure("incidents.triageP90Hours", "all", Unit.HOURS, scaled(rs, 3, 3600d)));
          }
          double decided = rs.getDouble(4);
          values.add(new Figure("incidents.icoDecisions", "all", Unit.COUNT, decided));
          if (decided > 0) {
            values.add(new Figure("incidents.icoWithin72hShare", "all", Unit.SHARE, round(rs.getDouble(5) / decided)));
          }
          return decided;
        })
        .list();
  }

  private void thankYous(Timestamp from, Timestamp to, List<Figure> values) {
    Long sent = jdbc.sql(THANK_YOUS).params(from, to)
        .query(Long.class).single();
    values.add(new Figure("thankYou.sent", "all", Unit.COUNT, sent.doubleValue()));
  }

  /**
   * The staff survey, before and after: per question, the mean score of the latest closed campaign beside the
   * campaign closed before it (whatever the period), and how many answered each. A mean of fewer answers than
   * the survey's minimum group is not shown (null), as in the survey's own results.
   */
  List<Measure> surveyScores() {
    List<String> campaigns = jdbc.sql(SURVEY_CAMPAIGNS).query(String.class).list();
    if (campaigns.isEmpty()) {
      return List.of();
    }
    Map<String, double[]> latest = surveyScores(campaigns.get(0));
    Map<String, double[]> before = campaigns.size() > 1 ? surveyScores(campaigns.get(1)) : Map.of();
    Map<String, Measure> measures = new TreeMap<>();
    latest.forEach((question, figures) -> measures.put(question, new Measure("survey.meanScore", question, Unit.SCORE,
        shownMean(figures), before.containsKey(question) ? shownMean(before.get(question)) : null)));
    before.forEach((question, figures) -> measures.putIfAbsent(question,
        new Measure("survey.meanScore", question, Unit.SCORE, null, shownMean(figures))));
    List<Measure> all = new ArrayList<>(measures.values());
    all.add(new Measure("survey.responses", "all", Unit.COUNT, surveyResponses(campaigns.get(0)),
        campaigns.size() > 1 ? surveyResponses(campaigns.get(1)) : null));
    return all;
  }

  private Map<String, double[]> surveyScores(String campaignId) {
    Map<String, double[]> scores = new TreeMap<>();
    jdbc.sql(SURVEY_SCORES).param(campaignId)
        .query((rs, row) -> scores.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)})).list();
    return scores;
  }

  private Double shownMean(double[] countAndMean) {
    return countAndMean[0] < surveyMinimumGroup ? null : round(countAndMean[1]);
  }

  private double surveyResponses(String campaignId) {
    return jdbc.sql("select count(distinct response_id) from tr_survey_answer where campaign_id = ?").param(campaignId)
        .query(Long.class).single().doubleValue();
  }

  /** Everything so far, for the metrics: cases by process, decisions by tier and outcome, incidents. */
  List<Figure> totals() {
    List<Figure> values = new ArrayList<>();
    jdbc.sql("""
        select proc_def_key_, count(*) from act_hi_procinst where super_process_instance_id_ is null
        group by proc_def_key_""")
        .query((rs, row) -> values.add(new Figure("cases.started", rs.getString(1), Unit.COUNT, rs.getDouble(2))))
        .list();
    jdbc.sql("""
        select coalesce(risk_tier, 'NOT_TIERED'), outcome, count(*) from tr_collaboration_case
        where outcome is not null group by risk_tier, outcome""")
        .query((rs, row) -> values.add(new Figure("cases.decided", rs.getString(1) + " " + rs.getString(2),
            Unit.COUNT, rs.getDouble(3))))
        .list();
    jdbc.sql("select category, count(*) from tr_incident group by category")
        .query((rs, row) -> values.add(new Figure("incidents.reported", rs.getString(1), Unit.COUNT, rs.getDouble(2))))
        .list();
    return values;
  }

  /** Measures of the present: work waiting now, by the group it waits for. */
  List<Figure> now() {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    List<Figure> values = new ArrayList<>();
    jdbc.sql("""
        select coalesce(l.group_id_, 'assigned to a person'), count(*),
          sum(case when t.due_date_ < ? then 1 else 0 end), min(t.create_time_)
        from act_ru_task t left join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'
          and l.group_id_ is not null
        group by l.group_id_ order by 1""").params(now)
        .query((rs, row) -> {
          String group = rs.getString(1);
          values.add(new Figure("tasks.open", group, Unit.COUNT, rs.getDouble(2)));
          values.add(new Figure("tasks.overdue", group, Unit.COUNT, rs.getDouble(3)));
          values.add(new Figure("tasks.oldestDays", group, Unit.DAYS,
              round((now.getTime() - rs.getTimestamp(4).getTime()) / (DAY_S * 1000))));
          return group;
        })
        .list();
    Long overdueReReviews = jdbc.sql("""
        select count(*) from act_ru_task where task_def_key_ = ? and due_date_ < ?""")
        .params(OnboardingProcess.RE_REVIEW, now).query(Long.class).single();
    values.add(new Figure("reReviews.overdue", "all", Unit.COUNT, overdueReReviews.doubleValue()));
    championCoverage(values);
    return values;
  }

  /** Per department: how many of its members have current training today, and their share of its members. */
  private void trainingCoverage(List<Figure> values) {
    for (TrainingCoverage.Coverage department : trainingCoverage.byDepartment()) {
      values.add(new Figure("training.current", department.department(), Unit.COUNT, (double) department.current()));
      values.add(new Figure("training.currentShare", department.department(), Unit.SHARE,
          department.share() == null ? null : round(department.share())));
    }
  }

  /**
   * Security champions now (Environment): how many each department has, and the share of departments with at
   * least one. Asked of the directory, which is where champions are appointed.
   */
  void championCoverage(List<Figure> values) {
    Map<String, Long> champions = directory.championsByDepartment();
    champions.forEach((department, count) ->
        values.add(new Figure("champions.count", department, Unit.COUNT, count.doubleValue())));
    long covered = champions.values().stream().filter(count -> count > 0).count();
    values.add(new Figure("champions.coverageShare", "all", Unit.SHARE,
        champions.isEmpty() ? null : round((double) covered / champions.size())));
  }

  private static Double scaled(ResultSet rs, int column, double unit) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : round(value / unit);
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000d;
  }
}
