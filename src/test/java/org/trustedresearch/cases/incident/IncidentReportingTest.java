package org.trustedresearch.cases.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustedresearch.cases.incident.IncidentProcess.*;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;

/** Incident reports routed by category, the ICO's 72-hour clock, thanks and closure, case studies. */
@CaseManagementTest
class IncidentReportingTest {

  /** A Tuesday morning, so that working days do not move the clocks under test. */
  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  IncidentRegister register;
  @Autowired
  JdbcClient jdbc;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
    at(NOW);
  }

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  static void at(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  static Map<String, Object> report(Category category) {
    Map<String, Object> report = new HashMap<>();
    report.put(CATEGORY.name(), category.name());
    report.put(DESCRIPTION.name(), "A " + category.name().toLowerCase().replace('_', ' ') + " at the lab.");
    report.put(OCCURRED_AT.name(), NOW.minusHours(3).toString());
    return report;
  }

  String reportAs(String user, Map<String, Object> report) {
    ProcessInstance instance = cases.as(user, () -> engine.getRuntimeService()
        .startProcessInstanceByKey(KEY, report));
    cases.runJobsOf(instance.getBusinessKey());
    return instance.getBusinessKey();
  }

  Map<String, Set<String>> openTasksByGroup(String reference) {
    return cases.openTasks(reference).stream().collect(Collectors.toMap(Task::getTaskDefinitionKey,
        task -> engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
            .map(IdentityLink::getGroupId).filter(group -> group != null).collect(Collectors.toSet())));
  }

  void complete(String reference, String taskKey, String user, Map<String, Object> variables) {
    cases.complete(reference, taskKey, user, variables);
  }

  @Test
  void eachCategoryGoesToTheGroupThatTriagesItAndBreachesGetTheirDecisions() {
    Map<Category, Map<String, Set<String>>> expected = Map.of(
        Category.CYBER_INCIDENT, Map.of(TRIAGE, Set.of("it-security")),
        Category.LOST_DEVICE, Map.of(TRIAGE, Set.of("it-security")),
        Category.SUSPICIOUS_APPROACH, Map.of(TRIAGE, Set.of("head-of-risk")),
        Category.OTHER, Map.of(TRIAGE, Set.of("head-of-risk")),
        Category.FOREIGN_INTERFERENCE, Map.of(TRIAGE, Set.of("head-of-risk"), DECIDE_REFERRAL, Set.of("head-of-risk")),
        Category.EXPORT_CONTROL_BREACH, Map.of(TRIAGE, Set.of("legal"), DECIDE_DISCLOSURE, Set.of("legal"),
            CONTAIN_BREACH, Set.of("it-security")),
        Category.PERSONAL_DATA_BREACH, Map.of(TRIAGE, Set.of("legal"), DECIDE_ICO_NOTIFICATION, Set.of("legal"),
            CONTAIN_BREACH, Set.of("it-security")));
    for (Category category : Category.values()) {
      String reference = reportAs("rachel", report(category));
      assertThat(reference).as(category.name()).matches("INC-2026-\\d{4,}");
      assertThat(openTasksByGroup(reference)).as(category.name()).isEqualTo(expected.get(category));
      assertThat(register.find(reference).orElseThrow().reporter()).isEqualTo("rachel");
    }
  }

  @Test
  void aPersonalDataBreachIsDecidedForTheIcoWithin72HoursOfAwarenessAndEscalatedAt48() {
    Map<String, Object> breach = report(Category.PERSONAL_DATA_BREACH);
    breach.put(AWARE_AT.name(), NOW.minusHours(1).toString());
    String reference = reportAs("rachel", breach);
    Task decision = cases.openTask(reference, DECIDE_ICO_NOTIFICATION);
    assertThat(decision.getDueDate()).isEqualTo(Date.from(NOW.plusHours(71).toInstant()));

    at(NOW.plusHours(46));
    cases.runJobsOf(reference);
    assertThat(groupsOf(decision)).containsOnly("legal");
    at(NOW.plusHours(47).plusMinutes(1));
    cases.runJobsOf(reference);
    assertThat(groupsOf(decision)).as("escalated at 48 hours after awareness").contains("legal", "head-of-risk");

    assertThatThrownBy(() -> complete(reference, DECIDE_ICO_NOTIFICATION, "leila",
        Map.of(ICO_DECISION.name(), IcoDecision.DO_NOT_NOTIFY.name())))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("icoReasons:");
    at(NOW.plusHours(60));
    complete(reference, DECIDE_ICO_NOTIFICATION, "leila", Map.of(ICO_DECISION.name(), IcoDecision.DO_NOT_NOTIFY.name(),
        ICO_REASONS.name(), "Encrypted laptop; no risk to the people in the data."));
    assertThat(cases.openTask(reference, DECIDE_ICO_NOTIFICATION)).isNull();
    assertThat(variable(reference, ICO_DEADLINE_MET)).isEqualTo(true);
    assertThat(variable(reference, ICO_DECISION)).isEqualTo("DO_NOT_NOTIFY");
  }

  @Test
  void anIcoDecisionTakenAfter72HoursIsRecordedAsMissingTheDeadline() {
    String reference = reportAs("rachel", report(Category.PERSONAL_DATA_BREACH));
    at(NOW.plusHours(73));
    cases.runJobsOf(reference);
    complete(reference, DECIDE_ICO_NOTIFICATION, "helen", Map.of(ICO_DECISION.name(), IcoDecision.NOTIFY.name(),
        ICO_REASONS.name(), "Health data of 40 participants sent to the wrong partner."));
    assertThat(variable(reference, ICO_DEADLINE_MET)).isEqualTo(false);
  }

  @Test
  void theReporterIsThankedOnSubmissionAndToldWhenItIsClosedWithACaseStudyPublished() {
    String reference = reportAs("omar", report(Category.SUSPICIOUS_APPROACH));
    dispatcher.deliverAll();
    assertThat(Mailbox.to("omar", reference)).extracting(Mailbox.Mail::subject)
        .containsExactly("Thank you for reporting: incident " + reference);

    assertThatThrownBy(() -> complete(reference, TRIAGE, "helen", Map.of(SEVERITY.name(), "DIRE")))
        .isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining("severity: must be one of LOW, MEDIUM, HIGH, CRITICAL")
        .hasMessageContaining("triageNotes:");
    complete(reference, TRIAGE, "helen", Map.of(SEVERITY.name(), "MEDIUM",
        TRIAGE_NOTES.name(), "A recruiter offered paid consultancy on our drone work."));
    assertThat(register.find(reference).orElseThrow().status()).isEqualTo("TRIAGED");
    complete(reference, CLOSE, "helen", Map.of(ACTIONS_TAKEN.name(), "Declined; briefed the group.",
        LESSONS_LEARNED.name(), "Recruiters target conference speakers.", CASE_STUDY_PROPOSED.name(), true,
        CASE_STUDY_TITLE.name(), "The consultancy offer", CASE_STUDY_TEXT.name(),
        "A researcher was offered paid consultancy after a talk and reported it."));
    complete(reference, APPROVE_CASE_STUDY, "helen", Map.of(CASE_STUDY_DECISION.name(), "PUBLISH"));

    assertThat(register.find(reference).orElseThrow().status()).isEqualTo("CLOSED");
    assertThat(jdbc.sql("select count(*) from tr_case_study where title = 'The consultancy offer'").query(Long.class)
        .single()).isEqualTo(1);
    dispatcher.deliverAll();
    assertThat(Mailbox.to("omar", reference)).extracting(Mailbox.Mail::subject)
        .contains("Incident " + reference + " is closed");
  }

  static Map<String, Object> triage(boolean reReviewRelatedCollaboration) {
    return Map.of(SEVERITY.name(), Severity.MEDIUM.name(), TRIAGE_NOTES.name(), "Spoke to the researcher.",
        RE_REVIEW_RELATED_COLLABORATION.name(), reReviewRelatedCollaboration);
  }

  @Test
  void aReportAboutACollaborationReReviewsItWhenTheTriageDecidesSo() {
    String collaboration = cases.propose("rachel", Cases.lowRiskProposal("Nettlebed Sensors Ltd"));
    cases.approve("hannah", collaboration, ReviewerRole.HEAD_OF_DEPARTMENT);
    Map<String, Object> report = report(Category.SUSPICIOUS_APPROACH);
    report.put(RELATED_CASE_REFERENCE.name(), collaboration.toLowerCase());
    String reference = reportAs("rachel", report);
    assertThat(cases.openTask(collaboration, OnboardingProcess.RE_REVIEW)).as("not before the triage").isNull();

    complete(reference, TRIAGE, "helen", triage(true));

    assertThat(variable(reference, RELATED_RE_REVIEW_STARTED)).isEqualTo(true);
    assertThat(cases.openTask(collaboration, OnboardingProcess.RE_REVIEW)).isNotNull();
    assertThat(cases.caseVariable(collaboration, org.trustedresearch.cases.collaboration.CollaborationCase.RE_REVIEW_REASON))
        .as("the collaboration's readers learn nothing of the report").asString()
        .doesNotContain(reference, "SUSPICIOUS_APPROACH").contains("Head of Risk has the details");
  }

  @Test
  void aNamedCollaborationIsAHintThatChangesNothingUnlessTheTriageDecides() {
    String collaboration = cases.propose("rachel", Cases.lowRiskProposal("Pangbourne Optics Ltd"));
    cases.approve("hannah", collaboration, ReviewerRole.HEAD_OF_DEPARTMENT);
    Map<String, Object> report = report(Category.SUSPICIOUS_APPROACH);
    report.put(RELATED_CASE_REFERENCE.name(), collaboration);
    String reference = reportAs("omar", report);

    complete(reference, TRIAGE, "helen", triage(false));

    assertThat(variable(reference, RE_REVIEW_RELATED_COLLABORATION)).isEqualTo(false);
    assertThat(variable(reference, RELATED_RE_REVIEW_STARTED)).isNull();
    assertThat(cases.openTask(collaboration, OnboardingProcess.RE_REVIEW)).isNull();
    dispatcher.deliverAll();
    assertThat(Mailbox.to("sam", collaboration)).isEmpty();
  }

  @Test
  void aReReviewCannotBeOrderedForAReportThatNamesNoCollaboration() {
    String reference = reportAs("omar", report(Category.SUSPICIOUS_APPROACH));
    assertThatThrownBy(() -> complete(reference, TRIAGE, "helen", triage(true)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("reReviewRelatedCollaboration:");
    assertThat(cases.openTask(reference, TRIAGE)).isNotNull();
  }

  @Test
  void aReportAboutAnUndecidedCollaborationIsPassedToTheResearchOfficeWithoutItsDetails() {
    String collaboration = cases.propose("rachel", Cases.lowRiskProposal("Oakhanger Photonics Ltd"));
    Map<String, Object> report = report(Category.FOREIGN_INTERFERENCE);
    report.put(RELATED_CASE_REFERENCE.name(), collaboration);
    String reference = reportAs("omar", report);
    complete(reference, TRIAGE, "helen", triage(true));

    assertThat(variable(reference, RELATED_RE_REVIEW_STARTED)).isEqualTo(false);
    dispatcher.deliverAll();
    assertThat(Mailbox.to("sam", collaboration)).extracting(Mailbox.Mail::subject)
        .contains("A report concerns collaboration " + collaboration);
    assertThat(Mailbox.to("sam", collaboration)).allSatisfy(mail ->
        assertThat(mail.text()).doesNotContain(reference, "FOREIGN_INTERFERENCE", "omar", "Omar"));
  }

  @Test
  void nobodyHandlesAReportTheyMadeThemselves() {
    String reference = reportAs("ian", report(Category.LOST_DEVICE));
    Task triage = cases.openTask(reference, TRIAGE);
    assertThatThrownBy(() -> cases.as("ian", () -> engine.getTaskService().claim(triage.getId(), "ian")))
        .hasMessageContaining("Separation of duties");
  }

  @Test
  void onlyTheHeadOfRiskPublishesACaseStudy() {
    String reference = reportAs("omar", report(Category.CYBER_INCIDENT));
    complete(reference, TRIAGE, "ian", Map.of(SEVERITY.name(), "LOW", TRIAGE_NOTES.name(), "Phishing mail, no clicks."));
    Map<String, Object> selfApproved = Map.of(ACTIONS_TAKEN.name(), "Mail blocked.", LESSONS_LEARNED.name(),
        "Training works.", CASE_STUDY_PROPOSED.name(), false, CASE_STUDY_DECISION.name(), "PUBLISH",
        CASE_STUDY_TITLE.name(), "Self-approved story", CASE_STUDY_TEXT.name(), "Published without approval.");
    String close = cases.openTask(reference, CLOSE).getId();
    // the closing form has no decision on the case study: the engine refuses it beside the form
    assertThatThrownBy(() -> cases.as("ian", () -> engine.getTaskService().complete(close, selfApproved)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining(CASE_STUDY_DECISION.name());
    // an administrator may write any variable; the process still publishes nothing the Head of Risk did not approve
    complete(reference, CLOSE, "demo", selfApproved);

    assertThat(register.find(reference).orElseThrow().status()).isEqualTo("CLOSED");
    assertThat(jdbc.sql("select count(*) from tr_case_study where title = 'Self-approved story'").query(Long.class)
        .single()).isZero();
  }

  @Test
  void aReportMissingWhatIsNeededIsRefusedNamingEachFieldAndNothingIsCreated() {
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(KEY).count();
    Map<String, Object> bad = new HashMap<>();
    bad.put(CATEGORY.name(), "GOSSIP");
    bad.put(OCCURRED_AT.name(), NOW.plusDays(2).toString());
    bad.put(AWARE_AT.name(), "yesterday");
    bad.put(RELATED_CASE_REFERENCE.name(), "TR-1999-0001");
    assertThatThrownBy(() -> reportAs("rachel", bad))
        .isInstanceOf(InvalidCaseInputException.class)
        .satisfies(e -> assertThat(((InvalidCaseInputException) e).getProblems())
            .extracting(InvalidCaseInputException.Problem::field)
            .containsExactly("incidentCategory", "description", "awareAt", "occurredAt", "relatedCaseReference"));
    Map<String, Object> awareBeforeItHappened = report(Category.OTHER);
    awareBeforeItHappened.put(AWARE_AT.name(), NOW.minusDays(1).toString());
    assertThatThrownBy(() -> reportAs("rachel", awareBeforeItHappened))
        .isInstanceOf(InvalidCaseInputException.class).hasMessage("awareAt: is before the incident occurred");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(KEY).count())
        .isEqualTo(before);
  }

  private Set<String> groupsOf(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(group -> group != null).collect(Collectors.toSet());
  }

  private Object variable(String reference, org.trustedresearch.cases.shared.ProcessVariable<?> variable) {
    String instance = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(KEY)
        .processInstanceBusinessKey(reference).singleResult().getId();
    var value = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(variable.name()).singleResult();
    return value == null ? null : value.getValue();
  }

}
