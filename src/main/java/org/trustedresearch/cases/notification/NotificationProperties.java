package org.trustedresearch.cases.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications are written and delivered.
 *
 * @param baseUrl where people reach the application, for links into Tasklist
 * @param from the sender of every e-mail
 * @param templates where the e-mail templates are ({@code classpath:/mail/} or a folder of the institution's own)
 * @param headOfRiskSignature how the Head of Risk signs thank-you messages
 * @param dispatch delivery of the outbox
 */
@ConfigurationProperties("trusted-research.notification")
public record NotificationProperties(String baseUrl, String from, String templates, String headOfRiskSignature,
    Dispatch dispatch) {

  /**
   * @param enabled whether this instance delivers the outbox (several instances may)
   * @param interval pause between deliveries when the outbox is empty
   * @param batchSize messages one dispatcher claims at a time
   * @param maxAttempts failed deliveries after which a message is FAILED, for an administrator to look at
   * @param firstRetry wait after the first failure; it doubles with every further failure
   * @param maxRetry longest wait between two attempts
   * @param lockTimeout after this, a message claimed by a dispatcher that stopped is claimed again
   */
  public record Dispatch(boolean enabled, Duration interval, int batchSize, int maxAttempts, Duration firstRetry,
      Duration maxRetry, Duration lockTimeout) {

    public Dispatch {
      interval = interval == null ? Duration.ofSeconds(2) : interval;
      batchSize = batchSize <= 0 ? 100 : batchSize;
      maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
      firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
      maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
      lockTimeout = lockTimeout == null ? Duration.ofMinutes(5) : lockTimeout;
    }
  }

  public NotificationProperties {
    baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    from = from == null ? "Trusted Research Cases <trusted-research@example.org>" : from;
    templates = templates == null ? "classpath:/mail/" : templates;
    headOfRiskSignature = headOfRiskSignature == null ? "Head of Risk for International Collaboration"
        : headOfRiskSignature;
    dispatch = dispatch == null ? new Dispatch(true, null, 0, 0, null, null, null) : dispatch;
  }
}
