package org.trustedresearch.cases.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.incident.IncidentProcess.AWARE_AT;
import static org.trustedresearch.cases.incident.IncidentProcess.CATEGORY;
import static org.trustedresearch.cases.incident.IncidentProcess.DECIDE_ICO_NOTIFICATION;
import static org.trustedresearch.cases.incident.IncidentProcess.DESCRIPTION;
import static org.trustedresearch.cases.incident.IncidentProcess.ICO_DECISION;
import static org.trustedresearch.cases.incident.IncidentProcess.ICO_REASONS;
import static org.trustedresearch.cases.incident.IncidentProcess.OCCURRED_AT;
import static org.trustedresearch.cases.incident.IncidentProcess.SEVERITY;
import static org.trustedresearch.cases.incident.IncidentProcess.TRIAGE;
import static org.trustedresearch.cases.incident.IncidentProcess.TRIAGE_NOTES;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Known cases, run through the processes on a moved clock in March 2035 (and one in February),
 * give exact KPI values; a period without cases gives zeros and no medians.
 */
@CaseManagementTest
class ProgrammeMeasuresTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final Period MARCH = new Period(LocalDate.of(2035, 3, 1), LocalDate.of(2035, 3, 31));

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  ProgrammeMeasures measures;
  @Autowired
  ProgrammeMetrics metrics;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired
  org.trustedresearch.cases.notification.OutboxDispatcher dispatcher;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  /**
   * Measures of the present (work waiting, training and champions now) and of the latest survey campaigns are the same whatever
   * the period and follow the whole suite's data.
   */
  static boolean isOfThePresent(String kpi) {
    return kpi.startsWith("tasks.") || kpi.startsWith("reReviews.") || kpi.startsWith("training.")
        || kpi.startsWith("champions.") || kpi.startsWith("survey.");
  }

  static void at(int month, int day, int hour) {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2035, month, day, hour, 0, 0, 0, LONDON).toInstant()));
  }

  static Optional<Measure> find(List<Measure> measures, String kpi, String dimension) {
    return measures.stream().filter(m -> m.kpi().equals(kpi) && m.dimension().equals(dimension)).findFirst();
  }

  static Measure get(List<Measure> measures, String kpi, String dimension) {
    return find(measures, kpi, dimension).orElseThrow(() -> new AssertionError("no measure " + kpi + " " + dimension));
  }

  String propose(String partner) {
    TestUsers.trained(engine.getIdentityService(), "rachel"); // in 2035, her training of 2026 has run out
    return cases.propose("rachel", Cases.lowRiskProposal(partner));
  }

  String report(IncidentProcess.Category category) {
    Map<String, Object> report = new HashMap<>();
    report.put(CATEGORY.name(), category.name());
    report.put(DESCRIPTION.name(), "Measured: " + category.name());
    report.put(OCCURRED_AT.name(), ClockUtil.getCurrentTime());
    report.put(AWARE_AT.name(), ClockUtil.getCurrentTime());
    ProcessInstance instance = cases.as("omar", () -> engine.getRuntimeService()
        .startProcessInstanceByKey(IncidentProcess.KEY, report));
    cases.runJobsOf(instance.getBusinessKey());
    return instance.getBusinessKey();
  }

  @Test
  void knownCasesGiveExactMeasuresBesideThePeriodBefore() {
    dispatcher.deliverAll(); // what other stories left waiting is sent now, not in 2035

    at(2, 12, 9);
    String february = propose("Measured February Optics GmbH");
    at(2, 14, 9);
    cases.approve("hannah", february, ReviewerRole.HEAD_OF_DEPARTMENT);

    at(3, 5, 9);
    List<Measure> before = measures.measure(MARCH);
    String a = propose("Measured Alpha GmbH");
    String b = propose("Measured Beta GmbH");
    String c = propose("Measured Gamma GmbH");
    String d = cases.propose("rachel", Cases.lowRiskProposal("Kestrel Optical Systems, LLC"));
    cases.adviseAsTom(d);
    at(3, 6, 9);
    cases.approve("hannah", a, ReviewerRole.HEAD_OF_DEPARTMENT);
    at(3, 7, 9);
    String breach = report(IncidentProcess.Category.PERSONAL_DATA_BREACH);
    at(3, 7, 15);
    cases.complete(breach, TRIAGE, "leila", Map.of(SEVERITY.name(), "HIGH", TRIAGE_NOTES.name(), "Spreadsheet sent astray."));
    at(3, 9, 9);
    cases.approve("hannah", b, ReviewerRole.HEAD_OF_DEPARTMENT);
    at(3, 9, 21);
    cases.complete(breach, DECIDE_ICO_NOTIFICATION, "leila", Map.of(ICO_DECISION.name(), "NOTIFY",
        ICO_REASONS.name(), "Personal data of participants reached the wrong partner."));
    at(3, 12, 9);
    String lost = report(IncidentProcess.Category.LOST_DEVICE);
    at(3, 13, 8);
    cases.complete(lost, TRIAGE, "ian", Map.of(SEVERITY.name(), "LOW", TRIAGE_NOTES.name(), "Encrypted phone."));
    at(3, 13, 9);
    cases.decide("hannah", c, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REJECT, "Not a fit for the department.", null);
    dispatcher.deliverAll();

    List<Measure> march = measures.measure(MARCH);
    assertThat(get(march, "cases.started", "collaboration-onboarding")).extracting(Measure::current, Measure::previous)
        .containsExactly(4d, 1d);
    assertThat(get(march, "cases.started", "incident-reporting").current()).isEqualTo(2d);
    assertThat(get(march, "collaborations.byTierAndOutcome", "LOW APPROVED").current()).isEqualTo(2d);
    assertThat(get(march, "collaborations.byTierAndOutcome", "LOW APPROVED").previous()).isEqualTo(1d);
    assertThat(get(march, "collaborations.byTierAndOutcome", "LOW REJECTED").current()).isEqualTo(1d);
    assertThat(get(march, "collaborations.byTierAndOutcome", "HIGH OPEN").current()).isEqualTo(1d);

    // decided after 1, 4 and 8 days; February's after 2
    assertThat(get(march, "decisions.count", "LOW")).extracting(Measure::current, Measure::previous)
        .containsExactly(3d, 1d);
    assertThat(get(march, "decisions.medianDays", "LOW")).extracting(Measure::current, Measure::previous)
        .containsExactly(4d, 2d);
    assertThat(get(march, "decisions.p90Days", "LOW").current()).isEqualTo(7.2);
    assertThat(find(march, "decisions.count", "HIGH")).isEmpty();

    // head of department reviews of 24, 96 and 192 hours; the last one after its due date
    String headOfDepartment = ReviewerRole.HEAD_OF_DEPARTMENT.taskId();
    assertThat(get(march, "stages.count", headOfDepartment).current()).isEqualTo(3d);
    assertThat(get(march, "stages.medianHours", headOfDepartment)).extracting(Measure::current, Measure::previous)
        .containsExactly(96d, 48d);
    assertThat(get(march, "stages.p90Hours", headOfDepartment).current()).isEqualTo(172.8);
    // the three heads' reviews (one late) and the champion's advice on the high-risk case, in time
    assertThat(get(march, "serviceLevel.withinDueShare", "risk-assessment-sign-off"))
        .extracting(Measure::current, Measure::previous).containsExactly(0.75, 1d);

    assertThat(get(march, "sanctions.potentialMatches", "OPEN").current()).isEqualTo(1d);
    assertThat(get(march, "agreements.signed", "all")).extracting(Measure::current, Measure::previous)
        .containsExactly(0d, 0d);
    assertThat(find(march, "agreements.securityClauseShare", "all")).isEmpty();

    assertThat(get(march, "incidents.reported", "PERSONAL_DATA_BREACH").current()).isEqualTo(1d);
    assertThat(get(march, "incidents.reported", "LOST_DEVICE").current()).isEqualTo(1d);
    // triaged after 6 and 23 hours
    assertThat(get(march, "incidents.triageMedianHours", "all").current()).isEqualTo(14.5);
    assertThat(get(march, "incidents.triageP90Hours", "all").current()).isEqualTo(21.3);
    assertThat(get(march, "stages.medianHours", DECIDE_ICO_NOTIFICATION).current()).isEqualTo(60d);
    assertThat(get(march, "incidents.icoDecisions", "all").current()).isEqualTo(1d);
    assertThat(get(march, "incidents.icoWithin72hShare", "all").current()).isEqualTo(1d);
    assertThat(get(march, "thankYou.sent", "all")).extracting(Measure::current, Measure::previous)
        .containsExactly(2d, 0d);

    // the high-risk case waits for its head of department, overdue since the 12th
    assertThat(get(march, "tasks.open", "hod-physics").current()
        - find(before, "tasks.open", "hod-physics").map(Measure::current).orElse(0d))
        .isEqualTo(1d);
    assertThat(get(march, "tasks.overdue", "hod-physics").current()
        - find(before, "tasks.overdue", "hod-physics").map(Measure::current).orElse(0d)).isEqualTo(1d);
    assertThat(get(march, "tasks.open", "hod-physics").previous()).isNull();
    assertThat(cases.openTask(d, headOfDepartment)).isNotNull();

    // the same numbers over REST, for a manager
    Reply reply = new Http(port).get("/api/kpis?from=2035-03-01&to=2035-03-31", "maria");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("period").path("from").asText()).isEqualTo("2035-03-01");
    assertThat(json.path("previousPeriod").path("from").asText()).isEqualTo("2035-01-29");
    assertThat(json.path("previousPeriod").path("to").asText()).isEqualTo("2035-02-28");
    for (JsonNode measure : json.path("measures")) {
      Measure expected = get(march, measure.path("kpi").asText(), measure.path("dimension").asText());
      if (!isOfThePresent(measure.path("kpi").asText())) {
        assertThat(measure.path("current").isNull() ? null : measure.path("current").asDouble())
            .as(measure.toString()).isEqualTo(expected.current());
        assertThat(measure.path("previous").isNull() ? null : measure.path("previous").asDouble())
            .as(measure.toString()).isEqualTo(expected.previous());
      }
    }
    assertThat(json.path("measures").size()).isEqualTo(march.size());
  }

  @Test
  void everyQueryOfAPeriodReadsThroughAnIndex() {
    java.sql.Timestamp from = java.sql.Timestamp.valueOf("2035-03-01 00:00:00");
    java.sql.Timestamp to = java.sql.Timestamp.valueOf("2035-04-01 00:00:00");
    for (String query : ProgrammeMeasures.PERIOD_QUERIES) {
      String plan = String.join("\n", jdbc.sql("explain " + query).params(from, to).query(String.class).list());
      // H2 names the index it reads in a comment, with the conditions it applies there: the period's start among them
      assertThat(plan).as(query).doesNotContainIgnoringCase("tableScan")
          .containsPattern("/\\* PUBLIC\\.\\w+: [^*]*>= \\?1");
    }
  }

  @Test
  void signedAgreementsAreCountedWithTheShareThatHasTheSecurityClause() {
    // three agreements as the clause review records them, two with the security clause, signed in May 2036
    for (int i = 0; i < 3; i++) {
      jdbc.sql("""
          insert into tr_mou_review (case_reference, process_instance_id, required_clauses, started_at, outcome,
            security_clause_included) values (?, ?, 'SECURITY_COMPLIANCE', ?, 'CLEARED', ?)""")
          .params("TR-2036-MEASURED-" + i, "measured-" + i, java.sql.Timestamp.valueOf("2036-04-01 09:00:00"), i < 2)
          .update();
      jdbc.sql("""
          insert into tr_mou_document (review_id, kind, version, file_name, media_type, size_bytes, sha256, content,
            uploaded_by, uploaded_at)
          select id, 'SIGNED', 1, 'signed.pdf', 'application/pdf', 1, 'measured', X'25', 'rachel', ?
          from tr_mou_review where case_reference = ?""")
          .params(java.sql.Timestamp.valueOf("2036-05-0" + (i + 2) + " 10:00:00"), "TR-2036-MEASURED-" + i).update();
    }
    List<Measure> may = measures.measure(new Period(LocalDate.of(2036, 5, 1), LocalDate.of(2036, 5, 31)));
    assertThat(get(may, "agreements.signed", "all")).extracting(Measure::current, Measure::previous)
        .containsExactly(3d, 0d);
    assertThat(get(may, "agreements.securityClauseShare", "all").current()).isEqualTo(0.667);
  }

  @Test
  void aPeriodWithoutCasesHasZerosAndNoMedians() {
    List<Measure> empty = measures.measure(new Period(LocalDate.of(2041, 6, 1), LocalDate.of(2041, 6, 30)));
    assertThat(empty).filteredOn(m -> !isOfThePresent(m.kpi()))
        .allSatisfy(m -> {
          assertThat(m.unit()).isEqualTo(Measure.Unit.COUNT);
          assertThat(m.current()).isZero();
          assertThat(m.previous()).isZero();
        })
        .extracting(Measure::kpi)
        .containsExactlyInAnyOrder("agreements.signed", "incidents.icoDecisions", "thankYou.sent");
  }

  @Test
  void theKpisAreForThoseWhoEvaluateTheProgrammeAndBadPeriodsAreNamed() {
    Http http = new Http(port);
    for (String reader : List.of("maria", "helen", "sam")) {
      assertThat(http.get("/api/kpis?from=2041-01-01&to=2041-01-31", reader).status()).as(reader).isEqualTo(200);
    }
    for (String other : List.of("rachel", "hannah", "leila", "ian")) {
      assertThat(http.get("/api/kpis", other).status()).as(other).isEqualTo(403);
    }
    java.time.Instant asked = PinnedClock.now();
    String asOf = http.get("/api/kpis?from=2041-01-01&to=2041-01-31", "maria").json().path("asOf").asText();
    assertThat(java.time.Instant.parse(asOf)).as("when the figures were read").isBetween(asked, PinnedClock.now());
    Reply bad = http.get("/api/kpis?from=1st%20March&to=2041-01-31", "maria");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("problems").get(0).path("field").asText()).isEqualTo("from");
    Reply reversed = http.get("/api/kpis?from=2041-02-01&to=2041-01-31", "maria");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.body()).contains("after it ends");

    Reply csv = http.get("/api/kpis.csv?from=2041-01-01&to=2041-01-31", "helen");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("kpis-2041-01-01-to-2041-01-31.csv");
    assertThat(csv.body().lines().findFirst().orElseThrow())
        .isEqualTo("kpi,dimension,unit,current,previous,from,to,previous_from,previous_to");
    assertThat(csv.body()).contains("thankYou.sent,all,count,0,0,2041-01-01,2041-01-31,2040-12-01,2040-12-31");
    Reply openApi = http.get("/api/openapi", "maria");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.json().path("paths").has("/api/kpis")).isTrue();
    assertThat(openApi.json().path("paths").has("/api/kpis.csv")).isTrue();
    assertThat(http.get("/api/docs", "maria").status()).isEqualTo(302);
    assertThat(KpiController.csvField("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
    assertThat(KpiController.csvField("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void metricsAreForThoseWhoEvaluateTheProgrammeAndAdministrators() {
    Http http = new Http(port);
    cases.propose("rachel", Cases.lowRiskProposal("Measured Metrics Ltd"));
    metrics.refresh(); // as every minute
    assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", "rachel").status()).isEqualTo(403);
    Reply metrics = http.get("/actuator/prometheus", "maria");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("trc_cases_started{process=\"collaboration-onboarding\"}",
        "trc_tasks_open{group=", "trc_notifications_outbox{status=\"FAILED\"}");
    assertThat(http.get("/actuator/prometheus", "demo").status()).isEqualTo(200);
  }
}
