package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.WITHDRAWAL_REASON;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.platform.RegisterRetention;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * History is kept as long as each process's time to live says, then the nightly cleanup removes it,
 * and the registers forget what they held about it.
 */
@CaseManagementTest
class RetentionTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RegisterRetention retention;
  @Autowired
  JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    PinnedClock.restore();
  }

  @Test
  void theCleanupRunsEveryNightInItsWindow() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    // scheduled when the engine starts, because a window is configured
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty();
  }

  @Test
  void expiredHistoryIsRemovedAndHistoryStillDueIsKept() {
    Cases cases = new Cases(engine);
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Gdansk Materials Institute"));
    String withdrawal = cases.as("rachel", () -> engine.getRuntimeService().startProcessInstanceByKey(
        OnboardingProcess.WITHDRAWAL_PROCESS, Map.of(CASE_REFERENCE.name(), ref,
            WITHDRAWAL_REASON.name(), "The partner closed the lab."))).getId();
    HistoryService history = engine.getHistoryService();
    HistoricProcessInstance onboarding = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).processInstanceBusinessKey(ref).singleResult();
    HistoricProcessInstance request = history.createHistoricProcessInstanceQuery().processInstanceId(withdrawal)
        .singleResult();
    assertThat(onboarding.getEndTime()).as("the withdrawn case has ended").isNotNull();
    // removal is counted from the end: a year for the request, seven for the case itself
    assertThat(request.getRemovalTime()).isEqualTo(Date.from(request.getEndTime().toInstant().plus(Duration.ofDays(365))));
    assertThat(onboarding.getRemovalTime())
        .isEqualTo(Date.from(onboarding.getEndTime().toInstant().plus(Duration.ofDays(2555))));

    ClockUtil.setCurrentTime(Date.from(request.getEndTime().toInstant().plus(Duration.ofDays(364))));
    cleanUp();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(withdrawal).count()).isOne();

    ClockUtil.setCurrentTime(Date.from(request.getEndTime().toInstant().plus(Duration.ofDays(366))));
    cleanUp();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(withdrawal).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(withdrawal).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(withdrawal).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(onboarding.getId()).count()).isOne();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(onboarding.getId()).count()).isPositive();
  }

  @Test
  void whenTheEngineHasRemovedAProcesssHistoryTheRegistersForgetItToo() {
    Cases cases = new Cases(engine);
    String expired = cases.propose("rachel", Cases.lowRiskProposal("Retention Optics GmbH"));
    cases.decide("hannah", expired, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.APPROVE_WITH_CONDITIONS, null,
        "Keep the raw data in the UK.");
    String kept = cases.propose("rachel", Cases.lowRiskProposal("Retention Lasers GmbH"));
    String incident = cases.as("omar", () -> engine.getRuntimeService().startProcessInstanceByKey(IncidentProcess.KEY,
        Map.of(IncidentProcess.CATEGORY.name(), "LOST_DEVICE", IncidentProcess.DESCRIPTION.name(), "A lost phone.",
            IncidentProcess.OCCURRED_AT.name(), ClockUtil.getCurrentTime()))).getBusinessKey();
    assertThat(rows("tr_mitigation", expired)).isOne();
    // an agreement review recorded for the expired case, whose clause review's history is gone too
    jdbc.sql("""
        insert into tr_mou_review (case_reference, process_instance_id, required_clauses, started_at)
        values (?, 'a-removed-clause-review', 'SECURITY_COMPLIANCE', current_timestamp)""").param(expired).update();
    jdbc.sql("""
        insert into tr_mou_document (review_id, kind, version, file_name, media_type, size_bytes, sha256, content,
          uploaded_by, uploaded_at)
        select id, 'DRAFT', 1, 'draft.pdf', 'application/pdf', 1, 'x', X'25', 'rachel', current_timestamp
        from tr_mou_review where case_reference = ?""").param(expired).update();

    // as the history cleanup does once their time to live has passed
    removeHistory(expired);
    removeHistory(incident);
    assertThat(retention.removeWhereHistoryIsGone()).isGreaterThanOrEqualTo(5);

    assertThat(rows("tr_collaboration_case", expired)).isZero();
    assertThat(rows("tr_mitigation", expired)).isZero();
    assertThat(rows("tr_mou_review", expired)).isZero();
    assertThat(jdbc.sql("select count(*) from tr_mou_document where file_name = 'draft.pdf' and review_id not in "
        + "(select id from tr_mou_review)").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from tr_incident where reference = ?").param(incident).query(Long.class)
        .single()).isZero();
    assertThat(rows("tr_collaboration_case", kept)).isOne();
  }

  private long rows(String table, String caseReference) {
    return jdbc.sql("select count(*) from " + table + " where case_reference = ?").param(caseReference)
        .query(Long.class).single();
  }

  private void removeHistory(String businessKey) {
    for (HistoricProcessInstance instance : engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).list()) {
      if (instance.getEndTime() == null) {
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "time to live passed", true, true);
      }
    }
    engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .forEach(instance -> engine.getHistoryService().deleteHistoricProcessInstanceIfExists(instance.getId()));
  }

  /** What the nightly job does, now. */
  private void cleanUp() {
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
  }
}
