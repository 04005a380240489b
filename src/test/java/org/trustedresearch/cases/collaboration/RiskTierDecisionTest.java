package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default risk policy, rule by rule, without the engine around it. */
class RiskTierDecisionTest {

  static final long THRESHOLD = 250_000L;
  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/collaboration-risk-tier.dmn")) {
      decision = dmn.parseDecision("collaboration-risk-tier", in);
    }
  }

  static Map<String, Object> clearLowRiskCase() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("screeningResult", "CLEAR");
    for (String answer : new String[] {"partnerStateLinks", "exportControlled", "dualUse", "partnerInHighRiskCountry",
        "sensitiveData", "commercialPotential", "ethicalConcerns"}) {
      facts.put(answer, false);
    }
    facts.put("fundingAmountGbp", 0L);
    facts.put("fundingThresholdGbp", THRESHOLD);
    return facts;
  }

  static String tier(Map<String, Object> facts) {
    return dmn.evaluateDecisionTable(decision, facts).getSingleResult().getEntry("riskTier");
  }

  static String tierWith(String fact, Object value) {
    Map<String, Object> facts = clearLowRiskCase();
    facts.put(fact, value);
    return tier(facts);
  }

  @Test
  void aCollaborationWithNothingToDeclareIsLow() {
    assertThat(tier(clearLowRiskCase())).isEqualTo("LOW");
  }

  @Test
  void aPotentialSanctionsMatchIsHighWhateverElseIsTrue() {
    assertThat(tierWith("screeningResult", "POTENTIAL_MATCH")).isEqualTo("HIGH");
  }

  @Test
  void aPartnerWithStateSecurityLinksIsHigh() {
    assertThat(tierWith("partnerStateLinks", true)).isEqualTo("HIGH");
  }

  @Test
  void exportControlledWorkWithAPartnerInAHighRiskCountryIsHigh() {
    Map<String, Object> facts = clearLowRiskCase();
    facts.put("exportControlled", true);
    facts.put("partnerInHighRiskCountry", true);
    assertThat(tier(facts)).isEqualTo("HIGH");
  }

  @Test
  void dualUseWorkWithAPartnerInAHighRiskCountryIsHigh() {
    Map<String, Object> facts = clearLowRiskCase();
    facts.put("dualUse", true);
    facts.put("partnerInHighRiskCountry", true);
    assertThat(tier(facts)).isEqualTo("HIGH");
  }

  @Test
  void eachResearchAtRiskQuestionAloneMakesACaseMedium() {
    for (String answer : new String[] {"exportControlled", "dualUse", "sensitiveData", "commercialPotential",
        "ethicalConcerns", "partnerInHighRiskCountry"}) {
      assertThat(tierWith(answer, true)).as(answer).isEqualTo("MEDIUM");
    }
  }

  @Test
  void sensitiveDataWithAPartnerInAHighRiskCountryIsMediumNotHigh() {
    Map<String, Object> facts = clearLowRiskCase();
    facts.put("sensitiveData", true);
    facts.put("partnerInHighRiskCountry", true);
    assertThat(tier(facts)).isEqualTo("MEDIUM");
  }

  @Test
  void fundingFromTheThresholdUpIsMediumAndBelowItLow() {
    assertThat(tierWith("fundingAmountGbp", THRESHOLD - 1)).isEqualTo("LOW");
    assertThat(tierWith("fundingAmountGbp", THRESHOLD)).isEqualTo("MEDIUM");
    assertThat(tierWith("fundingAmountGbp", 5_000_000L)).isEqualTo("MEDIUM");
  }

  @Test
  void theThresholdIsConfigurationNotPartOfTheTable() {
    Map<String, Object> facts = clearLowRiskCase();
    facts.put("fundingAmountGbp", 100_000L);
    facts.put("fundingThresholdGbp", 50_000L);
    assertThat(tier(facts)).isEqualTo("MEDIUM");
  }
}
