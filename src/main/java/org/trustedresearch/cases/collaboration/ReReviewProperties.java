package org.trustedresearch.cases.collaboration;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When approved collaborations are reviewed again.
 *
 * @param months how many months after approval, by risk tier
 * @param noticeDays how many days before that the researcher is told
 */
@ConfigurationProperties("trusted-research.re-review")
record ReReviewProperties(Map<CollaborationCase.RiskTier, Integer> months, int noticeDays) {

  ReReviewProperties {
    months = months == null || months.isEmpty()
        ? Map.of(CollaborationCase.RiskTier.HIGH, 12, CollaborationCase.RiskTier.MEDIUM, 24,
            CollaborationCase.RiskTier.LOW, 36)
        : Map.copyOf(months);
    noticeDays = noticeDays <= 0 ? 30 : noticeDays;
  }
}
