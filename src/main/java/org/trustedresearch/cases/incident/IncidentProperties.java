package org.trustedresearch.cases.incident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Incident reporting's clocks and limits.
 *
 * @param icoDecision how long after awareness a personal data breach must be decided for the ICO (UK GDPR: 72 hours)
 * @param icoEscalation when an undecided ICO decision goes to the Head of Risk
 * @param maxDescriptionLength the longest description accepted
 * @param anonymousReportsPerHour anonymous reports accepted from one client address in an hour
 * @param anonymousReportsPerHourOverall anonymous reports accepted from everyone together in an hour
 * @param limitKey the key of the hashes under which client addresses are counted, the same on every node and
 *     never in the database; without one each node makes its own and counts per-address limits on its own
 */
@ConfigurationProperties("trusted-research.incidents")
record IncidentProperties(Duration icoDecision, Duration icoEscalation, int maxDescriptionLength,
    int anonymousReportsPerHour, int anonymousReportsPerHourOverall, String limitKey) {

  IncidentProperties {
    icoDecision = icoDecision == null ? Duration.ofHours(72) : icoDecision;
    icoEscalation = icoEscalation == null ? Duration.ofHours(48) : icoEscalation;
    maxDescriptionLength = maxDescriptionLength <= 0 ? 10_000 : maxDescriptionLength;
    anonymousReportsPerHour = anonymousReportsPerHour <= 0 ? 5 : anonymousReportsPerHour;
    anonymousReportsPerHourOverall = anonymousReportsPerHourOverall <= 0 ? 50 : anonymousReportsPerHourOverall;
  }
}
