package org.trustedresearch.cases.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.evaluation.Measure;
import org.trustedresearch.cases.evaluation.Period;
import org.trustedresearch.cases.evaluation.ProgrammeMeasures;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;

/** The training gate: a case whose requester's training is not current waits, and goes on by itself. */
@CaseManagementTest
class TrainingGateTest {

  static final AtomicInteger NEWCOMERS = new AtomicInteger();
  static final String MODULE = "trusted-research";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ProgrammeMeasures measures;
  Cases cases;
  Http http;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    cases = new Cases(engine);
    http = new Http(port);
  }

  /** A physicist who joined recently and has no training record yet. */
  String newcomer() {
    return TestUsers.ensureNewcomer(engine.getIdentityService(), "newcomer" + NEWCOMERS.incrementAndGet());
  }

  ProcessInstance instance(String caseReference) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseReference)
        .processDefinitionKey(OnboardingProcess.KEY).singleResult();
  }

  Reply importRow(String user, String module, LocalDate completedOn, String mode) {
    String csv = "userId,module,completedOn\n" + user + "," + module + "," + completedOn + "\n"
        + (mode == null ? "" : "ghost," + MODULE + "," + completedOn + "\n");
    return http.postFile("/api/training/records", "sam", mode == null ? Map.of() : Map.of("mode", mode), "export.csv",
        csv.getBytes(StandardCharsets.UTF_8));
  }

  Reply waive(String user, String caseReference, Object body) {
    return http.post("/api/cases/" + caseReference + "/training-waiver", user, body);
  }

  String release(String caseReference) {
    return jdbc.sql("select released_by from tr_training_hold where case_reference = :case")
        .param("case", caseReference).query(String.class).optional().orElse(null);
  }

  void assertHeldForTraining(String caseReference) {
    ProcessInstance held = instance(caseReference);
    assertThat(held).isWaitingAt(OnboardingProcess.TIMER_RECHECK_TRAINING);
    assertThat(engine.getRuntimeService().getVariable(held.getId(), SCREENING_RESULT.name())).isNull();
    assertThat(release(caseReference)).isNull();
  }

  void assertGoneOnToScreening(String caseReference) {
    ProcessInstance released = instance(caseReference);
    assertThat(released).isWaitingAt(OnboardingProcess.SCREEN_PARTNER);
    assertThat(released).hasNotPassed(OnboardingProcess.SIGN_OFF);
    assertThat(cases.openTask(caseReference, OnboardingProcess.COMPLETE_TRAINING)).isNull();
  }

  @Test
  void aRequesterWhoseTrainingIsCurrentNeverSeesTheTrainingTask() {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Elmstead Photonics Ltd"));

    assertThat(cases.caseVariable(ref, TRAINING_CURRENT)).isEqualTo(true);
    assertThat((String) cases.caseVariable(ref, REQUESTER_TRAINING)).startsWith("Current until ");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey(OnboardingProcess.COMPLETE_TRAINING).count()).isZero();
    assertThat(release(ref)).as("no hold").isNull();
    assertThat(cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId())).as("straight on to sign-off").isNotNull();
  }

  @Test
  void aRequesterWithoutCurrentTrainingGetsTheTrainingTaskAndTheCaseWaits() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Fernhill Optics Ltd"));

    assertHeldForTraining(ref);
    Task task = cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING);
    assertThat(task.getName()).isEqualTo("Complete Trusted Research training");
    assertThat(task.getAssignee()).isEqualTo(newcomer);
    assertThat(task.getDueDate()).isNotNull();
    assertThat(cases.caseVariable(ref, TRAINING_CURRENT)).isEqualTo(false);
    assertThat(cases.caseVariable(ref, TRAINING_MODULE_TITLE)).isEqualTo("Trusted Research");
    assertThat(cases.caseVariable(ref, TRAINING_MODULE_LINK)).isEqualTo("https://learning.example.org/course/trusted-research");
    assertThat(cases.caseVariable(ref, TRAINING_HOLD_STARTED_AT)).isNotNull();
    assertThat(cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId())).isNull();
  }

  @Test
  void theLearningSystemsImportReleasesTheCaseAndReviewersSeeTheTraining() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Gorsefield Lasers Ltd"));
    PinnedClock.stopAt(PinnedClock.now().plus(Duration.ofDays(3)));

    Reply imported = importRow(newcomer, MODULE, PinnedClock.today().minusDays(1), null);

    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertGoneOnToScreening(ref);
    assertThat(release(ref)).isEqualTo("TRAINING");
    assertThat(jdbc.sql("select hold_seconds from tr_training_hold where case_reference = :case").param("case", ref)
        .query(Long.class).single()).isEqualTo(Duration.ofDays(3).toSeconds());
    cases.runJobsOf(ref);
    Task review = cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    assertThat(engine.getTaskService().getVariable(review.getId(), REQUESTER_TRAINING.name()))
        .isEqualTo("Current until " + PinnedClock.today().minusDays(1).plusMonths(12).minusDays(1));
    assertThat(cases.caseVariable(ref, TRAINING_CURRENT)).isEqualTo(true);
    assertThat(cases.caseVariable(ref, TRAINING_HOLD_ENDED_AT)).isNotNull();

    List<Measure> kpis = measures.measure(new Period(PinnedClock.today().minusDays(7), PinnedClock.today()));
    assertThat(kpis).anySatisfy(kpi -> {
      assertThat(kpi.kpi()).isEqualTo("trainingHolds.count");
      assertThat(kpi.dimension()).isEqualTo("TRAINING");
      assertThat(kpi.current()).isPositive();
    });
    assertThat(kpis).anySatisfy(kpi -> {
      assertThat(kpi.kpi()).isEqualTo("trainingHolds.medianDays");
      assertThat(kpi.current()).isPositive();
    });
    assertThat(kpis).anySatisfy(kpi -> assertThat(kpi.kpi()).isEqualTo("trainingHolds.p90Days"));
    assertThat(kpis).anySatisfy(kpi -> {
      assertThat(kpi.kpi()).isEqualTo("trainingHolds.begun");
      assertThat(kpi.current()).isPositive();
    });
  }

  @Test
  void anImportTakingOnlyItsGoodRowsReleasesTheCaseToo() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Hazelmere Sensors Ltd"));

    Reply imported = importRow(newcomer, MODULE, PinnedClock.today(), "good-rows");

    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().path("refused").asInt()).isEqualTo(1);
    assertGoneOnToScreening(ref);
  }

  @Test
  void aCompletionOfAnOptionalModuleDoesNotReleaseTheCase() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Ivybridge Metrology Ltd"));

    assertThat(importRow(newcomer, "export-control-awareness", PinnedClock.today(), null).status()).isEqualTo(201);

    assertHeldForTraining(ref);
    assertThat(cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING)).isNotNull();
  }

  @Test
  void completingTheTaskWithADateAsksTheResearchOfficeAndItsConfirmationReleasesTheCase() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Juniper Quantum Ltd"));
    String completedOn = PinnedClock.today().minusDays(10).toString();

    cases.complete(ref, OnboardingProcess.COMPLETE_TRAINING, newcomer, Map.of(TRAINING_COMPLETED_ON.name(), completedOn));

    assertHeldForTraining(ref);
    assertThat(cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING)).as("answered").isNull();
    long declaration = jdbc.sql("select id from tr_training_record where user_id = :user and status = 'PENDING'")
        .param("user", newcomer).query(Long.class).single();

    Reply confirmed = http.post("/api/training/self-declarations/" + declaration + "/confirmation", "sam", Map.of());

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertGoneOnToScreening(ref);
    assertThat(release(ref)).isEqualTo("TRAINING");
  }

  @Test
  void aRejectedDeclarationGivesTheRequesterTheTrainingTaskAgain() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Larch Spectroscopy Ltd"));
    cases.complete(ref, OnboardingProcess.COMPLETE_TRAINING, newcomer,
        Map.of(TRAINING_COMPLETED_ON.name(), PinnedClock.today().minusDays(3).toString()));
    assertThat(cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING)).as("answered").isNull();
    long declaration = jdbc.sql("select id from tr_training_record where user_id = :user and status = 'PENDING'")
        .param("user", newcomer).query(Long.class).single();

    Reply rejected = http.post("/api/training/self-declarations/" + declaration + "/rejection", "sam",
        Map.of("reason", "The learning system shows no attempt."));

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertHeldForTraining(ref);
    org.camunda.bpm.engine.task.Task again = cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING);
    assertThat(again).as("asked again").isNotNull();
    assertThat(again.getAssignee()).isEqualTo(newcomer);
  }

  @Test
  void aDeclaredDateTheRecordsCannotTakeIsRefusedNamingTheFieldAndTheTaskStays() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Kestrel Nanotech Ltd"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cases.complete(ref, OnboardingProcess.COMPLETE_TRAINING,
        newcomer, Map.of(TRAINING_COMPLETED_ON.name(), PinnedClock.today().plusDays(5).toString())))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageStartingWith("trainingCompletedOn:");

    assertThat(cases.openTask(ref, OnboardingProcess.COMPLETE_TRAINING)).isNotNull();
    assertThat(jdbc.sql("select count(*) from tr_training_record where user_id = :user").param("user", newcomer)
        .query(Long.class).single()).isZero();
  }

  @Test
  void completingTheTaskWithoutADateDoesNotReleaseTheCase() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Larchwood Imaging Ltd"));

    cases.complete(ref, OnboardingProcess.COMPLETE_TRAINING, newcomer, Map.of());

    assertHeldForTraining(ref);
  }

  @Test
  void theResearchOfficeWaivesTheGateSayingWhyAndTheCaseRecordsIt() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Marlowe Acoustics Ltd"));

    Reply waived = waive("sam", ref, Map.of("reason", "Booked on the next session; the partner's deadline is Friday."));

    assertThat(waived.status()).as(waived.body()).isEqualTo(200);
    assertGoneOnToScreening(ref);
    assertThat(cases.caseVariable(ref, TRAINING_WAIVED_BY)).isEqualTo("sam");
    assertThat(cases.caseVariable(ref, TRAINING_WAIVER_REASON))
        .isEqualTo("Booked on the next session; the partner's deadline is Friday.");
    assertThat(cases.caseVariable(ref, REQUESTER_TRAINING)).isEqualTo(
        "Waived by the research office (Sam Taylor): Booked on the next session; the partner's deadline is Friday.");
    assertThat(cases.caseVariable(ref, TRAINING_CURRENT)).isEqualTo(false);
    assertThat(release(ref)).isEqualTo("WAIVER");
    assertThat(jdbc.sql("select waived_by from tr_training_hold where case_reference = :case").param("case", ref)
        .query(String.class).single()).isEqualTo("sam");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(instance(ref).getId())
        .userId("sam").list()).extracting(UserOperationLogEntry::getOperationType)
        .contains(TrainingGate.WAIVE_OPERATION);
    assertThat(waive("sam", ref, Map.of("reason", "Again.")).status()).as("no longer waiting").isEqualTo(409);
  }

  @Test
  void aWaiverNeedsAReasonTheResearchOfficeAndAWaitingCase() {
    String newcomer = newcomer();
    String held = cases.propose(newcomer, Cases.lowRiskProposal("Northgate Robotics Ltd"));
    String notHeld = cases.propose("rachel", Cases.lowRiskProposal("Oakham Spectroscopy Ltd"));

    Reply blank = waive("sam", held, Map.of("reason", "  "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).contains("reason");
    assertThat(waive("sam", held, Map.of()).status()).isEqualTo(400);
    assertThat(waive("sam", held, Map.of("reason", "x".repeat(2001))).status()).isEqualTo(400);
    for (String outsider : List.of(newcomer, "rachel", "hannah", "helen", "maria", "demo")) {
      assertThat(waive(outsider, held, Map.of("reason", "Please.")).status()).as(outsider).isEqualTo(403);
    }
    assertThat(waive("sam", "TR-1999-0001", Map.of("reason", "Please.")).status()).isEqualTo(404);
    assertThat(waive("sam", notHeld, Map.of("reason", "Please.")).status()).isEqualTo(409);

    assertHeldForTraining(held);
  }

  @Test
  void aRecordStoredWhileTheCaseWasStartingReleasesItAtTheHourlyRecheck() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Pemberton Fluidics Ltd"));
    // stored behind the gate's back, as when an import commits while the case's hold is not yet visible
    jdbc.sql("insert into tr_training_record (user_id, module_id, completed_on, source, status, recorded_by, recorded_at) "
        + "values (:user, :module, :date, 'IMPORT', 'IMPORTED', 'sam', :at)").param("user", newcomer)
        .param("module", MODULE).param("date", java.sql.Date.valueOf(PinnedClock.today()))
        .param("at", java.sql.Timestamp.from(PinnedClock.now())).update();
    assertHeldForTraining(ref);

    PinnedClock.stopAt(PinnedClock.now().plus(Duration.ofMinutes(61)));
    cases.runJobsOf(ref);

    assertThat(instance(ref)).hasPassed(OnboardingProcess.RECHECK_TRAINING);
    assertThat(cases.openTask(ref, ReviewerRole.HEAD_OF_DEPARTMENT.taskId())).isNotNull();
    assertThat(release(ref)).isEqualTo("TRAINING");
  }

  @Test
  void aCaseWithdrawnWhileHeldEndsItsHold() {
    String newcomer = newcomer();
    String ref = cases.propose(newcomer, Cases.lowRiskProposal("Quarrybank Optics Ltd"));

    Reply withdrawn = http.post("/api/cases/" + ref + "/withdrawal", newcomer, Map.of("reason", "Not going ahead."));

    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(cases.isEnded(ref)).isTrue();
    assertThat(release(ref)).isEqualTo("WITHDRAWAL");
  }
}
