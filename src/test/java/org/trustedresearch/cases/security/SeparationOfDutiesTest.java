package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustedresearch.cases.collaboration.CollaborationCase.EXPORT_CONTROLLED;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;
import static org.trustedresearch.cases.support.TestUsers.RESEARCHER_IN_LEGAL;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.TestUsers;

@CaseManagementTest
class SeparationOfDutiesTest {

  @Autowired
  ProcessEngine engine;
  Cases cases;
  TaskService tasks;
  String ref;
  Task legalReview;

  @BeforeEach
  void aLegalReviewerProposesAnExportControlledCollaboration() {
    cases = new Cases(engine);
    tasks = engine.getTaskService();
    TestUsers.ensureResearcherInLegal(engine.getIdentityService());
    Map<String, Object> proposal = Cases.lowRiskProposal("Lumen Defence Optics Ltd");
    proposal.put(EXPORT_CONTROLLED.name(), true);
    ref = cases.propose(RESEARCHER_IN_LEGAL, proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    legalReview = cases.openTask(ref, LEGAL.taskId());
  }

  @Test
  void theRequesterSeesTheReviewInTheirGroupButCannotClaimIt() {
    assertThatThrownBy(() -> cases.as(RESEARCHER_IN_LEGAL, () -> tasks.claim(legalReview.getId(), RESEARCHER_IN_LEGAL)))
        .isInstanceOf(SeparationOfDutiesViolation.class).hasMessageContaining(ref);
    assertThat(tasks.createTaskQuery().taskId(legalReview.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void theRequesterCannotCompleteTheReviewOfTheirOwnCase() {
    assertThatThrownBy(() -> cases.as(RESEARCHER_IN_LEGAL,
        () -> tasks.complete(legalReview.getId(), Map.of("legalDecision", "APPROVE"))))
        .isInstanceOf(SeparationOfDutiesViolation.class);
    assertThat(cases.openTask(ref, LEGAL.taskId())).isNotNull();
  }

  @Test
  void nobodyCanAssignOrDelegateTheReviewToTheRequester() {
    assertThatThrownBy(() -> cases.as("leila", () -> tasks.setAssignee(legalReview.getId(), RESEARCHER_IN_LEGAL)))
        .isInstanceOf(SeparationOfDutiesViolation.class);
    cases.as("leila", () -> tasks.claim(legalReview.getId(), "leila"));
    assertThatThrownBy(() -> cases.as("leila", () -> tasks.delegateTask(legalReview.getId(), RESEARCHER_IN_LEGAL)))
        .isInstanceOf(SeparationOfDutiesViolation.class);
    assertThat(tasks.createTaskQuery().taskId(legalReview.getId()).singleResult().getAssignee()).isEqualTo("leila");
  }

  @Test
  void anotherMemberOfTheGroupDecidesTheReview() {
    cases.approve("leila", ref, LEGAL);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }
}
