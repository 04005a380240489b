package org.trustedresearch.cases.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.survey.SurveyStaff.ENGINEERS;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.evaluation.Measure;
import org.trustedresearch.cases.evaluation.Period;
import org.trustedresearch.cases.evaluation.ProgrammeMeasures;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.PostgresTest;

/** A staff survey campaign on PostgreSQL: invited, answered, closed, its results and the KPIs. */
@PostgresTest
class SurveyOnPostgresTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  SurveyResults results;
  @Autowired
  ProgrammeMeasures measures;

  @Test
  void aCampaignRunsAndReportsOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
    SurveyStaff.ensureEngineers(engine.getIdentityService());
    Cases cases = new Cases(engine);
    LocalDate closesOn = PinnedClock.today().plusDays(14);
    String campaignId = cases.as("sam", () -> engine.getRuntimeService().startProcessInstanceByKey(SurveyProcess.KEY,
        Map.of(SurveyProcess.QUESTION_SET.name(), SurveyStaff.SHORT_SET, SurveyProcess.DEPARTMENTS.name(), "engineering",
            SurveyProcess.OPENS_ON.name(), PinnedClock.today().toString(),
            SurveyProcess.CLOSES_ON.name(), closesOn.toString()))).getBusinessKey();
    cases.runJobsOf(campaignId);

    for (int i = 0; i < 5; i++) {
      String engineer = ENGINEERS.get(i);
      String score = String.valueOf(i + 1);
      String task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(campaignId)
          .taskAssignee(engineer).singleResult().getId();
      cases.as(engineer, () -> engine.getTaskService().complete(task, Map.of(
          "answer_knows_whom_to_ask", score, "answer_reports_concerns", "4")));
    }
    PinnedClock.stopAt(closesOn.plusDays(1).atStartOfDay(PinnedClock.LONDON).toInstant().plusSeconds(60));
    cases.runJobsOf(campaignId);

    SurveyResults.Results shown = results.of(campaignId).orElseThrow();
    assertThat(shown.status()).isEqualTo("CLOSED");
    assertThat(shown.responses()).isEqualTo(5);
    assertThat(shown.overall().questions()).extracting(SurveyResults.QuestionResult::mean).containsExactly(3.0, 4.0);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .variableName("answer_knows_whom_to_ask").count()).isZero();
    assertThat(measures.measure(new Period(PinnedClock.today().minusDays(7), PinnedClock.today())))
        .anySatisfy(measure -> assertThat(measure).extracting(Measure::kpi, Measure::dimension, Measure::current)
            .containsExactly("survey.meanScore", "knows-whom-to-ask", 3.0));
  }
}
