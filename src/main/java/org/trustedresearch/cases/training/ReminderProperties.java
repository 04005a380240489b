package org.trustedresearch.cases.training;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminders before a training record expires.
 *
 * @param leadTime how long before the expiry people are reminded (30 days unless given)
 */
@ConfigurationProperties("trusted-research.training.reminders")
record ReminderProperties(Period leadTime) {

  ReminderProperties {
    if (leadTime != null && (leadTime.isNegative() || leadTime.isZero())) {
      throw new IllegalArgumentException("trusted-research.training.reminders.lead-time must be longer than nothing");
    }
    leadTime = leadTime == null ? Period.ofDays(30) : leadTime;
  }
}
