package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.NodeProcess;
import org.trustedresearch.cases.support.TestDatabases;
import org.trustedresearch.cases.support.WebappSession;

/**
 * Two nodes of the application as separate JVMs on one PostgreSQL database, started at the same
 * moment on an empty database, each with its job executor, outbox dispatcher and the webapps, as a
 * cluster runs behind a load balancer without sticky sessions: a Tasklist login made on one node
 * works on the other, a case started on one is decided on the other, every e-mail goes out once,
 * and when one node is lost (SIGKILL) the other finishes its work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeProcessesTest {

  static final String REST = "/engine-rest";
  static final String START = REST + "/process-definition/key/" + OnboardingProcess.KEY + "/start";
  static final String HOD_TASK = ReviewerRole.HEAD_OF_DEPARTMENT.taskId();
  static final Duration PATIENCE = NodeProcess.LOCK_TIME.plusSeconds(60);
  static final List<String> DEMO_USERS = List.of("demo", "rachel", "omar", "hannah", "charles", "priya", "george",
      "leila", "ian", "helen", "sam", "maria", "tom");

  static final TestDatabases.Database database = TestDatabases.freshPostgres();
  static final JdbcClient jdbc = JdbcClient.create(
      new DriverManagerDataSource(database.url(), database.user(), database.password()));
  static final NodeProcess nodeA = NodeProcess.on("two-processes-a", database);
  static final NodeProcess nodeB = NodeProcess.on("two-processes-b", database);
  static WebappSession hannahOnA;

  @AfterAll
  static void stopNodes() {
    for (NodeProcess node : List.of(nodeA, nodeB)) {
      if (node.isAlive()) {
        node.stop();
      }
    }
  }

  @Test
  @Order(1)
  void twoNodesStartedTogetherOnAnEmptyDatabaseSetItUpOnceAndBothServe() {
    nodeA.launch();
    nodeB.launch();
    nodeA.awaitHealthy();
    nodeB.awaitHealthy();

    assertThat(jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single()).isOne();
    assertThat(duplicates("select key_ from act_re_procdef")).isEmpty();
    assertThat(duplicates("select key_ from act_re_decision_def")).isEmpty();
    assertThat(jdbc.sql("select key_ from act_re_procdef").query(String.class).list()).contains(OnboardingProcess.KEY);
    assertThat(jdbc.sql("select id_ from act_id_user").query(String.class).list())
        .containsExactlyInAnyOrderElementsOf(DEMO_USERS);
    assertThat(duplicates("select type_ || '/' || coalesce(user_id_, '') || '/' || coalesce(group_id_, '') || '/'"
        + " || resource_type_ || '/' || resource_id_ from act_ru_authorization")).isEmpty();
    assertThat(jdbc.sql("select name_ from act_ru_filter").query(String.class).list())
        .containsExactlyInAnyOrder("My tasks", "My group tasks", "Overdue");
    assertThat(duplicates("select version from tr_schema_history where success")).isEmpty();
  }

  @Test
  @Order(2)
  void aTasklistLoginOnOneNodeServesTheOtherNode() {
    hannahOnA = WebappSession.logIn(nodeA.port(), "tasklist", "hannah");
    WebappSession hannahOnB = hannahOnA.at(nodeB.port());

    Reply tasks = hannahOnB.get(WebappSession.ENGINE_API + "/task?maxResults=100");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    assertThat(tasks.json().isArray()).isTrue();
    Reply profile = hannahOnB.get("/camunda/api/admin/auth/user/default");
    assertThat(profile.json().path("userId").asText()).isEqualTo("hannah");
    Reply stranger = new Http(nodeB.port()).get(WebappSession.ENGINE_API + "/task?maxResults=100", null);
    assertThat(stranger.status()).as("a browser that signed in nowhere").isEqualTo(401);
  }

  @Test
  @Order(3)
  void aCaseStartedOnOneNodeIsDecidedOnTheOtherAndEachEmailGoesOutOnce() {
    String ref = startCase(nodeA, "Aurora Photonics Oy");
    String taskId = awaitOpenTask(nodeB, ref);

    WebappSession hannahOnB = hannahOnA.at(nodeB.port());
    assertThat(hannahOnB.post(WebappSession.ENGINE_API + "/task/" + taskId + "/claim", Map.of("userId", "hannah"))
        .status()).isEqualTo(204);
    Reply decided = hannahOnB.post(WebappSession.ENGINE_API + "/task/" + taskId + "/complete",
        Map.of("variables", Http.variables(Map.of(ReviewerRole.HEAD_OF_DEPARTMENT.decision().name(), "APPROVE"))));
    assertThat(decided.status()).as(decided.body()).isIn(200, 204);

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql(
        "select count(*) from act_hi_procinst where business_key_ = ? and end_time_ is not null").param(ref)
        .query(Long.class).single()).isOne());
    assertEachEmailReceived(List.of(ref), 1, 1);
  }

  @Test
  @Order(4)
  void whenANodeIsKilledTheOtherFinishesItsJobsAndEmails() {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      refs.add(startCase(nodeA, "Borealis Instruments " + i));
    }
    assertThat(nodeA.kill()).as("SIGKILL").isEqualTo(NodeProcess.KILLED);

    // the screening jobs and their e-mails, whether node A had not yet taken them, held them or half did them
    await().atMost(PATIENCE).untilAsserted(() -> {
      for (String ref : refs) {
        assertThat(openTasks(nodeB, ref)).as(ref).hasSize(1);
      }
    });
    // at least once: an e-mail the lost node handed to the SMTP server but had not yet marked sent goes
    // out again, with the same Message-ID
    assertEachEmailReceived(refs, 1, 2);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql(
        "select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < current_timestamp")
        .query(Long.class).single()).as("jobs still held by the lost node").isZero());
    Reply stillSignedIn = hannahOnA.at(nodeB.port()).get(WebappSession.ENGINE_API + "/task?maxResults=100");
    assertThat(stillSignedIn.status()).isEqualTo(200);
  }

  private static String startCase(NodeProcess node, String partner) {
    Reply started = new Http(node.port()).post(START, "rachel",
        Map.of("variables", Http.variables(Cases.lowRiskProposal(partner))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("businessKey").asText();
  }

  private static String awaitOpenTask(NodeProcess node, String ref) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(openTasks(node, ref)).hasSize(1));
    return openTasks(node, ref).get(0);
  }

  private static List<String> openTasks(NodeProcess node, String ref) {
    Reply tasks = new Http(node.port()).get(REST + "/task?maxResults=100&processInstanceBusinessKey=" + ref
        + "&taskDefinitionKey=" + HOD_TASK, "hannah");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    tasks.json().forEach(task -> ids.add(task.path("id").asText()));
    return ids;
  }

  /** Every outbox row of the cases is sent, and arrived at least {@code least} and at most {@code most} times. */
  private static void assertEachEmailReceived(List<String> refs, long least, long most) {
    await().atMost(PATIENCE).untilAsserted(() -> {
      List<String> unsent = jdbc.sql("select message_id from tr_notification_outbox where status <> 'SENT'"
          + " and case_reference in (" + refs.stream().map(ref -> "?").collect(Collectors.joining(",")) + ")")
          .params(refs).query(String.class).list();
      assertThat(unsent).isEmpty();
    });
    List<String> written = jdbc.sql("select message_id from tr_notification_outbox where case_reference in ("
            + refs.stream().map(ref -> "?").collect(Collectors.joining(",")) + ")")
        .params(refs).query(String.class).list();
    assertThat(written).as("e-mails the cases caused").isNotEmpty();
    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Long> received = Mailbox.all().stream()
          .collect(Collectors.groupingBy(Mailbox.Mail::messageId, Collectors.counting()));
      assertThat(written).allSatisfy(messageId -> assertThat(received.get(messageId)).as(messageId)
          .isBetween(least, most));
    });
  }

  private static List<String> duplicates(String values) {
    return jdbc.sql("select value from (" + values + ") as v(value)"
        + " group by value having count(*) > 1").query(String.class).list();
  }
}
