package org.trustedresearch.cases.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Once per cluster: every node's timer fires, the first to claim the job's row runs it, and the row
 * stays claimed for the hold, so that the other nodes' timers firing within it skip. The hold is
 * shorter than the job's interval and longer than the clocks of two nodes differ (the engine's job
 * locks need synchronised clocks too). Each claim commits at once, outside any transaction.
 */
@Repository
public class ScheduledRuns {

  private final JdbcClient jdbc;
  private final String node = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

  ScheduledRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True if this node may run the job now; false if another node has run it within the hold. */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public boolean claim(String job, Duration hold) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Timestamp until = Timestamp.from(now.plus(hold));
    int claimed = jdbc.sql("update tr_scheduled_run set locked_until = ?, locked_by = ? where job = ? and locked_until <= ?")
        .params(until, node, job, Timestamp.from(now))
        .update();
    if (claimed == 1) {
      return true;
    }
    try {
      jdbc.sql("insert into tr_scheduled_run (job, locked_until, locked_by) values (?, ?, ?)")
          .params(job, until, node)
          .update();
      return true;
    } catch (DuplicateKeyException claimedElsewhere) {
      return false;
    }
  }

  String node() {
    return node;
  }
}
