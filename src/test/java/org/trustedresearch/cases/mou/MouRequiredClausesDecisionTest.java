package org.trustedresearch.cases.mou;

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
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** Which clauses an agreement must contain (the clause library), rule by rule. */
class MouRequiredClausesDecisionTest {

  static final List<String> ALWAYS = List.of("SECURITY_COMPLIANCE", "PUBLICATION_RIGHTS", "CONFIDENTIALITY");

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("processes/mou-required-clauses.dmn")) {
      decision = dmn.parseDecision(MouReviewProcess.REQUIRED_CLAUSES_DECISION, in);
    }
  }

  static List<String> clauses(String tier, String... trueAnswers) {
    Map<String, Object> facts = new HashMap<>();
    for (String answer : new String[] {"exportControlled", "sensitiveData", "commercialPotential"}) {
      facts.put(answer, false);
    }
    for (String answer : trueAnswers) {
      facts.put(answer, true);
    }
    facts.put("riskTier", tier);
    return dmn.evaluateDecisionTable(decision, facts).collectEntries("clauseId");
  }

  @Test
  void everyAgreementNeedsTheSecurityCompliancePublicationAndConfidentialityClauses() {
    assertThat(clauses("LOW")).containsExactlyInAnyOrderElementsOf(ALWAYS);
    assertThat(clauses("MEDIUM")).containsExactlyInAnyOrderElementsOf(ALWAYS);
  }

  @Test
  void commercialPotentialNeedsIntellectualPropertyOwnership() {
    assertThat(clauses("MEDIUM", "commercialPotential")).contains("IP_OWNERSHIP").hasSize(ALWAYS.size() + 1);
  }

  @Test
  void exportControlledWorkNeedsExportControlAndSanctionsCompliance() {
    assertThat(clauses("MEDIUM", "exportControlled")).contains("EXPORT_CONTROL").hasSize(ALWAYS.size() + 1);
  }

  @Test
  void sensitiveDataNeedsDataProtectionAndInternationalTransfer() {
    assertThat(clauses("MEDIUM", "sensitiveData")).contains("DATA_PROTECTION").hasSize(ALWAYS.size() + 1);
  }

  @Test
  void aHighRiskCollaborationNeedsAuditRightsAndTerminationOnSanctionsDesignation() {
    assertThat(clauses("HIGH")).containsExactlyInAnyOrder("SECURITY_COMPLIANCE", "PUBLICATION_RIGHTS",
        "CONFIDENTIALITY", "AUDIT_RIGHTS", "SANCTIONS_TERMINATION");
  }

  @Test
  void everythingAtOnceNeedsEveryClauseOnce() {
    assertThat(clauses("HIGH", "commercialPotential", "exportControlled", "sensitiveData"))
        .doesNotHaveDuplicates().hasSize(8);
  }

  @Test
  void everyClauseTheTableCanRequireIsInTheConfiguredClauseLibraryWithTheRiskItMitigates() throws IOException {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
        .load("application", new FileSystemResource("src/main/resources/application.yaml"));
    MouProperties properties = new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources
        .from(yaml.get(0))).bind("trusted-research.mou", MouProperties.class).get();
    ClauseLibrary library = new ClauseLibrary(properties);

    List<String> named = Dmn.readModelFromFile(new java.io.File("processes/mou-required-clauses.dmn"))
        .getModelElementsByType(OutputEntry.class).stream()
        .map(entry -> entry.getText().getTextContent().replace("\"", "")).distinct().toList();

    assertThat(named).hasSize(8);
    assertThat(library.required(named)).hasSize(named.size())
        .allSatisfy(clause -> assertThat(clause.mitigates()).isNotBlank())
        .allSatisfy(clause -> assertThat(clause.wording()).isNotBlank())
        .allSatisfy(clause -> assertThat(clause.guidance()).isNotBlank());
  }
}
