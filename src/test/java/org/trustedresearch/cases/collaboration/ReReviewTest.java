package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;

/** Approved collaborations come back for re-review by tier, or early when the research office asks. */
@CaseManagementTest
class ReReviewTest {

  static final ZonedDateTime APPROVAL = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @LocalServerPort
  int port;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    ClockUtil.setCurrentTime(Date.from(APPROVAL.toInstant()));
  }

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  void deliver() {
    dispatcher.deliverAll();
  }

  String approvedLowRiskCase(String partner) {
    String ref = cases.propose("rachel", Cases.lowRiskProposal(partner));
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    return ref;
  }

  static void at(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  void decideReReview(String ref, ReReviewDecision decision, String comment) {
    Task task = cases.openTask(ref, OnboardingProcess.RE_REVIEW);
    cases.as("sam", () -> {
      engine.getTaskService().claim(task.getId(), "sam");
      engine.getTaskService().complete(task.getId(), Map.of(RE_REVIEW_DECISION.name(), decision.name(),
          RE_REVIEW_COMMENT.name(), comment));
    });
    cases.runJobsOf(ref);
  }

  @Test
  void anApprovedCollaborationIsAnnouncedThirtyDaysAheadThenReReviewedByTheResearchOffice() {
    String ref = approvedLowRiskCase("Cedar Point Analytics Ltd");
    assertThat(cases.caseVariable(ref, RE_REVIEW_DUE_AT)).as("LOW: 36 months")
        .isEqualTo(Date.from(APPROVAL.plusMonths(36).toInstant()));
    deliver();

    at(APPROVAL.plusMonths(36).minusDays(31));
    cases.runJobsOf(ref);
    deliver();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject).noneMatch(s -> s.contains("re-review"));

    at(APPROVAL.plusMonths(36).minusDays(30).plusMinutes(1));
    cases.runJobsOf(ref);
    deliver();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject)
        .contains("Case " + ref + " is due for re-review on Saturday 1 December 2029, 09:00");
    assertThat(cases.openTask(ref, OnboardingProcess.RE_REVIEW)).isNull();

    at(APPROVAL.plusMonths(36).plusMinutes(1));
    cases.runJobsOf(ref);
    deliver();
    assertThat(cases.openTask(ref, OnboardingProcess.RE_REVIEW)).isNotNull();
    assertThat(Mailbox.to("sam", ref)).extracting(Mailbox.Mail::subject)
        .contains("Re-review collaboration waits for you: case " + ref);

    decideReReview(ref, ReReviewDecision.CONFIRM, "Partner and work unchanged; conditions kept.");
    assertThat(cases.caseVariable(ref, RE_REVIEW_DUE_AT)).as("again 36 months on")
        .isEqualTo(Date.from(APPROVAL.plusMonths(72).plusMinutes(1).toInstant()));
    assertThat(cases.isEnded(ref)).isFalse();
  }

  @Test
  void aHighRiskCollaborationIsReReviewedAfterTwelveMonths() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Dovecote Aerospace Ltd");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL);
    cases.approve("ian", ref, org.trustedresearch.cases.riskassessment.ReviewerRole.IT_SECURITY);
    cases.approve("helen", ref, org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_RISK);
    assertThat(cases.caseVariable(ref, RE_REVIEW_DUE_AT)).isEqualTo(Date.from(APPROVAL.plusMonths(12).toInstant()));
  }

  @Test
  void aReassessmentRunsTheSignOffAgainWithTheCurrentAnswers() {
    String ref = approvedLowRiskCase("Eastgate Materials Ltd");
    Http http = new Http(port);
    assertThat(http.post("/api/cases/" + ref + "/re-review", "sam", Map.of("reason", "The partner was acquired."))
        .status()).isEqualTo(200);
    assertThat(cases.caseVariable(ref, RE_REVIEW_REASON)).isEqualTo("The partner was acquired.");

    decideReReview(ref, ReReviewDecision.REASSESS, "New owner: screen again and sign off.");

    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).as("signed off again").isNotNull();
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey("risk-assessment-sign-off").count()).isEqualTo(2);
  }

  @Test
  void aReReviewCanEndTheCollaborationAndTheResearcherIsToldWhy() {
    String ref = approvedLowRiskCase("Foxglove Instruments Ltd");
    new Http(port).post("/api/cases/" + ref + "/re-review", "sam", Map.of("reason", "Incident INC-2026-0003."));
    deliver();

    decideReReview(ref, ReReviewDecision.END, "The partner breached the data agreement.");
    deliver();

    assertThat(cases.isEnded(ref)).isTrue();
    assertThat(cases.caseVariable(ref, COLLABORATION_ENDED_AT)).isNotNull();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::text)
        .anyMatch(text -> text.contains("The partner breached the data agreement."));
  }

  @Test
  void onlyTheResearchOfficeReReviewsEarlyAndOnlyApprovedCollaborations() {
    Http http = new Http(port);
    String approved = approvedLowRiskCase("Gannet Robotics Ltd");
    String undecided = cases.propose("rachel", Cases.lowRiskProposal("Heron Optics Ltd"));

    assertThat(http.post("/api/cases/" + approved + "/re-review", "rachel", Map.of("reason", "Curious")).status())
        .isEqualTo(403);
    Http.Reply notYet = http.post("/api/cases/" + undecided + "/re-review", "sam", Map.of("reason", "Too early"));
    assertThat(notYet.status()).isEqualTo(400);
    assertThat(notYet.json().path("problems").findValuesAsText("field")).containsExactly("caseReference");
    assertThat(http.post("/api/cases/" + approved + "/re-review", "sam", Map.of()).json()
        .path("problems").findValuesAsText("field")).containsExactly("reason");
    assertThat(http.post("/api/cases/TR-1999-0001/re-review", "sam", Map.of("reason", "x")).status()).isEqualTo(400);
  }
}
