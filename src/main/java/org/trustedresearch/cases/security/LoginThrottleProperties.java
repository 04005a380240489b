package org.trustedresearch.cases.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed logins slow down the next attempts from the same client address.
 *
 * @param failuresPerAccount failed logins for one account from one address before that address must wait to try it again
 * @param failuresPerAddress failed logins from one address, for any accounts, before it must wait to try any
 * @param firstDelay the first wait; it doubles with every further failure
 * @param maxDelay the longest wait
 * @param forgetAfter failures are forgotten this long after the last one
 * @param addressKey the key of the hashes under which addresses are counted in the database, the same on every
 *     node and never in the database; without one each node makes its own and counts on its own
 */
@ConfigurationProperties("trusted-research.login")
record LoginThrottleProperties(int failuresPerAccount, int failuresPerAddress, Duration firstDelay, Duration maxDelay,
    Duration forgetAfter, String addressKey) {

  LoginThrottleProperties {
    failuresPerAccount = failuresPerAccount <= 0 ? 5 : failuresPerAccount;
    failuresPerAddress = failuresPerAddress <= 0 ? 30 : failuresPerAddress;
    firstDelay = firstDelay == null ? Duration.ofSeconds(1) : firstDelay;
    maxDelay = maxDelay == null ? Duration.ofMinutes(15) : maxDelay;
    forgetAfter = forgetAfter == null ? Duration.ofHours(1) : forgetAfter;
  }
}
