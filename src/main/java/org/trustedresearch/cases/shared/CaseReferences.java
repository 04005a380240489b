package org.trustedresearch.cases.shared;

import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out references of every kind of case, {@code <prefix>-<year>-<sequence>} (TR- collaborations,
 * INC- incidents), the sequence restarting each year.
 * The counter is incremented in the caller's transaction, so a case that is rolled back (bad input)
 * gives its number back and references have no gaps.
 */
@Component
public class CaseReferences {

  private final JdbcClient jdbc;
  private final TransactionTemplate separateTransaction;

  public CaseReferences(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.separateTransaction = new TransactionTemplate(transactionManager);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next(String prefix) {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear();
    ensureCounter(prefix, year);
    jdbc.sql("update tr_case_sequence set last_value = last_value + 1 where prefix = ? and seq_year = ?")
        .params(prefix, year)
        .update();
    long sequence = jdbc.sql("select last_value from tr_case_sequence where prefix = ? and seq_year = ?")
        .params(prefix, year)
        .query(Long.class)
        .single();
    return String.format("%s-%d-%04d", prefix, year, sequence);
  }

  /** The first case of a year creates its counter, in its own transaction so that a race loses nothing. */
  private void ensureCounter(String prefix, int year) {
    boolean exists = jdbc.sql("select count(*) from tr_case_sequence where prefix = ? and seq_year = ?")
        .params(prefix, year)
        .query(Long.class)
        .single() > 0;
    if (exists) {
      return;
    }
    try {
      separateTransaction.executeWithoutResult(status ->
          jdbc.sql("insert into tr_case_sequence (prefix, seq_year, last_value) values (?, ?, 0)")
              .params(prefix, year)
              .update());
    } catch (DuplicateKeyException concurrentlyCreated) {
      // another case created the counter first; use it
    }
  }
}
