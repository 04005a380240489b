package org.trustedresearch.cases.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.training.TrainingRecords.Source;
import org.trustedresearch.cases.training.TrainingRecords.Status;
import org.trustedresearch.cases.training.TrainingRecords.TrainingRecord;

/** New members of researchers get the induction task once, however they joined, and it closes when their training is current. */
@CaseManagementTest
class InductionTest {

  static final String MODULE = "trusted-research";
  static final AtomicInteger PEOPLE = new AtomicInteger();

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TrainingRecords records;
  @Autowired
  Inductions inductions;
  @Autowired
  OutboxDispatcher dispatcher;

  @BeforeEach
  void membersOfNowAreTakenAsTheyAre() {
    inductions.sweep();
  }

  /** Someone in the directory who is not a researcher yet; the password is the id. */
  String newPerson() {
    return TestUsers.newPerson(engine.getIdentityService(), "joiner" + PEOPLE.incrementAndGet(), "Joiner", true);
  }

  List<Task> inductionTasksOf(String person) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(InductionProcess.KEY).taskAssignee(person)
        .list();
  }

  List<HistoricProcessInstance> inductionsOf(String person) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(InductionProcess.KEY)
        .variableValueEquals(InductionProcess.REQUESTER.name(), person).list();
  }

  @Test
  void aPersonAddedToResearchersThroughTheIdentityServiceGetsTheInductionDueIn30DaysOnce() {
    String person = newPerson();
    engine.getIdentityService().createMembership(person, "researchers");

    Inductions.Sweep sweep = inductions.sweep();
    inductions.sweep();

    assertThat(sweep.started()).isGreaterThanOrEqualTo(1);
    List<Task> tasks = inductionTasksOf(person);
    assertThat(tasks).hasSize(1);
    Task task = tasks.get(0);
    assertThat(task.getName()).isEqualTo("Trusted Research induction");
    assertThat(task.getTaskDefinitionKey()).isEqualTo(InductionProcess.COMPLETE_INDUCTION);
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), ZoneId.of("Europe/London")))
        .isEqualTo(PinnedClock.today().plusDays(30));
    Map<String, Object> variables = engine.getTaskService().getVariables(task.getId());
    assertThat(variables).containsEntry(InductionProcess.MODULE.name(), MODULE)
        .containsEntry(InductionProcess.MODULE_LINK.name(), "https://learning.example.org/course/trusted-research");
    assertThat(inductionsOf(person)).hasSize(1);

    // the person is told the task waits for them, with a link into Tasklist
    dispatcher.deliverAll();
    String reference = (String) variables.get(InductionProcess.CASE_REFERENCE.name());
    assertThat(Mailbox.to(person, reference)).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).startsWith("Welcome: your Trusted Research induction is due by");
      assertThat(mail.text()).contains("https://learning.example.org/course/trusted-research", reference,
          "/camunda/app/tasklist/");
    });

    // leaving and joining again gives no second induction
    engine.getIdentityService().deleteMembership(person, "researchers");
    inductions.sweep();
    engine.getIdentityService().createMembership(person, "researchers");
    inductions.sweep();
    assertThat(inductionsOf(person)).hasSize(1);
  }

  @Test
  void aPersonAddedThroughEngineRestGetsTheInductionAndSeesItInTheirTaskList() {
    String person = newPerson();
    Http http = new Http(port);
    Reply added = http.put("/engine-rest/group/researchers/members/" + person, "demo", "");
    assertThat(added.status()).as(added.body()).isEqualTo(204);

    inductions.sweep();

    Reply own = http.get("/engine-rest/task?maxResults=50&processDefinitionKey=" + InductionProcess.KEY, person);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().size()).isEqualTo(1);
    assertThat(own.json().get(0).path("assignee").asText()).isEqualTo(person);
    assertThat(own.json().get(0).path("camundaFormRef").path("key").asText())
        .isEqualTo("training-induction-complete-induction");
    Reply form = http.get("/engine-rest/task/" + own.json().get(0).path("id").asText() + "/deployed-form", person);
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.body()).contains("\"inductionCompletedOn\"", "{{inductionModuleLink}}");
    // nobody else's task list shows it
    assertThat(http.get("/engine-rest/task?maxResults=50&processDefinitionKey=" + InductionProcess.KEY + "&assignee="
        + person, "rachel").json().size()).isZero();
  }

  @Test
  void theInductionClosesByItselfWhenACurrentRecordArrives() {
    String person = newPerson();
    engine.getIdentityService().createMembership(person, "researchers");
    inductions.sweep();
    assertThat(inductionTasksOf(person)).hasSize(1);

    records.insert(person, MODULE, PinnedClock.today().minusDays(1), Source.IMPORT, Status.IMPORTED, "sam",
        PinnedClock.now());
    Inductions.Sweep sweep = inductions.sweep();

    assertThat(sweep.closed()).isGreaterThanOrEqualTo(1);
    assertThat(inductionTasksOf(person)).isEmpty();
    HistoricProcessInstance induction = inductionsOf(person).get(0);
    assertThat(induction.getEndTime()).isNotNull();
    assertThat(induction.getEndActivityId()).isEqualTo(InductionProcess.END_TRAINING_CURRENT);
  }

  @Test
  void anImportOfTheLearningSystemClosesTheInductionAtOnce() {
    String person = newPerson();
    engine.getIdentityService().createMembership(person, "researchers");
    inductions.sweep();
    assertThat(inductionTasksOf(person)).hasSize(1);

    String csv = "userId,module,completedOn\n" + person + "," + MODULE + "," + PinnedClock.today().minusDays(1) + "\n";
    Reply imported = new Http(port).postFile("/api/training/records", "sam", Map.of(), "export.csv",
        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);

    assertThat(inductionTasksOf(person)).as("closed by the import, before any sweep").isEmpty();
    assertThat(inductionsOf(person).get(0).getEndActivityId()).isEqualTo(InductionProcess.END_TRAINING_CURRENT);
  }

  @Test
  void aNewMemberWhoseTrainingIsCurrentGetsNoInduction() {
    String person = newPerson();
    records.insert(person, MODULE, PinnedClock.today().minusMonths(3), Source.IMPORT, Status.IMPORTED, "sam",
        PinnedClock.now());
    engine.getIdentityService().createMembership(person, "researchers");

    inductions.sweep();

    assertThat(inductionsOf(person)).isEmpty();
    assertThat(jdbc.sql("select outcome from tr_training_induction where user_id = ?").params(person)
        .query(String.class).single()).isEqualTo("TRAINING_CURRENT");
  }

  @Test
  void completingTheInductionWithADateFilesASelfDeclarationForTheResearchOffice() {
    String person = newPerson();
    engine.getIdentityService().createMembership(person, "researchers");
    inductions.sweep();
    Task task = inductionTasksOf(person).get(0);
    String completedOn = PinnedClock.today().minusDays(3).toString();
    Http http = new Http(port);

    Reply future = http.post("/engine-rest/task/" + task.getId() + "/complete", person, Map.of("variables",
        Http.variables(Map.of(InductionProcess.COMPLETED_ON.name(), PinnedClock.today().plusDays(3).toString()))));
    assertThat(future.status()).as(future.body()).isEqualTo(400);
    assertThat(future.body()).contains("completedOn");
    assertThat(inductionTasksOf(person)).hasSize(1);

    Reply done = http.post("/engine-rest/task/" + task.getId() + "/complete", person, Map.of("variables",
        Http.variables(Map.of(InductionProcess.COMPLETED_ON.name(), completedOn))));

    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(inductionTasksOf(person)).isEmpty();
    assertThat(inductionsOf(person).get(0).getEndActivityId()).isEqualTo(InductionProcess.END_DECLARED);
    List<TrainingRecord> pending = records.pending().stream().filter(record -> record.userId().equals(person)).toList();
    assertThat(pending).singleElement().satisfies(declaration -> {
      assertThat(declaration.module()).isEqualTo(MODULE);
      assertThat(declaration.completedOn()).isEqualTo(LocalDate.parse(completedOn));
      assertThat(declaration.source()).isEqualTo(Source.SELF_DECLARED);
    });
  }

  @Test
  void peopleWhoWereResearchersWhenTheSweepFirstRanGetNoInduction() {
    inductions.sweep();

    for (String demoResearcher : List.of("rachel", "omar", "priya")) {
      assertThat(inductionsOf(demoResearcher)).as(demoResearcher).isEmpty();
      assertThat(jdbc.sql("select outcome from tr_training_induction where user_id = ?").params(demoResearcher)
          .query(String.class).single()).isIn("ALREADY_MEMBER", "TRAINING_CURRENT");
    }
    assertThat(jdbc.sql("select count(*) from tr_training_induction_baseline").query(Long.class).single()).isEqualTo(1);
  }
}
