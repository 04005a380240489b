package org.trustedresearch.cases.mou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_OUTCOME;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PostgresTest;

/** An agreement reviewed in two rounds on PostgreSQL: files in bytea, rounds, clause statuses. */
@PostgresTest
class MouOnPostgresTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  AgreementDocuments documents;
  @Autowired
  MouReviews reviews;

  @Test
  void anAgreementIsNegotiatedClearedAndKeptOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
    Cases cases = new Cases(engine);
    Map<String, Object> proposal = Cases.lowRiskProposal("Mossgiel Instruments Ltd");
    proposal.put(MOU_REQUIRED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);

    byte[] first = Agreements.docx("First draft");
    cases.as("rachel", () -> documents.uploadDraft(ref, "draft.docx", first, null));
    complete(cases, ref, MouReviewProcess.PROVIDE_DRAFT, "rachel", Map.of());
    legal(cases, ref, "MISSING", "REQUEST_CHANGES", "Add the confidentiality clause.");
    cases.as("rachel", () -> documents.uploadDraft(ref, "draft-2.pdf", Agreements.pdf("Second"), null));
    complete(cases, ref, MouReviewProcess.PROVIDE_DRAFT, "rachel",
        Map.of(MouReviewProcess.CHANGE_NOTE.name(), "Confidentiality added as clause 7."));
    legal(cases, ref, "PRESENT", "CLEAR", null);

    assertThat(cases.caseVariable(ref, MOU_OUTCOME)).isEqualTo("CLEARED");
    MouReviews.Review review = reviews.latest(ref).orElseThrow();
    assertThat(review.securityClauseIncluded()).isTrue();
    assertThat(reviews.rounds(review.id())).extracting(MouReviews.Round::decision)
        .containsExactly("REQUEST_CHANGES", "CLEAR");
    assertThat(reviews.rounds(review.id()).get(0).clauses()).hasSize(3);
    MouReviews.Document kept = reviews.documents(review.id()).get(0);
    assertThat(reviews.content(kept.id())).isEqualTo(first);
    assertThat(reviews.documents(review.id()).get(1).changeNote()).isEqualTo("Confidentiality added as clause 7.");
  }

  private void legal(Cases cases, String ref, String confidentiality, String decision, String notes) {
    String checks = "{\"SECURITY_COMPLIANCE\":{\"status\":\"PRESENT\"},\"PUBLICATION_RIGHTS\":{\"status\":\"PRESENT\"},"
        + "\"CONFIDENTIALITY\":{\"status\":\"" + confidentiality + "\"}}";
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put(MouReviewProcess.CLAUSE_CHECKS, SpinValues.jsonValue(checks).create());
    variables.put(MouReviewProcess.LEGAL_DECISION.name(), decision);
    variables.put(MouReviewProcess.LEGAL_NOTES.name(), notes);
    complete(cases, ref, MouReviewProcess.REVIEW_CLAUSES, "leila", variables);
  }

  private void complete(Cases cases, String ref, String taskKey, String user, Map<String, Object> variables) {
    Task task = cases.openTask(ref, taskKey);
    cases.as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getTaskService().complete(task.getId(), variables);
    });
    cases.runJobsOf(ref);
  }
}
