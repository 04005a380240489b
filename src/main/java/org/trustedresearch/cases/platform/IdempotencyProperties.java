package org.trustedresearch.cases.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests sent with an {@code Idempotency-Key}.
 *
 * @param retention how long the first answer to a key is given again; after that the key is forgotten
 * @param waitForFirst how long a duplicate that arrives while the first is still running waits for its answer
 * @param abandonedAfter a first request that has not answered after this is taken as lost (its node
 *     stopped), and the key may be used again
 */
@ConfigurationProperties("trusted-research.idempotency")
record IdempotencyProperties(Duration retention, Duration waitForFirst, Duration abandonedAfter) {

  IdempotencyProperties {
    retention = retention == null ? Duration.ofHours(24) : retention;
    waitForFirst = waitForFirst == null ? Duration.ofSeconds(30) : waitForFirst;
    abandonedAfter = abandonedAfter == null ? Duration.ofMinutes(5) : abandonedAfter;
  }
}
