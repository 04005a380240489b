package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who triages a reported incident and who contains a breach, rule by rule. */
class IncidentTriageDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/incident-triage.dmn")) {
      decision = dmn.parseDecision(IncidentProcess.TRIAGE_DECISION, in);
    }
  }

  static DmnDecisionRuleResult route(String category) {
    return dmn.evaluateDecisionTable(decision, Map.of("incidentCategory", category)).getSingleResult();
  }

  @Test
  void itSecurityTriagesCyberIncidentsAndLostDevices() {
    for (String category : new String[] {"CYBER_INCIDENT", "LOST_DEVICE"}) {
      assertThat(route(category).<String>getEntry("triageGroup")).as(category).isEqualTo("it-security");
      assertThat(route(category).getEntryMap()).as(category).doesNotContainKey("containmentGroup");
    }
  }

  @Test
  void theHeadOfRiskTriagesApproachesInterferenceAndEverythingElse() {
    for (String category : new String[] {"SUSPICIOUS_APPROACH", "FOREIGN_INTERFERENCE", "OTHER"}) {
      assertThat(route(category).<String>getEntry("triageGroup")).as(category).isEqualTo("head-of-risk");
      assertThat(route(category).getEntryMap()).as(category).doesNotContainKey("containmentGroup");
    }
  }

  @Test
  void legalDecidesExternalReportingOfBreachesWhileItSecurityContainsThem() {
    for (String category : new String[] {"PERSONAL_DATA_BREACH", "EXPORT_CONTROL_BREACH"}) {
      assertThat(route(category).<String>getEntry("triageGroup")).as(category).isEqualTo("legal");
      assertThat(route(category).<String>getEntry("containmentGroup")).as(category).isEqualTo("it-security");
    }
  }

  @Test
  void everyCategoryHasExactlyOneRule() {
    for (IncidentProcess.Category category : IncidentProcess.Category.values()) {
      assertThat(dmn.evaluateDecisionTable(decision, Map.of("incidentCategory", category.name()))).hasSize(1);
    }
    assertThat(dmn.evaluateDecisionTable(decision, Map.of("incidentCategory", "GOSSIP"))).isEmpty();
  }
}
