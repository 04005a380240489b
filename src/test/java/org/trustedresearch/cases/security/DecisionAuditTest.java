package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.MOU_REQUIRED;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.LEGAL;

import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.incident.IncidentProcess.IcoDecision;
import org.trustedresearch.cases.mou.MouReviewProcess;
import org.trustedresearch.cases.mou.MouReviewProcess.DeviationDecision;
import org.trustedresearch.cases.mou.MouReviewProcess.LegalDecision;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.support.Agreements;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.TestUsers;

/**
 * Every decision, override and deviation is in the case history with who took it and when: the user
 * operation log records the claim, the assignment and the completion with the user and the time,
 * and history (level full) keeps each value the decision variable took, tied to that operation.
 */
@CaseManagementTest
class DecisionAuditTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  Http http;
  Cases cases;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    cases = new Cases(engine);
  }

  @Test
  void aSignOffDecisionIsRecordedWithTheReviewerAndTheTime() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Audit Optics Ltd"));
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    Date before = ClockUtil.getCurrentTime();

    claimAndComplete(task, "hannah", Http.variables(Map.of(HEAD_OF_DEPARTMENT.decision().name(), Decision.REJECT.name(),
        HEAD_OF_DEPARTMENT.comment().name(), "The partner's funding is unexplained.")));

    UserOperationLogEntry completion = operation(task, UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "hannah", before);
    operation(task, UserOperationLogEntry.OPERATION_TYPE_CLAIM, "hannah", before);
    decisionValue(completion, HEAD_OF_DEPARTMENT.decision().name(), Decision.REJECT.name());
    decisionValue(completion, HEAD_OF_DEPARTMENT.comment().name(), "The partner's funding is unexplained.");
  }

  @Test
  void anAdministratorReassigningAReviewIsRecordedAsAnOverride() {
    TestUsers.ensureHeadOfPhysicsInItSecurity(engine.getIdentityService());
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Audit Lasers Ltd"));
    String task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId()).getId();
    cases.as("hannah", () -> engine.getTaskService().claim(task, "hannah"));
    Date before = ClockUtil.getCurrentTime();

    // hannah is away: the administrator hands her review to morgan, the other head of physics
    assertThat(http.post("/engine-rest/task/" + task + "/assignee", "demo", Map.of("userId", "morgan")).status())
        .isEqualTo(204);

    UserOperationLogEntry reassigned = operation(task, UserOperationLogEntry.OPERATION_TYPE_ASSIGN, "demo", before);
    assertThat(reassigned.getProperty()).isEqualTo("assignee");
    assertThat(reassigned.getOrgValue()).isEqualTo("hannah");
    assertThat(reassigned.getNewValue()).isEqualTo("morgan");
  }

  @Test
  void theHeadOfRisksDeviationDecisionIsRecordedWithHerAndTheTime() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Audit Coatings GmbH");
    proposal.put(MOU_REQUIRED.name(), true);
    String ref = cases.propose("rachel", proposal);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("leila", ref, LEGAL);
    assertThat(http.postFile("/api/cases/" + ref + "/mou/drafts", "rachel", Map.of(), "draft.pdf",
        Agreements.pdf("Draft")).status()).isEqualTo(201);
    claimAndComplete(cases.openTask(ref, MouReviewProcess.PROVIDE_DRAFT).getId(), "rachel", Map.of());
    Map<String, Object> checks = new LinkedHashMap<>();
    List.of("SECURITY_COMPLIANCE", "CONFIDENTIALITY").forEach(clause -> checks.put(clause, Map.of("status", "PRESENT")));
    checks.put("PUBLICATION_RIGHTS", Map.of("status", "MISSING", "note", "No publication clause at all"));
    Map<String, Object> review = new HashMap<>(Http.variables(Map.of(
        MouReviewProcess.LEGAL_DECISION.name(), LegalDecision.CLEAR.name(),
        MouReviewProcess.LEGAL_NOTES.name(), "The partner's funder forbids a publication clause.")));
    review.put(MouReviewProcess.CLAUSE_CHECKS, Map.of("type", "Json", "value", Http.toJson(checks)));
    claimAndComplete(cases.openTask(ref, MouReviewProcess.REVIEW_CLAUSES).getId(), "leila", review);
    String deviation = cases.openTask(ref, MouReviewProcess.DECIDE_DEVIATION).getId();
    Date before = ClockUtil.getCurrentTime();

    claimAndComplete(deviation, "helen", Http.variables(Map.of(
        MouReviewProcess.DEVIATION_DECISION.name(), DeviationDecision.ACCEPT_DEVIATION.name(),
        MouReviewProcess.DEVIATION_REASON.name(), "Publication agreed by letter.")));

    UserOperationLogEntry completion = operation(deviation, UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "helen",
        before);
    decisionValue(completion, MouReviewProcess.DEVIATION_DECISION.name(), DeviationDecision.ACCEPT_DEVIATION.name());
    decisionValue(completion, MouReviewProcess.DEVIATION_REASON.name(), "Publication agreed by letter.");
  }

  @Test
  void anIcoDecisionIsRecordedWithTheLawyerAndTheTime() {
    Map<String, Object> report = new HashMap<>();
    report.put("incidentCategory", IncidentProcess.Category.PERSONAL_DATA_BREACH.name());
    report.put("description", "Survey answers e-mailed to the wrong partner.");
    report.put("occurredAt", "2026-01-05T10:00:00Z");
    Reply reported = http.post("/api/incidents", "rachel", report);
    assertThat(reported.status()).as(reported.body()).isEqualTo(201);
    String reference = reported.json().path("reference").asText();
    cases.runJobsOf(reference);
    String decision = cases.openTask(reference, IncidentProcess.DECIDE_ICO_NOTIFICATION).getId();
    Date before = ClockUtil.getCurrentTime();

    claimAndComplete(decision, "leila", Http.variables(Map.of(
        IncidentProcess.ICO_DECISION.name(), IcoDecision.NOTIFY.name(),
        IncidentProcess.ICO_REASONS.name(), "Personal data of 40 participants disclosed.")));

    UserOperationLogEntry completion = operation(decision, UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "leila",
        before);
    decisionValue(completion, IncidentProcess.ICO_DECISION.name(), IcoDecision.NOTIFY.name());
  }

  void claimAndComplete(String task, String user, Map<String, Object> variables) {
    assertThat(http.post("/engine-rest/task/" + task + "/claim", user, Map.of("userId", user)).status()).isEqualTo(204);
    Reply completed = http.post("/engine-rest/task/" + task + "/complete", user, Map.of("variables", variables));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
  }

  /** The operation on the task in the user operation log, by this user, at a time between {@code from} and now. */
  UserOperationLogEntry operation(String task, String type, String user, Date from) {
    List<UserOperationLogEntry> entries = engine.getHistoryService().createUserOperationLogQuery().taskId(task)
        .operationType(type).list();
    assertThat(entries).as(type + " of task " + task).isNotEmpty();
    UserOperationLogEntry entry = entries.get(entries.size() - 1);
    assertThat(entry.getUserId()).as(type).isEqualTo(user);
    assertThat(entry.getTimestamp()).as(type).isBetween(from, ClockUtil.getCurrentTime(), true, true);
    return entry;
  }

  /** The decision variable took {@code value} in that very operation (history level full keeps every value). */
  void decisionValue(UserOperationLogEntry operation, String variable, Object value) {
    List<HistoricVariableUpdate> updates = engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(operation.getProcessInstanceId()).list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals(variable))
        .toList();
    assertThat(updates).as(variable).anySatisfy(update -> {
      assertThat(update.getValue()).isEqualTo(value);
      assertThat(update.getUserOperationId()).isEqualTo(operation.getOperationId());
      assertThat(update.getTime()).as("recorded as the operation was").isCloseTo(operation.getTimestamp(), 1000);
    });
  }
}
