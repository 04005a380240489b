package org.trustedresearch.cases.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing by where it comes from, not by whom it is aimed at. The engine's own
 * throttle delays and finally locks the account, whoever sends the wrong passwords, so a stranger
 * who knows a user id could lock its owner out; it is switched off (application.yaml) in favour of
 * this. Failures are counted per client address and per address and account: past a few, that
 * address waits, doubling with each further failure, before its next attempt is even checked. The
 * owner signing in from anywhere else is not affected; a right password clears the count for that
 * account from that address. Time is the engine's clock.
 */
@Component
class LoginThrottle {

  /** Counts kept at most, the oldest dropped first, so that a flood of names cannot exhaust memory. */
  static final int MAX_RECORDS = 10_000;

  private final LoginThrottleProperties properties;
  private final Map<String, Failures> byAddress = bounded();
  private final Map<String, Failures> byAccount = bounded();

  LoginThrottle(LoginThrottleProperties properties) {
    this.properties = properties;
  }

  private static final class Failures {
    int count;
    long lastMillis;
  }

  /** How long the address must still wait before a login as {@code user} is checked; empty if it may try now. */
  synchronized Optional<Duration> waitBefore(String address, String user) {
    long now = ClockUtil.getCurrentTime().getTime();
    long wait = Math.max(wait(byAddress, address, properties.failuresPerAddress(), now),
        wait(byAccount, account(address, user), properties.failuresPerAccount(), now));
    return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
  }

  synchronized void failed(String address, String user) {
    long now = ClockUtil.getCurrentTime().getTime();
    count(byAddress, address, now);
    count(byAccount, account(address, user), now);
  }

  /** The right password: the account's count from this address starts again; the address's own count stays. */
  synchronized void succeeded(String address, String user) {
    byAccount.remove(account(address, user));
  }

  private long wait(Map<String, Failures> counts, String key, int free, long now) {
    Failures failures = current(counts, key, now);
    if (failures == null || failures.count < free) {
      return 0;
    }
    int doublings = Math.min(failures.count - free, 30);
    long delay = Math.min(properties.firstDelay().toMillis() << doublings, properties.maxDelay().toMillis());
    return Math.max(0, failures.lastMillis + delay - now);
  }

  private void count(Map<String, Failures> counts, String key, long now) {
    Failures failures = current(counts, key, now);
    if (failures == null) {
      failures = new Failures();
      counts.put(key, failures);
    }
    failures.count++;
    failures.lastMillis = now;
  }

  /** The failures still remembered: none once forgotten, or if the clock was set back before the last one. */
  private Failures current(Map<String, Failures> counts, String key, long now) {
    Failures failures = counts.get(key);
    if (failures != null && (now - failures.lastMillis > properties.forgetAfter().toMillis() || now < failures.lastMillis)) {
      counts.remove(key);
      return null;
    }
    return failures;
  }

  /** User ids are compared without case, so that {@code Demo} and {@code demo} share a count. */
  private static String account(String address, String user) {
    return address + "\n" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }

  private static Map<String, Failures> bounded() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > MAX_RECORDS;
      }
    };
  }
}
