package org.trustedresearch.cases.riskassessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.*;

import java.time.ZonedDateTime;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PinnedClock;

@CaseManagementTest
class RiskAssessmentSignOffTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Mitigations mitigations;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @Test
  void lowRiskCollaborationIsDecidedByTheHeadOfDepartmentAlone() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Helios Optics GmbH"));

    Task hodTask = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(hodTask).isNotNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(hodTask.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("hod-physics");
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(cases.openTasks(ref)).isEmpty();
    HistoricProcessInstance signOff = signOffOf(ref);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(signOff.getId()).activityType("userTask").count()).isEqualTo(1);
  }

  @Test
  void sensitiveDataBringsInItSecurityOnly() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Northgate Genomics Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("MEDIUM");

    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(IT_SECURITY.taskId());
    cases.approve("ian", ref, IT_SECURITY);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @Test
  void exportControlBringsInLegalOnly() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Arden Photonics BV");
    proposal.put(EXPORT_CONTROLLED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);

    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).containsExactly(LEGAL.taskId());
    cases.approve("leila", ref, LEGAL);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @Test
  void legalAndItSecurityReviewInParallelWhenBothAreRequired() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Larkspur Data Systems AB");
    proposal.put(SENSITIVE_DATA.name(), true);
    proposal.put(COMMERCIAL_POTENTIAL.name(), true);
    proposal.put(DEPARTMENT.name(), "computer-science");
    String ref = cases.propose("omar", proposal);

    cases.approve("charles", ref, HEAD_OF_DEPARTMENT);

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder(LEGAL.taskId(), IT_SECURITY.taskId());
    cases.approve("ian", ref, IT_SECURITY);
    assertThat(cases.outcome(ref)).as("still waiting for legal").isNull();
    cases.approve("leila", ref, LEGAL);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @Test
  void highRiskCollaborationNeedsHeadOfRiskSignOffLastSeeingEveryEarlierDecision() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Eastern Polytechnic Institute");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("HIGH");

    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.APPROVE, "Strong scientific case.", null);
    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder(LEGAL.taskId(), IT_SECURITY.taskId());
    cases.approve("leila", ref, LEGAL);
    cases.decide("ian", ref, IT_SECURITY, Decision.APPROVE_WITH_CONDITIONS, null,
        "Data stays in the university's secure research environment.");

    Task headOfRisk = cases.openTask(ref, HEAD_OF_RISK.taskId());
    assertThat(headOfRisk).isNotNull();
    String earlier = (String) engine.getTaskService().getVariable(headOfRisk.getId(), REVIEW_SUMMARY.name());
    assertThat(earlier)
        .contains("Head of department Hannah Price (hannah): APPROVE", "Strong scientific case.")
        .contains("Legal Leila Novak (leila): APPROVE")
        .contains("IT security Ian Fletcher (ian): APPROVE_WITH_CONDITIONS", "secure research environment");

    cases.approve("helen", ref, HEAD_OF_RISK);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED_WITH_CONDITIONS");
    assertThat(cases.caseVariable(ref, CONDITIONS)).isEqualTo(
        "IT security: Data stays in the university's secure research environment.");
  }

  @Test
  void aHighRiskCaseReferredBackBySpecialistsDoesNotReachTheHeadOfRisk() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Pinecrest Aerospace Ltd");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    cases.approve("leila", ref, LEGAL);
    cases.decide("ian", ref, IT_SECURITY, Decision.REFER_BACK, "Describe where the flight data will be stored.", null);

    assertThat(cases.openTask(ref, HEAD_OF_RISK.taskId())).isNull();
    assertThat(cases.caseVariable(ref, SIGN_OFF_OUTCOME)).isEqualTo("REFERRED_BACK");
    assertThat(cases.openTask(ref, "UserTask_AmendProposal").getAssignee()).isEqualTo("rachel");
  }

  @Test
  void theHeadOfRiskCanRejectAHighRiskCaseOthersApproved() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Zorvan Dynamics");
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    assertThat(cases.caseVariable(ref, SCREENING_RESULT)).isEqualTo("POTENTIAL_MATCH");
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    cases.approve("ian", ref, IT_SECURITY);

    cases.decide("helen", ref, HEAD_OF_RISK, Decision.REJECT,
        "The partner is the designated Zorvan Dynamics Research Institute (FIC0001).", null);

    assertThat(cases.outcome(ref)).isEqualTo("REJECTED");
  }

  @Test
  void conditionsOfAnApprovalBecomeTheCasesMitigations() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Corvid Instruments SA"));

    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.APPROVE_WITH_CONDITIONS, "Fine with safeguards.",
        "Trusted Research training before the first visit.");

    assertThat(cases.outcome(ref)).isEqualTo("APPROVED_WITH_CONDITIONS");
    assertThat(mitigations.ofCase(ref)).singleElement().satisfies(mitigation -> {
      assertThat(mitigation.reviewerRole()).isEqualTo("HEAD_OF_DEPARTMENT");
      assertThat(mitigation.decidedBy()).isEqualTo("hannah");
      assertThat(mitigation.owner()).isEqualTo("rachel");
      assertThat(mitigation.conditions()).isEqualTo("Trusted Research training before the first visit.");
    });
  }

  @Test
  void aRejectionEndsTheCaseWithoutFurtherReviews() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Obsidian Dynamics LLC");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    cases.decide("leila", ref, LEGAL, Decision.REJECT, "The partner is owned by a defence ministry.", null);
    assertThat(cases.outcome(ref)).as("IT security still reviewing").isNull();
    cases.approve("ian", ref, IT_SECURITY);

    assertThat(cases.outcome(ref)).isEqualTo("REJECTED");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(ref).taskDefinitionKey(HEAD_OF_RISK.taskId()).count()).isZero();
    assertThat(cases.caseVariable(ref, REVIEW_SUMMARY).toString()).contains("The partner is owned by a defence ministry.");
  }

  @Test
  void aHeadsOwnCaseGoesToTheHeadOfRiskInstead() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Meadowbank Catalysis Ltd");
    proposal.put(DEPARTMENT.name(), "chemistry");
    String ref = cases.propose("priya", proposal);

    Task first = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(engine.getTaskService().getIdentityLinksForTask(first.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("head-of-risk");
    cases.approve("helen", ref, HEAD_OF_DEPARTMENT);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
  }

  @Test
  void referringBackOrRejectingNeedsAComment() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Quillon Labs Oy"));

    assertThatThrownBy(() -> cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.REFER_BACK, " ", null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("hodComment:");
    assertThatThrownBy(() -> cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.REJECT, null, null))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("hodComment:");
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).as("the task stays open").isNotNull();
  }

  @Test
  void approvalWithConditionsNeedsTheConditionsAndOtherDecisionsNone() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Tamarind Robotics Pte"));

    assertThatThrownBy(() -> cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.APPROVE_WITH_CONDITIONS,
        "ok", null)).isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("hodConditions:");
    assertThatThrownBy(() -> cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.APPROVE, null,
        "Annual report")).isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("hodConditions:");
  }

  @Test
  void aDecisionOutsideTheContractIsRefused() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Umbrella Optics KK"));
    Task task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());

    assertThatThrownBy(() -> cases.as("hannah",
        () -> engine.getTaskService().complete(task.getId(), Map.of("hodDecision", "MAYBE"))))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("hodDecision: must be one of APPROVE, APPROVE_WITH_CONDITIONS, REFER_BACK, REJECT");
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).isNotNull();
  }

  @Test
  void everySignOffTaskIsDueInFiveWorkingDays() {
    PinnedClock.stopAt(ZonedDateTime.of(2026, 6, 16, 10, 0, 0, 0, PinnedClock.LONDON).toInstant());
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Vantage Metrology GmbH"));
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getDueDate().toInstant())
        .as("proposed on a Tuesday, due the Tuesday after")
        .isEqualTo(ZonedDateTime.of(2026, 6, 23, 10, 0, 0, 0, PinnedClock.LONDON).toInstant());
  }

  @Test
  void aSignOffTaskCreatedBeforeChristmasSkipsTheBankHolidaysAndTheWeekend() {
    PinnedClock.stopAt(ZonedDateTime.of(2026, 12, 18, 10, 0, 0, 0, PinnedClock.LONDON).toInstant());
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Yardley Cryogenics Ltd"));
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getDueDate().toInstant())
        .as("21-24 December, then (25 and 28 December being bank holidays) 29 December")
        .isEqualTo(ZonedDateTime.of(2026, 12, 29, 10, 0, 0, 0, PinnedClock.LONDON).toInstant());
  }

  @Test
  void theSignOffCarriesTheCaseReference() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Wexford Materials plc"));
    HistoricProcessInstance signOff = signOffOf(ref);
    assertThat(signOff.getBusinessKey()).isEqualTo(ref);
    assertThat(engine.getRuntimeService().getVariable(signOff.getId(), CASE_REFERENCE.name())).isEqualTo(ref);
  }

  private HistoricProcessInstance signOffOf(String caseReference) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseReference)
        .processDefinitionKey(SignOffProcess.KEY)
        .orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).get(0);
  }
}
