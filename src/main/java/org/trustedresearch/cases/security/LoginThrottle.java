package org.trustedresearch.cases.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.KeyedHashes;

/**
 * Slows down password guessing by where it comes from, not by whom it is aimed at. The engine's own
 * throttle delays and finally locks the account, whoever sends the wrong passwords, so a stranger
 * who knows a user id could lock its owner out; it is switched off (application.yaml) in favour of
 * this. Failures are counted per client address and per address and account: past a few, that
 * address waits, doubling with each further failure, before its next attempt is even checked. The
 * owner signing in from anywhere else is not affected; a right password clears the count for that
 * account from that address. Time is the engine's clock.
 * <p>
 * The counts live in the database (table {@code tr_login_failure}), so that a guesser gets no more
 * attempts from a cluster than from one node. Counting is one conditional update, or an insert when
 * there is no row yet, so two nodes counting at once lose neither failure. Addresses are stored only
 * as hashes keyed with {@code trusted-research.login.address-key}. Forgotten rows are deleted as new
 * failures are counted, so the table holds only the failures of the last {@code forget-after}.
 */
@Component
class LoginThrottle {

  static final String ADDRESS = "ADDRESS";
  static final String ACCOUNT = "ACCOUNT";

  private final LoginThrottleProperties properties;
  private final JdbcClient jdbc;
  private final KeyedHashes clients;

  LoginThrottle(LoginThrottleProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clients = KeyedHashes.withKey(properties.addressKey());
  }

  /** The failures remembered for one scope: how many, and when the last one was. */
  private record Failures(int count, long lastMillis) {
  }

  /**
   * An attempt to sign in as {@code user} from {@code address}, and how long the address must still
   * wait before it is checked; {@link #mustWait()} is empty if it may try now.
   */
  record Attempt(String addressHash, String accountHash, Optional<Duration> mustWait, boolean accountHasFailures) {
  }

  /** Looks both counts up in one query. */
  Attempt attempt(String address, String user) {
    String addressHash = clients.of(address);
    String accountHash = clients.of(account(address, user));
    long now = now().toEpochMilli();
    Map<String, Failures> remembered = jdbc.sql("select scope, failures, last_failure from tr_login_failure"
            + " where (scope = ? and client_hash = ?) or (scope = ? and client_hash = ?)")
        .params(ADDRESS, addressHash, ACCOUNT, accountHash)
        .query((row, number) -> Map.entry(row.getString(1), new Failures(row.getInt(2), row.getTimestamp(3).getTime())))
        .list().stream()
        .filter(entry -> !forgotten(entry.getValue(), now))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    long wait = Math.max(wait(remembered.get(ADDRESS), properties.failuresPerAddress(), now),
        wait(remembered.get(ACCOUNT), properties.failuresPerAccount(), now));
    return new Attempt(addressHash, accountHash, wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty(),
        remembered.containsKey(ACCOUNT));
  }

  void failed(Attempt attempt) {
    Instant now = now();
    Timestamp forgottenBefore = Timestamp.from(now.minus(properties.forgetAfter()));
    jdbc.sql("delete from tr_login_failure where last_failure < ?").param(forgottenBefore).update();
    count(ADDRESS, attempt.addressHash(), now, forgottenBefore);
    count(ACCOUNT, attempt.accountHash(), now, forgottenBefore);
  }

  /** The right password: the account's count from this address starts again; the address's own count stays. */
  void succeeded(Attempt attempt) {
    // nearly every request signs in with HTTP Basic: only one that had failed before costs a statement
    if (attempt.accountHasFailures()) {
      jdbc.sql("delete from tr_login_failure where scope = ? and client_hash = ?")
          .params(ACCOUNT, attempt.accountHash())
          .update();
    }
  }

  private long wait(Failures failures, int free, long now) {
    if (failures == null || failures.count() < free) {
      return 0;
    }
    int doublings = Math.min(failures.count() - free, 30);
    long delay = Math.min(properties.firstDelay().toMillis() << doublings, properties.maxDelay().toMillis());
    return Math.max(0, failures.lastMillis() + delay - now);
  }

  /** Forgotten some time after the last failure, or if the clock was set back before it. */
  private boolean forgotten(Failures failures, long now) {
    return now - failures.lastMillis() > properties.forgetAfter().toMillis() || now < failures.lastMillis();
  }

  /** One more failure, or the first again if the earlier ones are forgotten; a row another node inserts meanwhile is counted on. */
  private void count(String scope, String clientHash, Instant now, Timestamp forgottenBefore) {
    if (increment(scope, clientHash, now, forgottenBefore)) {
      return;
    }
    try {
      jdbc.sql("insert into tr_login_failure (scope, client_hash, failures, last_failure) values (?, ?, 1, ?)")
          .params(scope, clientHash, Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException countedMeanwhile) {
      increment(scope, clientHash, now, forgottenBefore);
    }
  }

  private boolean increment(String scope, String clientHash, Instant now, Timestamp forgottenBefore) {
    Timestamp at = Timestamp.from(now);
    return jdbc.sql("update tr_login_failure"
            + " set failures = case when last_failure < ? or last_failure > ? then 1 else failures + 1 end,"
            + " last_failure = ? where scope = ? and client_hash = ?")
        .params(forgottenBefore, at, at, scope, clientHash)
        .update() == 1;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** User ids are compared without case, so that {@code Demo} and {@code demo} share a count. */
  private static String account(String address, String user) {
    return address + "\n" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }
}
