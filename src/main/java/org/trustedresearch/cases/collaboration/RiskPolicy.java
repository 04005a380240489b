package org.trustedresearch.cases.collaboration;

import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The configured part of the risk policy, as the models read it: {@code ${riskPolicy...}}. The
 * rules themselves are in the decision table collaboration-risk-tier.
 */
@Component("riskPolicy")
public class RiskPolicy {

  private final Set<String> highRiskCountries;
  private final long fundingThresholdGbp;

  RiskPolicy(RiskPolicyProperties properties) {
    this.highRiskCountries = Set.copyOf(properties.highRiskCountries());
    this.fundingThresholdGbp = properties.fundingThresholdGbp();
  }

  public boolean isHighRiskCountry(String countryCode) {
    return countryCode != null && highRiskCountries.contains(countryCode.toUpperCase(Locale.ROOT));
  }

  public long fundingThresholdGbp() {
    return fundingThresholdGbp;
  }
}
