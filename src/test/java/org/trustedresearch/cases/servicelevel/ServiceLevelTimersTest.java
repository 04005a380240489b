package org.trustedresearch.cases.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * Reminders, escalation and the withdrawal of unamended cases, on the engine's clock moved by the
 * test over Christmas 2026: Friday 25 and Monday 28 December and Friday 1 January are bank
 * holidays, besides the weekends.
 */
@CaseManagementTest
class ServiceLevelTimersTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  Cases cases;

  @BeforeEach
  void christmasEve() {
    cases = new Cases(engine);
    at(2026, 12, 24, 10, 0);
  }

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  static Date london(int year, int month, int day, int hour, int minute) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, LONDON).toInstant());
  }

  static void at(int year, int month, int day, int hour, int minute) {
    ClockUtil.setCurrentTime(london(year, month, day, hour, minute));
  }

  void deliver() {
    dispatcher.deliverAll();
  }

  @Test
  void aSignOffIsRemindedOnItsDueDateAndEscalatedFiveWorkingDaysLater() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Alder Spectroscopy Ltd"));
    Task task = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    // Thursday 24 December + 5 working days: 29, 30, 31 December, 4 and 5 January
    assertThat(task.getDueDate()).isEqualTo(london(2027, 1, 5, 10, 0));
    deliver();

    at(2027, 1, 5, 9, 59);
    cases.runJobsOf(ref);
    deliver();
    assertThat(Mailbox.to("hannah", ref)).as("only the new-task mail before the due date").hasSize(1);

    at(2027, 1, 5, 10, 1);
    cases.runJobsOf(ref);
    deliver();
    assertThat(Mailbox.to("hannah", ref)).extracting(Mailbox.Mail::subject)
        .contains("Reminder: Review as head of department for case " + ref + " is due");
    assertThat(Mailbox.to("helen", ref)).isEmpty();

    // five working days after 5 January: 6, 7, 8, 11 and 12 January
    at(2027, 1, 12, 9, 59);
    cases.runJobsOf(ref);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(link -> link.getGroupId()).doesNotContain("head-of-risk");

    at(2027, 1, 12, 10, 1);
    cases.runJobsOf(ref);
    deliver();
    Task escalated = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(escalated.getPriority()).isEqualTo(EscalateListener.ESCALATED_PRIORITY);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(link -> link.getGroupId()).contains("hod-physics", "head-of-risk");
    assertThat(engine.getTaskService().getTaskComments(task.getId())).extracting(Comment::getFullMessage)
        .singleElement().asString().startsWith("Escalated to head-of-risk: due Tuesday 5 January 2027, 10:00");
    assertThat(engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task.getId())
        .groupId("head-of-risk").count()).as("in the case history").isEqualTo(1);
    assertThat(Mailbox.to("helen", ref)).extracting(Mailbox.Mail::subject)
        .containsExactly("Escalated: Review as head of department for case " + ref + " is overdue");

    cases.approve("helen", ref, HEAD_OF_DEPARTMENT);
    assertThat(cases.outcome(ref)).as("the Head of Risk can now decide it").isEqualTo("APPROVED");
  }

  @Test
  void anUnamendedCaseIsRemindedThenWithdrawnWhenItsTimeRunsOut() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Birchgrove Sensors Ltd"));
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, Decision.REFER_BACK, "Add the data management plan.", null);
    Task amend = cases.openTask(ref, OnboardingProcess.AMEND_PROPOSAL);
    // 20 working days from Thursday 24 December 2026, skipping three bank holidays and the weekends
    assertThat(amend.getDueDate()).isEqualTo(london(2027, 1, 26, 10, 0));
    deliver();

    at(2027, 1, 19, 10, 1); // 15 working days: five before the due date
    cases.runJobsOf(ref);
    deliver();
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject)
        .contains("Reminder: Amend proposal for case " + ref + " is due");
    assertThat(cases.isEnded(ref)).isFalse();

    at(2027, 1, 26, 10, 1);
    cases.runJobsOf(ref);
    deliver();
    assertThat(cases.outcome(ref)).isEqualTo("WITHDRAWN");
    assertThat(cases.caseVariable(ref, WITHDRAWAL_REASON).toString()).contains("not amended within the time allowed");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getEndActivityId())
        .isEqualTo(OnboardingProcess.END_WITHDRAWN_UNAMENDED);
    assertThat(Mailbox.to("rachel", ref)).extracting(Mailbox.Mail::subject).contains("Case " + ref + " is withdrawn");
  }
}
