package org.trustedresearch.cases.riskassessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.*;
import static org.trustedresearch.cases.riskassessment.SignOffProcess.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionConcern;
import org.trustedresearch.cases.servicelevel.ServiceLevels;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.ProcessVariable;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;

import db.migration.V18__Champions_read_department_cases;

/**
 * Security champions (README, "The processes"): on MEDIUM and HIGH cases of their department a champion
 * advises before the head of department, within 3 working days or not at all, and the advice goes to
 * every later reviewer; they read their department's cases and no others, and are thanked when a case
 * they advised is approved. Tom is physics' champion; computer science has none.
 */
@CaseManagementTest
class SecurityChampionAdviceTest {

  static final String ADVICE = "The partner's lab hosted a visiting delegation from a defence university last year;"
      + " ask for a technology control plan.";

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  ServiceLevels serviceLevels;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;
  Cases cases;

  @BeforeEach
  void setUp() {
    cases = new Cases(engine);
  }

  Map<String, Object> mediumRisk(String partner) {
    Map<String, Object> proposal = Cases.lowRiskProposal(partner);
    proposal.put(SENSITIVE_DATA.name(), true);
    return proposal;
  }

  @Test
  void mediumRiskCaseIsAdvisedByTheDepartmentsChampionBeforeTheHeadOfDepartmentAndEveryLaterReviewerSeesTheAdvice() {
    String ref = cases.propose("rachel", mediumRisk("Brightwater Genomics Ltd"));
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("MEDIUM");

    Task advice = cases.openTask(ref, ADVISE_AS_CHAMPION);
    assertThat(advice).as("the champion first").isNotNull();
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).as("not yet the head").isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(advice.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("champions-physics");
    assertThat(LocalDate.ofInstant(advice.getDueDate().toInstant(), PinnedClock.LONDON)).as("3 working days")
        .isEqualTo(LocalDate.ofInstant(serviceLevels.addWorkingDays(advice.getCreateTime(), 3).toInstant(),
            PinnedClock.LONDON));

    cases.advise("tom", ref, ChampionConcern.SOME_CONCERN, ADVICE);

    Task hod = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(hod).isNotNull();
    String shown = (String) engine.getTaskService().getVariable(hod.getId(), CHAMPION_ADVICE_SUMMARY.name());
    assertThat(shown).contains("Security champion Tom Baker (tom), some concern:", ADVICE);
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);

    Task itSecurity = cases.openTask(ref, IT_SECURITY.taskId());
    assertThat((String) engine.getTaskService().getVariable(itSecurity.getId(), CHAMPION_ADVICE_SUMMARY.name()))
        .as("a later reviewer sees it too").isEqualTo(shown);
    assertThat((String) engine.getTaskService().getVariable(itSecurity.getId(), CHAMPION_ADVISED_BY.name()))
        .isEqualTo("tom");
    cases.approve("ian", ref, IT_SECURITY);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(signOffVariable(ref, CHAMPION_ADVICE_OUTCOME)).isEqualTo("ADVISED");
  }

  @Test
  void theChampionWhoAdvisedAnApprovedCaseIsThankedByEmailSignedByTheEndorser() {
    String ref = cases.propose("rachel", mediumRisk("Kingsmere Data Labs Ltd"));
    cases.advise("tom", ref, ChampionConcern.NO_CONCERN, "Known partner, good data practice.");
    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("ian", ref, IT_SECURITY);
    dispatcher.deliverAll();

    assertThat(Mailbox.to("tom", ref)).filteredOn(mail -> mail.subject().startsWith("Thank you"))
        .singleElement().satisfies(mail -> {
          assertThat(mail.subject()).isEqualTo("Thank you for your advice on case " + ref);
          assertThat(mail.text()).contains("Dear Tom Baker", "Kingsmere Data Labs Ltd", "is approved",
              "Professor Alex Morgan", "Pro-Vice-Chancellor for Research");
          assertThat(mail.html()).contains("Professor Alex Morgan");
        });
  }

  @Test
  void aChampionIsNotThankedForARejectedCase() {
    String ref = cases.propose("rachel", mediumRisk("Ravensholt Analytics Ltd"));
    cases.adviseAsTom(ref);
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, ReviewerRole.Decision.REJECT, "Not for us.", null);
    dispatcher.deliverAll();

    assertThat(cases.outcome(ref)).isEqualTo("REJECTED");
    assertThat(Mailbox.to("tom", ref)).filteredOn(mail -> mail.subject().startsWith("Thank you")).isEmpty();
  }

  @Test
  void aDepartmentWithoutAChampionGoesStraightToTheHeadOfDepartment() {
    Map<String, Object> proposal = mediumRisk("Fernhill Robotics Ltd");
    proposal.put(DEPARTMENT.name(), "computer-science");
    String ref = cases.propose("omar", proposal);

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).containsExactly(HEAD_OF_DEPARTMENT.taskId());
    assertThat(signOffVariable(ref, CHAMPION_ADVICE_OUTCOME)).isEqualTo("NO_CHAMPION");
  }

  @Test
  void aRequesterWhoIsTheDepartmentsOnlyChampionIsNotAskedToAdviseOnTheirOwnCase() {
    TestUsers.ensureResearcherInEngineering(engine.getIdentityService());
    String jun = TestUsers.RESEARCHER_IN_ENGINEERING;
    engine.getIdentityService().createMembership(jun, "champions-engineering");
    try {
      Map<String, Object> proposal = mediumRisk("Ashby Turbines Ltd");
      proposal.put(DEPARTMENT.name(), "engineering");
      String ref = cases.propose(jun, proposal);

      assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey)
          .containsExactly(HEAD_OF_DEPARTMENT.taskId());
      assertThat(signOffVariable(ref, CHAMPION_ADVICE_OUTCOME)).isEqualTo("NO_CHAMPION");
    } finally {
      // engineering has no champion in the other stories
      engine.getIdentityService().deleteMembership(jun, "champions-engineering");
    }
  }

  @Test
  void lowRiskCasesHaveNoChampionStep() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Elmstead Optics Ltd"));

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).containsExactly(HEAD_OF_DEPARTMENT.taskId());
    assertThat(signOffVariable(ref, CHAMPION_ADVICE_OUTCOME)).isNull();
    assertThat(signOffVariable(ref, CHAMPION_GROUP)).isNull();
  }

  @Test
  void whenTheAdviceIsNotInByItsDueDateTheCaseGoesOnWithoutIt() {
    String ref = cases.propose("rachel", mediumRisk("Holloway Cohort Studies Ltd"));
    Task advice = cases.openTask(ref, ADVISE_AS_CHAMPION);

    PinnedClock.stopAt(advice.getDueDate().toInstant().minusSeconds(60));
    cases.runJobsOf(ref);
    assertThat(cases.openTask(ref, ADVISE_AS_CHAMPION)).as("a minute before it is due").isNotNull();

    PinnedClock.stopAt(advice.getDueDate().toInstant().plusSeconds(60));
    cases.runJobsOf(ref);
    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).containsExactly(HEAD_OF_DEPARTMENT.taskId());
    Task hod = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat((String) engine.getTaskService().getVariable(hod.getId(), CHAMPION_ADVICE_SUMMARY.name()))
        .contains("no advice in time");
    assertThat(signOffVariable(ref, CHAMPION_ADVICE_OUTCOME)).isEqualTo("NO_ADVICE_IN_TIME");

    cases.approve("hannah", ref, HEAD_OF_DEPARTMENT);
    cases.approve("ian", ref, IT_SECURITY);
    assertThat(cases.outcome(ref)).isEqualTo("APPROVED");
    assertThat(cases.caseVariable(ref, CHAMPION_ADVISERS)).as("nobody advised, nobody is thanked").isNull();
  }

  @Test
  void adviceMustBeGivenWithAConcernLevelNamingEachMissingField() {
    String ref = cases.propose("rachel", mediumRisk("Marlow Biobank Ltd"));
    Task advice = cases.openTask(ref, ADVISE_AS_CHAMPION);

    assertThatThrownBy(() -> cases.as("tom", () -> {
      engine.getTaskService().claim(advice.getId(), "tom");
      engine.getTaskService().complete(advice.getId(), Map.of(CHAMPION_CONCERN.name(), "WORRIED"));
    })).isInstanceOf(InvalidCaseInputException.class)
        .hasMessageContaining(CHAMPION_ADVICE.name()).hasMessageContaining(CHAMPION_CONCERN.name());
    assertThat(cases.openTask(ref, ADVISE_AS_CHAMPION)).as("still open").isNotNull();
  }

  @Test
  void highRiskCaseMeetsTheChampionToo() {
    Map<String, Object> proposal = Cases.lowRiskProposal("Eastern Polytechnic Institute");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = cases.propose("rachel", proposal);
    assertThat(cases.caseVariable(ref, RISK_TIER)).isEqualTo("HIGH");

    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey).containsExactly(ADVISE_AS_CHAMPION);
  }

  @Test
  void aChampionCannotAdviseOnACaseTheyStartedWhileAnotherChampionCan() {
    TestUsers.ensureChampionInPhysics(engine.getIdentityService());
    String nadia = TestUsers.CHAMPION_IN_PHYSICS;
    String ref = cases.propose(nadia, mediumRisk("Tidewater Cohort Ltd"));
    Task advice = cases.openTask(ref, ADVISE_AS_CHAMPION);

    assertThatThrownBy(() -> cases.as(nadia, () -> engine.getTaskService().claim(advice.getId(), nadia)))
        .hasMessageContaining("Separation of duties");
    assertThatThrownBy(() -> cases.as(nadia, () -> engine.getTaskService().complete(advice.getId(),
        Map.of(CHAMPION_CONCERN.name(), "NO_CONCERN", CHAMPION_ADVICE.name(), "Fine by me."))))
        .hasMessageContaining("Separation of duties");

    cases.advise("tom", ref, ChampionConcern.NO_CONCERN, "Fine.");
    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).isNotNull();
  }

  @Test
  void aChampionReadsTheirDepartmentsCasesButNotOthersNorWorksAnotherReviewersTask() {
    String physics = cases.propose("rachel", Cases.lowRiskProposal("Coldharbour Lasers Ltd"));
    Map<String, Object> elsewhere = Cases.lowRiskProposal("Penrose Compilers Ltd");
    elsewhere.put(DEPARTMENT.name(), "computer-science");
    String computerScience = cases.propose("omar", elsewhere);
    Http http = new Http(port);

    Reply listed = http.get("/api/cases", "tom");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().findValuesAsText("caseReference")).contains(physics).doesNotContain(computerScience);
    assertThat(http.get("/api/cases/" + physics, "tom").status()).isEqualTo(200);
    assertThat(http.get("/api/cases/" + computerScience, "tom").status()).isEqualTo(404);
    Reply history = http.get("/engine-rest/history/process-instance?maxResults=100&processInstanceBusinessKey=" + physics, "tom");
    assertThat(history.json().findValuesAsText("businessKey")).as(history.body()).contains(physics);
    Reply other = http.get("/engine-rest/history/process-instance?maxResults=100&processInstanceBusinessKey=" + computerScience, "tom");
    assertThat(other.json().findValuesAsText("businessKey")).as(other.body()).isEmpty();

    String hodTask = cases.openTask(physics, HEAD_OF_DEPARTMENT.taskId()).getId();
    Reply claimed = http.post("/engine-rest/task/" + hodTask + "/claim", "tom", Map.of("userId", "tom"));
    assertThat(claimed.status()).as(claimed.body()).isIn(403, 404);
    Reply completed = http.post("/engine-rest/task/" + hodTask + "/complete", "tom",
        Map.of("variables", Http.variables(Map.of(HEAD_OF_DEPARTMENT.decision().name(), "APPROVE"))));
    assertThat(completed.status()).as(completed.body()).isIn(403, 404);
    assertThat(cases.openTask(physics, HEAD_OF_DEPARTMENT.taskId())).as("still open").isNotNull();
  }

  @Test
  void aCaseMovedToTheChampionsDepartmentOnAmendmentIsReadByThem() {
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    String ellis = TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS;
    String ref = cases.propose(ellis, Cases.lowRiskProposalIn("engineering", "Gatehouse Vacuum Ltd"));
    Http http = new Http(port);
    assertThat(http.get("/api/cases/" + ref, "tom").status()).as("an engineering case").isEqualTo(404);

    cases.decide("george", ref, HEAD_OF_DEPARTMENT, ReviewerRole.Decision.REFER_BACK, "This is physics' work.", null);
    Map<String, Object> moved = new HashMap<>(Cases.lowRiskProposalIn("physics", "Gatehouse Vacuum Ltd"));
    moved.put(AMEND_DECISION.name(), AmendDecision.RESUBMIT.name());
    moved.put(AMENDMENT_NOTE.name(), "Moved to physics.");
    cases.complete(ref, OnboardingProcess.AMEND_PROPOSAL, ellis, moved);

    assertThat(cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId())).isNotNull();
    assertThat(http.get("/api/cases/" + ref, "tom").status()).as("now a physics case").isEqualTo(200);
  }

  @Test
  void aCaseMovedAwayFromTheChampionsDepartmentOnAmendmentIsNoLongerReadByThem() {
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    String ellis = TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS;
    String ref = cases.propose(ellis, Cases.lowRiskProposalIn("physics", "Tollgate Optics Ltd"));
    Http http = new Http(port);
    assertThat(http.get("/api/cases/" + ref, "tom").status()).as("a physics case").isEqualTo(200);

    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, ReviewerRole.Decision.REFER_BACK, "This is engineering's work.", null);
    Map<String, Object> moved = new HashMap<>(Cases.lowRiskProposalIn("engineering", "Tollgate Optics Ltd"));
    moved.put(AMEND_DECISION.name(), AmendDecision.RESUBMIT.name());
    moved.put(AMENDMENT_NOTE.name(), "Moved to engineering.");
    cases.complete(ref, OnboardingProcess.AMEND_PROPOSAL, ellis, moved);

    assertThat(http.get("/api/cases/" + ref, "tom").status()).as("now an engineering case").isEqualTo(404);
    Reply listed = http.get("/api/cases?size=200", "tom");
    assertThat(listed.json().findValuesAsText("caseReference")).as(listed.body()).doesNotContain(ref);
    Reply history = http.get("/engine-rest/history/process-instance?maxResults=100&processInstanceBusinessKey=" + ref,
        "tom");
    assertThat(history.json().findValuesAsText("businessKey")).as(history.body()).isEmpty();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("champions-physics").list())
        .as("no grant on any of the case's instances").noneMatch(grant -> engine.getHistoryService()
            .createHistoricProcessInstanceQuery().processInstanceId(grant.getResourceId())
            .processInstanceBusinessKey(ref).count() > 0);
    assertThat(http.get("/api/cases/" + ref, ellis).status()).as("the requester still reads it").isEqualTo(200);
  }

  @Test
  void aChampionWhoAdvisedOnACaseKeepsReadingItAfterItMovesAway() {
    TestUsers.ensureResearcherInTwoDepartments(engine.getIdentityService());
    String ellis = TestUsers.RESEARCHER_IN_TWO_DEPARTMENTS;
    Map<String, Object> proposal = new HashMap<>(Cases.lowRiskProposalIn("physics", "Lanthorn Photonics Ltd"));
    proposal.put(SENSITIVE_DATA.name(), true);
    String ref = cases.propose(ellis, proposal);
    cases.advise("tom", ref, ChampionConcern.SOME_CONCERN, ADVICE);
    cases.decide("hannah", ref, HEAD_OF_DEPARTMENT, ReviewerRole.Decision.REFER_BACK, "This is engineering's work.", null);
    Map<String, Object> moved = new HashMap<>(Cases.lowRiskProposalIn("engineering", "Lanthorn Photonics Ltd"));
    moved.put(SENSITIVE_DATA.name(), true);
    moved.put(AMEND_DECISION.name(), AmendDecision.RESUBMIT.name());
    moved.put(AMENDMENT_NOTE.name(), "Moved to engineering.");
    cases.complete(ref, OnboardingProcess.AMEND_PROPOSAL, ellis, moved);

    assertThat(new Http(port).get("/api/cases/" + ref, "tom").status()).as("the case they advised on").isEqualTo(200);
  }

  @Test
  void casesStartedBeforeTheDepartmentsChampionsWereGrantedAreGrantedByTheMigration() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Oldfield Spectroscopy Ltd"));
    String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult().getId();
    var authorizations = engine.getAuthorizationService();
    authorizations.createAuthorizationQuery().groupIdIn("champions-physics").resourceId(instance).list()
        .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    Http http = new Http(port);
    assertThat(http.get("/api/cases/" + ref, "tom").status()).as("as a case from before").isEqualTo(404);

    for (int run = 0; run < 2; run++) {
      jdbc.sql(V18__Champions_read_department_cases.COPY_REQUESTER_GRANTS).update();
      jdbc.sql(V18__Champions_read_department_cases.ADD_READERS).update();
    }

    assertThat(authorizations.createAuthorizationQuery().groupIdIn("champions-physics").resourceId(instance).count())
        .as("runtime and history, once").isEqualTo(2);
    assertThat(http.get("/api/cases/" + ref, "tom").status()).isEqualTo(200);
    Reply history = http.get("/engine-rest/history/process-instance?maxResults=100&processInstanceBusinessKey=" + ref,
        "tom");
    assertThat(history.json().findValuesAsText("businessKey")).as(history.body()).contains(ref);
  }

  /** The latest value of a variable of the case's latest sign-off round, or null. */
  Object signOffVariable(String ref, ProcessVariable<?> variable) {
    List<String> rounds = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ref).processDefinitionKey(SignOffProcess.KEY).orderByProcessInstanceStartTime()
        .desc().list().stream().map(instance -> instance.getId()).toList();
    HistoricVariableInstance value = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(rounds.get(0)).variableName(variable.name()).singleResult();
    return value == null ? null : value.getValue();
  }
}
