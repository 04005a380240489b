package org.trustedresearch.cases.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of first answers, keyed by caller and key; each statement commits on its own. */
@Repository
class IdempotencyKeys {

  static final String PENDING = "PENDING";
  static final String DONE = "DONE";

  record Entry(String fingerprint, String state, Integer status, String contentType, String body, Instant createdAt) {
  }

  private final JdbcClient jdbc;

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True if this request is the first with the key: the row is its until it answers. */
  boolean claim(String scope, String keyHash, String fingerprint, Instant now) {
    try {
      jdbc.sql("insert into tr_idempotency_key (scope, key_hash, fingerprint, state, created_at) values (?, ?, ?, ?, ?)")
          .params(scope, keyHash, fingerprint, PENDING, Timestamp.from(now))
          .update();
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  Optional<Entry> find(String scope, String keyHash) {
    return jdbc.sql("select fingerprint, state, status, content_type, body, created_at from tr_idempotency_key"
            + " where scope = ? and key_hash = ?")
        .params(scope, keyHash)
        .query((row, number) -> new Entry(row.getString("fingerprint"), row.getString("state"),
            (Integer) row.getObject("status"), row.getString("content_type"), row.getString("body"),
            row.getTimestamp("created_at").toInstant()))
        .optional();
  }

  void answered(String scope, String keyHash, int status, String contentType, String body) {
    jdbc.sql("update tr_idempotency_key set state = ?, status = ?, content_type = ?, body = ?"
            + " where scope = ? and key_hash = ?")
        .params(DONE, status, contentType, body, scope, keyHash)
        .update();
  }

  /** Forgets a key whose first request failed, so that a corrected retry may run. */
  void release(String scope, String keyHash) {
    jdbc.sql("delete from tr_idempotency_key where scope = ? and key_hash = ? and state = ?")
        .params(scope, keyHash, PENDING)
        .update();
  }

  /** Forgets one entry if it is still the one that was read (created then), so two nodes do not both take it over. */
  boolean forget(String scope, String keyHash, Instant createdAt) {
    return jdbc.sql("delete from tr_idempotency_key where scope = ? and key_hash = ? and created_at = ?")
        .params(scope, keyHash, Timestamp.from(createdAt))
        .update() == 1;
  }

  int forgetCreatedBefore(Instant cutoff) {
    return jdbc.sql("delete from tr_idempotency_key where created_at < ?").params(Timestamp.from(cutoff)).update();
  }
}
