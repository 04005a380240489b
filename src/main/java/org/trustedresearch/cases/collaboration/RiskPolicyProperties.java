package org.trustedresearch.cases.collaboration;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The parts of the institution's risk appetite that change more often than the decision table.
 *
 * @param highRiskCountries ISO 3166-1 alpha-2 codes of countries whose partners raise the tier
 * @param fundingThresholdGbp from this amount a collaboration is at least MEDIUM
 */
@ConfigurationProperties("trusted-research.risk-policy")
record RiskPolicyProperties(List<String> highRiskCountries, long fundingThresholdGbp) {

  RiskPolicyProperties {
    highRiskCountries = highRiskCountries == null ? List.of()
        : highRiskCountries.stream().map(code -> code.strip().toUpperCase(Locale.ROOT)).toList();
  }
}
