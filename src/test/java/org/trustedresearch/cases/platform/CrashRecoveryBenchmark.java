package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Mailbox;
import org.trustedresearch.cases.support.NodeProcess;
import org.trustedresearch.cases.support.TestDatabases;

/**
 * A node killed (SIGKILL) at random moments under load, and started again each time: researchers
 * keep starting cases and a head of department keeps deciding them through the REST API, and every
 * request answered 2xx is written down. Afterwards every answered start and decision must be in the
 * database, every e-mail the cases caused must have arrived (sent twice only where a kill fell
 * between the SMTP server's acceptance and the outbox's mark, counted), and no job may stay locked
 * by a node that is gone. Recovery (kill to healthy, kill to the first answered request) is set
 * against a graceful restart measured in the same run. Figures go to
 * {@code target/benchmark/crash-recovery.txt}.
 */
@Tag("benchmark")
class CrashRecoveryBenchmark {

  static final int KILLS = 20;
  static final int GRACEFUL_RESTARTS = 2;
  static final int STARTERS = 2;
  static final String START = "/engine-rest/process-definition/key/" + OnboardingProcess.KEY + "/start";
  static final String HOD_TASK = ReviewerRole.HEAD_OF_DEPARTMENT.taskId();
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger log = LoggerFactory.getLogger(CrashRecoveryBenchmark.class);

  final TestDatabases.Database database = TestDatabases.freshPostgres();
  final JdbcClient jdbc = JdbcClient.create(
      new DriverManagerDataSource(database.url(), database.user(), database.password()));
  final NodeProcess node = NodeProcess.on("crash-recovery", database);
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final List<String> startedInstances = Collections.synchronizedList(new ArrayList<>());
  final List<String> completedTasks = Collections.synchronizedList(new ArrayList<>());
  final AtomicLong failedRequests = new AtomicLong();
  final AtomicLong firstAnswerAfterKill = new AtomicLong();
  volatile long lastKill;
  final AtomicBoolean loadRunning = new AtomicBoolean(true);

  static NodeProcess running;

  @AfterAll
  static void stopNode() {
    if (running != null && running.isAlive()) {
      running.stop();
    }
  }

  @Test
  void aNodeKilledUnderLoadLosesNoAnsweredRequestNorEmail() throws Exception {
    running = node;
    node.start();
    List<Long> gracefulRestarts = new ArrayList<>();
    for (int i = 0; i < GRACEFUL_RESTARTS; i++) {
      long stopping = System.nanoTime();
      node.stop();
      node.start();
      gracefulRestarts.add(System.nanoTime() - stopping);
    }

    ExecutorService load = Executors.newFixedThreadPool(STARTERS + 1);
    for (int i = 0; i < STARTERS; i++) {
      load.submit(this::keepStartingCases);
    }
    load.submit(this::keepDecidingCases);

    List<Long> toHealthy = new ArrayList<>();
    List<Long> toFirstAnswer = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 8_000));
      long killedAt = System.nanoTime();
      lastKill = killedAt;
      firstAnswerAfterKill.set(0);
      assertThat(node.kill()).isEqualTo(NodeProcess.KILLED);
      node.start();
      toHealthy.add(System.nanoTime() - killedAt);
      await().atMost(Duration.ofMinutes(2)).until(() -> firstAnswerAfterKill.get() != 0);
      toFirstAnswer.add(firstAnswerAfterKill.get() - killedAt);
      log.info("Kill {}: healthy after {} ms", kill + 1, toHealthy.get(kill) / 1_000_000);
    }
    long lastStart = System.nanoTime();
    Thread.sleep(3_000);
    loadRunning.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    // the last start's successors take over whatever the killed node held, once its locks expire
    Duration settle = NodeProcess.LOCK_TIME.plusSeconds(90);
    await().atMost(settle).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(jdbc.sql(
        "select count(*) from tr_notification_outbox where status in ('PENDING', 'SENDING')").query(Long.class)
        .single()).isZero());
    long sinceLastStart = System.nanoTime() - lastStart;
    if (sinceLastStart < NodeProcess.LOCK_TIME.toNanos() * 2) {
      Thread.sleep((NodeProcess.LOCK_TIME.toNanos() * 2 - sinceLastStart) / 1_000_000);
    }
    long expiredLocks = jdbc.sql("select count(*) from act_ru_job where lock_owner_ is not null"
        + " and lock_exp_time_ < current_timestamp").query(Long.class).single();

    List<String> instancesFound = jdbc.sql("select id_ from act_hi_procinst").query(String.class).list();
    List<String> missingStarts = startedInstances.stream().filter(id -> !instancesFound.contains(id)).toList();
    List<String> completedFound = jdbc.sql(
        "select id_ from act_hi_taskinst where end_time_ is not null and delete_reason_ = 'completed'")
        .query(String.class).list();
    List<String> missingDecisions = completedTasks.stream().filter(id -> !completedFound.contains(id)).toList();
    List<String> outbox = jdbc.sql("select message_id from tr_notification_outbox").query(String.class).list();
    long failedMails = jdbc.sql("select count(*) from tr_notification_outbox where status = 'FAILED'")
        .query(Long.class).single();
    Map<String, Long> received = Mailbox.all().stream()
        .collect(Collectors.groupingBy(Mailbox.Mail::messageId, Collectors.counting()));
    List<String> lostMails = outbox.stream().filter(id -> !received.containsKey(id)).toList();
    long sentTwice = received.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
    long strangers = received.keySet().stream().filter(id -> !outbox.contains(id)).count();
    long incidents = jdbc.sql("select count(*) from act_ru_incident").query(Long.class).single();

    String report = String.format("""
        Crash recovery: one node on PostgreSQL killed with SIGKILL %d times under load and started again
        (%d threads starting cases, 1 deciding them, through the REST API); job and outbox lock time %s s.

        graceful restart (baseline), stop to healthy: median %d ms
        kill to healthy:        median %d ms, p95 %d ms  (%.2f x the graceful restart)
        kill to first answered request: median %d ms, p95 %d ms  (%.2f x the graceful restart)

        starts answered 2xx:    %d, missing afterwards: %d
        decisions answered 2xx: %d, missing afterwards: %d
        requests not answered 2xx (refused while down, or cut off by a kill): %d
        e-mails in the outbox:  %d, received: %d, lost: %d, sent twice: %d, unknown: %d, failed: %d
        jobs locked past their lock time after the last restart: %d
        incidents: %d
        """, KILLS, STARTERS, NodeProcess.LOCK_TIME.toSeconds(),
        millis(median(gracefulRestarts)),
        millis(median(toHealthy)), millis(p95(toHealthy)), (double) median(toHealthy) / median(gracefulRestarts),
        millis(median(toFirstAnswer)), millis(p95(toFirstAnswer)),
        (double) median(toFirstAnswer) / median(gracefulRestarts),
        startedInstances.size(), missingStarts.size(), completedTasks.size(), missingDecisions.size(),
        failedRequests.get(), outbox.size(), received.values().stream().mapToLong(Long::longValue).sum(),
        lostMails.size(), sentTwice, strangers, failedMails, expiredLocks, incidents);
    Path file = Path.of("target", "benchmark", "crash-recovery.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
    log.info("\n{}", report);

    assertThat(startedInstances).as("starts answered").isNotEmpty();
    assertThat(completedTasks).as("decisions answered").isNotEmpty();
    assertThat(missingStarts).as("answered starts that are gone").isEmpty();
    assertThat(missingDecisions).as("answered decisions that are gone").isEmpty();
    assertThat(lostMails).as("e-mails never received").isEmpty();
    assertThat(strangers).as("e-mails that are not in the outbox").isZero();
    assertThat(failedMails).isZero();
    assertThat(expiredLocks).as("jobs still held by a killed node").isZero();
  }

  private void keepStartingCases() {
    int number = 0;
    while (loadRunning.get()) {
      Map<String, Object> body = Map.of("variables",
          Http.variables(Cases.lowRiskProposal("Crash Test Partner " + Thread.currentThread().getId() + "-" + number++)));
      JsonNode started = post(START, "rachel", body);
      if (started != null) {
        startedInstances.add(started.path("id").asText());
      }
    }
  }

  private void keepDecidingCases() {
    while (loadRunning.get()) {
      JsonNode tasks = get("/engine-rest/task?taskDefinitionKey=" + HOD_TASK + "&maxResults=5", "hannah");
      if (tasks == null || tasks.isEmpty()) {
        pause();
        continue;
      }
      for (JsonNode task : tasks) {
        String id = task.path("id").asText();
        if (post("/engine-rest/task/" + id + "/claim", "hannah", Map.of("userId", "hannah")) != null
            && post("/engine-rest/task/" + id + "/complete", "hannah", Map.of("variables",
                Http.variables(Map.of(ReviewerRole.HEAD_OF_DEPARTMENT.decision().name(), "APPROVE")))) != null) {
          completedTasks.add(id);
        }
      }
    }
  }

  private JsonNode get(String path, String user) {
    return send(request(path, user).GET());
  }

  private JsonNode post(String path, String user, Object body) {
    return send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body))));
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  /** The answer's JSON (an empty object for 204) if answered 2xx, otherwise null. */
  private JsonNode send(HttpRequest.Builder request) {
    long sentAt = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        failedRequests.incrementAndGet();
        return null;
      }
      if (sentAt > lastKill) {
        firstAnswerAfterKill.compareAndSet(0, System.nanoTime());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException down) {
      failedRequests.incrementAndGet();
      pause();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loadRunning.set(false);
      return null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long median(List<Long> values) {
    return percentile(values, 50);
  }

  private static long p95(List<Long> values) {
    return percentile(values, 95);
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
