package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.PinnedClock;

@CaseManagementTest
class CollaborationOnboardingTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  CaseRegister register;
  Cases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
  }

  @Test
  void aNewCaseGetsAReferenceAsBusinessKeyAndRecordsItsRequester() {
    ProcessInstance instance = cases.as("rachel", () -> engine.getRuntimeService()
        .startProcessInstanceByKey(OnboardingProcess.KEY, Cases.lowRiskProposal("Aldgate Acoustics Ltd")));

    assertThat(instance.getBusinessKey()).matches("TR-" + PinnedClock.now().atZone(ZoneOffset.UTC).getYear() + "-\\d{4,}");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), CASE_REFERENCE.name()))
        .isEqualTo(instance.getBusinessKey());
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), REQUESTER.name())).isEqualTo("rachel");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), REQUESTER_NAME.name())).isEqualTo("Rachel Reed");
    assertThat(register.requesterOf(instance.getBusinessKey())).contains("rachel");
    assertThat(instance).isWaitingAt(OnboardingProcess.SCREEN_PARTNER);
  }

  @Test
  void caseReferencesFollowEachOther() {
    String first = cases.propose("rachel", Cases.lowRiskProposal("Birchwood Analytics Ltd"));
    String second = cases.propose("omar", Cases.lowRiskProposalIn("computer-science", "Cobalt Vision AB"));
    long firstNumber = Long.parseLong(first.substring(first.lastIndexOf('-') + 1));
    assertThat(second).isEqualTo(String.format("TR-%d-%04d", PinnedClock.now().atZone(ZoneOffset.UTC).getYear(), firstNumber + 1));
  }

  @Test
  void aProposalNamingSomeoneElseAsRequesterIsRefused() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Delphine Optics SARL");
    proposal.put(REQUESTER.name(), "omar");
    assertThatThrownBy(() -> cases.propose("rachel", proposal))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("requester:");
  }

  @Test
  void badAnswersAreRefusedAtTheEngineNamingEachFieldAndNothingIsCreated() {
    Map<String, Object> proposal = Cases.lowRiskProposal("  ");
    proposal.put(DEPARTMENT.name(), "alchemy");
    proposal.put(PARTNER_COUNTRY.name(), "UK");
    proposal.put(FUNDING_AMOUNT_GBP.name(), "lots");
    proposal.put(DUAL_USE.name(), "yes");
    proposal.remove(SUMMARY.name());
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).count();

    assertThatThrownBy(() -> cases.propose("rachel", proposal))
        .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.getProblems())
            .extracting(InvalidCaseInputException.Problem::field)
            .containsExactly("department", "partnerName", "partnerCountry", "fundingAmountGbp", "dualUse", "summary"));

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY).count()).isEqualTo(before);
  }

  @Test
  void answersAreNormalised() {
    Map<String, Object> proposal = Cases.lowRiskProposal("  Elmstead Sensors Ltd ");
    proposal.put(PARTNER_COUNTRY.name(), "fr");
    proposal.put(FUNDING_AMOUNT_GBP.name(), 12000);
    String ref = cases.propose("rachel", proposal);
    assertThat(cases.caseVariable(ref, PARTNER_NAME)).isEqualTo("Elmstead Sensors Ltd");
    assertThat(cases.caseVariable(ref, PARTNER_COUNTRY)).isEqualTo("FR");
    assertThat(cases.caseVariable(ref, FUNDING_AMOUNT_GBP)).isEqualTo(12000L);
  }

  @Test
  void aPotentialSanctionsMatchMakesTheCaseHighAndShowsTheMatch() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Kestrel Optical Systems, LLC");
    String ref = cases.propose("rachel", proposal);

    assertThat(cases.caseVariable(ref, SCREENING_RESULT)).isEqualTo("POTENTIAL_MATCH");
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("HIGH");
    assertThat((String) cases.caseVariable(ref, SCREENING_MATCHES))
        .contains("KESTREL OPTICAL SYSTEMS L.L.C.", "Alias", "FIC0003");
    assertThat(cases.caseVariable(ref, SCREENING_LIST_DATE)).isEqualTo("UK Sanctions List of 01-Nov-2026");

    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, ReviewerRole.LEGAL);
    cases.approve("ian", ref, ReviewerRole.IT_SECURITY);
    Task headOfRisk = cases.openTask(ref, ReviewerRole.HEAD_OF_RISK.taskId());
    assertThat((String) engine.getTaskService().getVariable(headOfRisk.getId(), SCREENING_MATCHES.name()))
        .contains("FIC0003");
  }

  @Test
  void aClearPartnerInAHighRiskCountryIsMediumAndHighWithExportControl() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Frostline Institute");
    proposal.put(PARTNER_COUNTRY.name(), "RU");
    String medium = cases.propose("rachel", proposal);
    proposal.put(EXPORT_CONTROLLED.name(), true);
    String high = cases.propose("rachel", proposal);

    assertThat(cases.caseVariable(medium, SCREENING_RESULT)).isEqualTo("CLEAR");
    assertThat(cases.caseVariable(medium, PARTNER_IN_HIGH_RISK_COUNTRY)).isEqualTo(true);
    assertThat(cases.caseVariable(medium, RISK_TIER)).isEqualTo("MEDIUM");
    assertThat(cases.caseVariable(high, RISK_TIER)).isEqualTo("HIGH");
  }

  @Test
  void fundingAtTheConfiguredThresholdIsMedium() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Greyfriars Capital Partners");
    proposal.put(FUNDING_AMOUNT_GBP.name(), 249_999L);
    String below = cases.propose("rachel", proposal);
    proposal.put(FUNDING_AMOUNT_GBP.name(), 250_000L);
    String at = cases.propose("rachel", proposal);
    assertThat(cases.caseVariable(below, RISK_TIER)).isEqualTo("LOW");
    assertThat(cases.caseVariable(at, RISK_TIER)).isEqualTo("MEDIUM");
  }

  @Test
  void aReferredBackCaseIsAmendedByItsRequesterReTieredAndReviewedAgain() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Harbourside Biobank Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    String ref = cases.propose("rachel", proposal);
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("MEDIUM");

    cases.adviseAsTom(ref);
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REFER_BACK,
        "Use the anonymised extract instead of patient records.", null);

    Task amend = cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL);
    assertThat(amend.getAssignee()).isEqualTo("rachel");
    assertThat((String) engine.getTaskService().getVariable(amend.getId(), REVIEW_SUMMARY.name()))
        .contains("REFER_BACK", "Use the anonymised extract instead of patient records.");
    assertThat(amend.getDueDate()).isNotNull();

    Map<String, Object> amended = new HashMap<>(proposal);
    amended.put(SENSITIVE_DATA.name(), false);
    amended.put(AMEND_DECISION.name(), AmendDecision.RESUBMIT.name());
    amended.put(AMENDMENT_NOTE.name(), "Only the anonymised extract will be shared.");
    cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), amended));
    cases.runJobs();

    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("LOW");
    cases.approve("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ref).processDefinitionKey("risk-assessment-sign-off").count()).isEqualTo(2);
  }

  @Test
  void anAmendmentIsCheckedLikeANewProposal() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Ivybridge Quantum Ltd"));
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REFER_BACK, "Name the actual partner.", null);
    Task amend = cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL);

    Map<String, Object> noNote = Map.of(AMEND_DECISION.name(), "RESUBMIT");
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), noNote)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("amendmentNote:");
    Map<String, Object> badCountry = Map.of(AMEND_DECISION.name(), "RESUBMIT", AMENDMENT_NOTE.name(), "Renamed",
        PARTNER_COUNTRY.name(), "ZZ");
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), badCountry)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("partnerCountry:");
    Map<String, Object> otherRequester = Map.of(AMEND_DECISION.name(), "WITHDRAW", REQUESTER.name(), "omar");
    assertThatThrownBy(() -> cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(), otherRequester)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("requester:");
    assertThat(cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL)).isNotNull();
  }

  @Test
  void aReferredBackCaseCanBeWithdrawnByItsRequester() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Juniper Nanotech Ltd"));
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REFER_BACK, "Clarify the funding.", null);
    Task amend = cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL);

    cases.as("rachel", () -> engine.getTaskService().complete(amend.getId(),
        Map.of(AMEND_DECISION.name(), AmendDecision.WITHDRAW.name())));

    assertThat(cases.outcome(ref)).isEqualTo("WITHDRAWN");
    HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ref).processDefinitionKey(OnboardingProcess.KEY).singleResult();
    assertThat(instance.getEndActivityId()).isEqualTo(OnboardingProcess.END_WITHDRAWN);
  }

  @Test
  void aRejectedCaseEndsRejected() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Kingsway Imaging Ltd"));
    cases.decide("hannah", ref, ReviewerRole.HEAD_OF_DEPARTMENT, Decision.REJECT, "Duplicates an existing project.", null);
    assertThat(cases.outcome(ref)).isEqualTo("REJECTED");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getEndActivityId())
        .isEqualTo(OnboardingProcess.END_REJECTED);
  }
}
