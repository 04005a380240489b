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
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;

/** History is kept as long as each process's time to live says, then the nightly cleanup removes it. */
@CaseManagementTest
class RetentionTest {

  @Autowired
  ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
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

  /** What the nightly job does, now. */
  private void cleanUp() {
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
  }
}
