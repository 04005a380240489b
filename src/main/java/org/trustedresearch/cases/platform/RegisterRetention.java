package org.trustedresearch.cases.platform;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * Every night after the engine's history cleanup window, the registers drop what they hold about
 * processes whose history is gone, so that nothing outlives its time to live in another table.
 * Once per cluster: the node that claims the night's run does it, the others skip.
 */
@Component
public class RegisterRetention {

  static final String JOB = "register-retention";
  /** Shorter than a day, longer than the nodes' clocks differ. */
  static final Duration HOLD = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(RegisterRetention.class);

  private final List<RetainedWithHistory> registers;
  private final ProcessEngine engine;
  private final ScheduledRuns runs;
  private final TransactionTemplate transaction;

  RegisterRetention(List<RetainedWithHistory> registers, ProcessEngine engine, ScheduledRuns runs,
      PlatformTransactionManager transactions) {
    this.registers = registers;
    this.engine = engine;
    this.runs = runs;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The nightly run, on whichever node claims it first; says whether this node ran it. */
  @Scheduled(cron = "${trusted-research.retention.cron:0 30 5 * * *}", zone = "${trusted-research.service-levels.zone}")
  public boolean removeOncePerCluster() {
    if (!runs.claim(JOB, HOLD)) {
      return false;
    }
    transaction.executeWithoutResult(status -> removeWhereHistoryIsGone());
    return true;
  }

  @Transactional
  public int removeWhereHistoryIsGone() {
    if (((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel()
        .equals(HistoryLevel.HISTORY_LEVEL_NONE)) {
      log.warn("History is switched off: the registers cannot tell which processes have expired and keep everything");
      return 0;
    }
    int removed = registers.stream().mapToInt(RetainedWithHistory::removeWhereHistoryIsGone).sum();
    if (removed > 0) {
      log.info("Removed {} register rows whose process history has been cleaned up", removed);
    }
    return removed;
  }
}
