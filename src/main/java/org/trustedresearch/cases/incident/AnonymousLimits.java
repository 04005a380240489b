package org.trustedresearch.cases.incident;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The anonymous-report counters in the database, one row per counter, hashed client and hour. Taking
 * one is a conditional update, so two nodes never both take the last; each statement commits at once.
 */
@Repository
class AnonymousLimits {

  private final JdbcClient jdbc;

  AnonymousLimits(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one use unless the limit is reached; says whether it was counted. */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  boolean take(String counter, String clientHash, Instant window, int limit) {
    if (increment(counter, clientHash, window, limit)) {
      return true;
    }
    try {
      jdbc.sql("insert into tr_anonymous_limit (counter, client_hash, window_start, used) values (?, ?, ?, 1)")
          .params(counter, clientHash, Timestamp.from(window))
          .update();
      return limit > 0;
    } catch (DuplicateKeyException countedMeanwhile) {
      return increment(counter, clientHash, window, limit);
    }
  }

  /** Gives back a use taken a moment ago. */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void giveBack(String counter, String clientHash, Instant window) {
    jdbc.sql("update tr_anonymous_limit set used = used - 1 where counter = ? and client_hash = ? and window_start = ?"
            + " and used > 0")
        .params(counter, clientHash, Timestamp.from(window))
        .update();
  }

  /** Forgets every hour before this one. */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  int forgetBefore(Instant window) {
    return jdbc.sql("delete from tr_anonymous_limit where window_start < ?").params(Timestamp.from(window)).update();
  }

  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void forgetAll() {
    jdbc.sql("delete from tr_anonymous_limit").update();
  }

  private boolean increment(String counter, String clientHash, Instant window, int limit) {
    return jdbc.sql("update tr_anonymous_limit set used = used + 1"
            + " where counter = ? and client_hash = ? and window_start = ? and used < ?")
        .params(counter, clientHash, Timestamp.from(window), limit)
        .update() == 1;
  }
}
