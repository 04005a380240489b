package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.IT_SECURITY;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Mailbox;

/** A researcher withdraws an undecided case of their own, from REST or Tasklist; its reviewers are told. */
@CaseManagementTest
class WithdrawalTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @LocalServerPort
  int port;

  void deliver() {
    dispatcher.deliverAll();
  }

  @Test
  void theRequesterWithdrawsAnOpenCaseItsTasksCloseAndReviewersAreTold() {
    Cases cases = new Cases(engine);
    Map<String, Object> proposal = Cases.lowRiskProposal("Ironbridge Photonics Ltd");
    proposal.put(SENSITIVE_DATA.name(), true);
    proposal.put(COMMERCIAL_POTENTIAL.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.adviseAsTom(ref);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    deliver();

    Http.Reply reply = new Http(port).post("/api/cases/" + ref + "/withdrawal", "rachel",
        Map.of("reason", "The partner pulled out."));
    deliver();

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("outcome").asText()).isEqualTo("WITHDRAWN");
    assertThat(cases.openTasks(ref)).isEmpty();
    assertThat(cases.caseVariable(ref, WITHDRAWAL_REASON)).isEqualTo("The partner pulled out.");
    assertThat(cases.isEnded(ref)).isTrue();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(OnboardingProcess.END_WITHDRAWN_ON_REQUEST).finished().list())
        .anyMatch(end -> end.getProcessInstanceId().equals(engine.getHistoryService()
            .createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
            .processDefinitionKey(OnboardingProcess.KEY).singleResult().getId()));
    for (String reviewer : new String[] {"leila", "ian"}) {
      assertThat(Mailbox.to(reviewer, ref)).extracting(Mailbox.Mail::subject).as(reviewer)
          .contains("No longer needed: Review as " + (reviewer.equals("ian") ? "IT security" : "legal")
              + " for case " + ref);
    }
    assertThat(Mailbox.to("rachel", ref)).as("she did it herself").isEmpty();
    Http.Reply again = new Http(port).post("/api/cases/" + ref + "/withdrawal", "rachel", Map.of());
    assertThat(again.status()).as("withdrawn already").isEqualTo(409);
    assertThat(again.json().path("message").asText())
        .isEqualTo("Case " + ref + " was withdrawn already; reload to see the case.");
    assertThat(cases.openTask(ref, LEGAL.taskId())).isNull();
    assertThat(cases.openTask(ref, IT_SECURITY.taskId())).isNull();
  }

  @Test
  void nobodyElseWithdrawsACaseAndDecidedCasesAreNotWithdrawn() {
    Cases cases = new Cases(engine);
    Http http = new Http(port);
    String open = cases.propose("rachel", Cases.lowRiskProposal("Juniper Fields Ltd"));
    String approved = cases.propose("rachel", Cases.lowRiskProposal("Kingfisher Labs Ltd"));
    cases.approve("hannah", approved, HEAD_OF_DEPARTMENT);

    assertThat(http.post("/api/cases/" + open + "/withdrawal", "omar", Map.of()).status()).isEqualTo(403);
    assertThat(http.post("/api/cases/" + open + "/withdrawal", "hannah", Map.of()).status()).isEqualTo(403);
    Http.Reply decided = http.post("/api/cases/" + approved + "/withdrawal", "rachel", Map.of());
    assertThat(decided.status()).isEqualTo(400);
    assertThat(decided.json().path("message").asText()).contains("already decided");
    assertThat(cases.openTask(open, HEAD_OF_DEPARTMENT.taskId())).isNotNull();
  }

  @Test
  void theTasklistWithdrawalFormDoesTheSame() {
    Cases cases = new Cases(engine);
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Lapwing Systems Ltd"));
    Http.Reply submitted = new Http(port).post("/engine-rest/process-definition/key/case-withdrawal/submit-form",
        "rachel", Map.of("variables", Http.variables(Map.of(CASE_REFERENCE.name(), ref,
            WITHDRAWAL_REASON.name(), "Funding fell through."))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    assertThat(cases.outcome(ref)).isEqualTo("WITHDRAWN");

    Http.Reply unknown = new Http(port).post("/engine-rest/process-definition/key/case-withdrawal/submit-form",
        "rachel", Map.of("variables", Http.variables(Map.of(CASE_REFERENCE.name(), "TR-2026-9999"))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("problems").findValuesAsText("field")).containsExactly("caseReference");
  }
}
