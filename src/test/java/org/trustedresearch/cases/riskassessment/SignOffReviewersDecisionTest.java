package org.trustedresearch.cases.riskassessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who reviews after the head of department, rule by rule. */
class SignOffReviewersDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/sign-off-reviewers.dmn")) {
      decision = dmn.parseDecision(SignOffProcess.REVIEWERS_DECISION, in);
    }
  }

  static List<String> reviewers(String tier, String... trueAnswers) {
    Map<String, Object> facts = new HashMap<>();
    for (String answer : new String[] {"exportControlled", "commercialPotential", "mouRequired", "sensitiveData"}) {
      facts.put(answer, false);
    }
    for (String answer : trueAnswers) {
      facts.put(answer, true);
    }
    facts.put("riskTier", tier);
    return dmn.evaluateDecisionTable(decision, facts).collectEntries("reviewerGroup");
  }

  @Test
  void aLowRiskCaseWithNothingToDeclareNeedsNoSpecialist() {
    assertThat(reviewers("LOW")).isEmpty();
  }

  @Test
  void legalReviewsExportControlCommercialPotentialAndAgreements() {
    assertThat(reviewers("MEDIUM", "exportControlled")).containsOnly("legal");
    assertThat(reviewers("MEDIUM", "commercialPotential")).containsOnly("legal");
    assertThat(reviewers("LOW", "mouRequired")).containsOnly("legal");
  }

  @Test
  void itSecurityReviewsSensitiveData() {
    assertThat(reviewers("MEDIUM", "sensitiveData")).containsOnly("it-security");
  }

  @Test
  void aHighRiskCaseIsReviewedByLegalItSecurityAndTheHeadOfRisk() {
    assertThat(reviewers("HIGH")).containsOnly("legal", "it-security", "head-of-risk");
  }

  @Test
  void theHeadOfRiskReviewsOnlyHighRiskCases() {
    assertThat(reviewers("MEDIUM", "exportControlled", "commercialPotential", "mouRequired", "sensitiveData"))
        .containsOnly("legal", "it-security");
  }
}
