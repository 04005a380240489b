package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.trustedresearch.cases.support.BenchmarkDatabase;
import org.trustedresearch.cases.support.EngineStatements;
import org.trustedresearch.cases.support.ScaleSeed;
import org.trustedresearch.cases.support.TestMailServer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What reviewers and the case list cost as open tasks and historic cases grow: on PostgreSQL with
 * 100,000 historic cases and first 1,000, then 10,000 open review tasks (copies of cases the engine
 * really ran, with every grant the engine and the project made for them), statistics current. At
 * each size: the candidate-group task list alone, Tasklist's filter, a reviewer's history and the
 * paged case list alone, then all of them mixed at a fixed arrival rate (latency counted from the
 * moment a request was due, so a slow server cannot slow the load down), and the plans of a head of
 * department's candidate task list as the application and as the engine's own statement ask it. Run with
 * {@code mvn -Pbenchmark test -Dtest=AccessAtScaleBenchmark}; {@code -Dtrc.bench.access.open-tasks=1000,50000}
 * changes the two sizes, {@code -Dtrc.bench.access.focus=tasks} measures the task lists and counts alone only.
 * Figures go to target/benchmark/access-at-scale.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"demo", "postgres"})
@ContextConfiguration(initializers = {TestMailServer.class, BenchmarkDatabase.class})
class AccessAtScaleBenchmark {

  static final Logger log = LoggerFactory.getLogger(AccessAtScaleBenchmark.class);
  /** The default engine, since the project's own API (/api/cases) works with it: run this class on its own. */
  static final String REST = "/engine-rest";
  static final int HISTORIC_CASES = 100_000;
  static final int RATE_PER_SECOND = 20;
  static final Duration LOAD = Duration.ofSeconds(30);
  static final int ALONE = 150;
  static final String TASK_LIST = REST + "/task?candidateGroup=%s&sortBy=created&sortOrder=desc&maxResults=50";
  static final String HISTORY = REST + "/history/process-instance?processDefinitionKey=collaboration-onboarding"
      + "&sortBy=startTime&sortOrder=desc&firstResult=0&maxResults=50";
  /** The baseline: the same login and HTTP path with no query behind it, measured in the same run. */
  static final String BASELINE = REST + "/version";
  static final String BASELINE_MEASURE = "baseline (GET /engine-rest/version)";
  static final ObjectMapper JSON = new ObjectMapper();
  /** The open tasks measured at: first, then last ({@code -Dtrc.bench.access.open-tasks=1000,50000}). */
  static final List<Integer> SIZES = Arrays.stream(System.getProperty("trc.bench.access.open-tasks", "1000,10000")
      .split(",")).map(String::trim).map(Integer::valueOf).toList();
  /** Only the task lists and their counts, alone ({@code -Dtrc.bench.access.focus=tasks}). */
  static final boolean TASKS_ONLY = "tasks".equals(System.getProperty("trc.bench.access.focus"));

  /** A reviewer and the group whose tasks they list. */
  record Reviewer(String user, String group) {
  }

  static final List<Reviewer> REVIEWERS = List.of(new Reviewer("hannah", "hod-physics"),
      new Reviewer("charles", "hod-computer-science"), new Reviewer("leila", "legal"), new Reviewer("ian", "it-security"));
  static final List<String> CASE_READERS = List.of("sam", "hannah", "rachel", "helen");

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  final HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
  String groupTasksFilter;

  @Test
  void reviewersListsAndTheCaseListDoNotGrowWithAllTasksAndGrants() throws Exception {
    ScaleSeed seed = new ScaleSeed(engine, jdbc);
    seed.seed(HISTORIC_CASES);
    groupTasksFilter = engine.getFilterService().createFilterQuery().filterName("My group tasks").singleResult().getId();
    int smallSize = SIZES.get(0);
    int largeSize = SIZES.get(SIZES.size() - 1);
    seed.openTasks(smallSize);
    Map<String, String> small = measure();
    String smallPlans = plans();
    seed.openTasks(largeSize);
    Map<String, String> large = measure();
    String largePlans = plans();

    String smallLabel = String.format("%,d open tasks", smallSize);
    String largeLabel = String.format("%,d open tasks", largeSize);
    StringBuilder report = new StringBuilder("Access at scale on PostgreSQL, ")
        .append(HISTORIC_CASES).append(" historic cases, statistics current; milliseconds\n")
        .append("ratios of p95: " + largeLabel + " against " + smallLabel + " (growth), and against the baseline of"
            + " the same size and load (alone or mixed) in the same run\n")
        .append(String.format("%-56s %18s %18s %7s %9s %9s%n", "measure", smallLabel, largeLabel,
            "growth", "/base sm", "/base lg"));
    for (String measure : large.keySet()) {
      report.append(String.format("%-56s %18s %18s %7s %9s %9s%n", measure, small.get(measure), large.get(measure),
          ratio(small.get(measure), large.get(measure)), ratio(baseline(small, measure), small.get(measure)),
          ratio(baseline(large, measure), large.get(measure))));
    }
    report.append("\nPlans at ").append(smallLabel).append(":\n").append(smallPlans)
        .append("\nPlans at ").append(largeLabel).append(":\n").append(largePlans);
    log.info("\n{}", report);
    Path file = Path.of("target", "benchmark", "access-at-scale.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report.toString());
    assertThat(large.get("errors")).isEqualTo("0");
    assertThat(small.get("errors")).isEqualTo("0");
  }

  /**
   * The plans (EXPLAIN ANALYZE, BUFFERS) of a head of department's candidate task list, newest 50, as the
   * application asks it and as the engine's own statement would.
   */
  String plans() {
    Supplier<Object> page = () -> engine.getTaskService().createTaskQuery().taskCandidateGroup("hod-physics")
        .orderByTaskCreateTime().desc().listPage(0, 50);
    String ours = CandidateTaskListsScenarios.as(engine, "hannah", List.of("hod-physics", "dept-physics"),
        () -> explainAnalyze(EngineStatements.only(engine, "CandidateTasks.selectTasks", page)));
    String stock = CandidateTaskListsScenarios.as(engine, "hannah", List.of("hod-physics", "dept-physics"),
        () -> explainAnalyze(EngineStatements.only(engine, "selectTaskByQueryCriteria",
            () -> CandidateTaskListsScenarios.withEnginesStatement(engine, context -> {
              TaskQueryImpl query = (TaskQueryImpl) engine.getTaskService().createTaskQuery()
                  .taskCandidateGroup("hod-physics").orderByTaskCreateTime().desc();
              query.setMaxResults(50);
              return query.executeList(context, null);
            }))));
    return "candidate-group task list:\n" + ours + "\nthe engine's own statement:\n" + stock + "\n";
  }

  String explainAnalyze(EngineStatements.Statement statement) {
    List<String> lines = new ArrayList<>();
    jdbc.query("explain (analyze, buffers) " + statement.sql(), (java.sql.ResultSet row) -> {
      lines.add(row.getString(1));
    }, statement.values().stream().map(value -> value instanceof java.util.Date date
        ? new java.sql.Timestamp(date.getTime()) : value).toArray());
    return String.join("\n", lines);
  }

  Map<String, String> measure() throws Exception {
    Map<String, String> figures = new LinkedHashMap<>();
    AtomicInteger errors = new AtomicInteger();
    Reviewer hannah = REVIEWERS.get(0);
    figures.put(BASELINE_MEASURE + " alone p50/p95", percentiles(alone(() -> get(BASELINE, hannah.user()), errors)));
    List<Long> taskList = alone(() -> get(TASK_LIST.formatted(hannah.group()), hannah.user()), errors);
    figures.put("task list (candidate group) alone p50/p95", percentiles(taskList));
    figures.put("Tasklist group filter alone p50/p95", percentiles(alone(() -> groupFilter(hannah.user()), errors)));
    figures.put("task count (candidate group) alone p50/p95",
        percentiles(alone(() -> get(REST + "/task/count?candidateGroup=" + hannah.group(), hannah.user()), errors)));
    figures.put("Tasklist group filter count alone p50/p95",
        percentiles(alone(() -> groupFilterCount(hannah.user()), errors)));
    if (TASKS_ONLY) {
      figures.put("errors", String.valueOf(errors.get()));
      log.info("Figures: {}", figures);
      return figures;
    }
    figures.put("reviewer's history alone p50/p95", percentiles(alone(() -> get(HISTORY, hannah.user()), errors)));
    figures.put("GET /api/cases (all readable) alone p50/p95",
        percentiles(alone(() -> get("/api/cases?page=0&size=50", "sam"), errors)));
    // "Partner 1" is in one case name in nine (1, 10-19, 100-199, ...); "Partner 4242 " in one or two
    figures.put("GET /api/cases (filtered, 1 in 9 match) alone p50/p95", percentiles(alone(
        () -> get("/api/cases?department=physics&riskTier=LOW&partner=Partner%201&sort=partnerName", "sam"), errors)));
    figures.put("GET /api/cases (partner search, one match) alone p50/p95", percentiles(alone(
        () -> get("/api/cases?partner=Partner%204242%20Template&sort=partnerName", "sam"), errors)));
    figures.put("GET /api/cases (reviewer's cases) alone p50/p95",
        percentiles(alone(() -> get("/api/cases?page=0&size=50", "hannah"), errors)));
    figures.put("GET /api/cases total (research office)", String.valueOf(total(get("/api/cases", "sam"))));
    figures.put("GET /api/cases total (hannah)", String.valueOf(total(get("/api/cases", "hannah"))));

    Map<String, List<Long>> mixed = openModel(errors);
    mixed.forEach((kind, latencies) -> figures.put(kind + " at " + RATE_PER_SECOND + "/s p50/p95",
        percentiles(latencies)));
    figures.put("errors", String.valueOf(errors.get()));
    log.info("Figures: {}", figures);
    return figures;
  }

  /** Sequential requests after a warm-up; the latencies of those measured. */
  List<Long> alone(Request request, AtomicInteger errors) throws Exception {
    for (int i = 0; i < 10; i++) {
      try {
        request.send();
      } catch (IOException e) {
        errors.incrementAndGet();
      }
    }
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < ALONE; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = request.send();
      } catch (IOException e) {
        errors.incrementAndGet();
        log.warn("Request failed", e);
        continue;
      } finally {
        latencies.add((System.nanoTime() - start) / 1_000);
      }
      if (response.statusCode() != 200) {
        errors.incrementAndGet();
        log.warn("{} {}", response.statusCode(), response.body());
      }
    }
    return latencies;
  }

  /** Requests sent at a fixed rate whatever the answers take; each latency counts from when it was due. */
  Map<String, List<Long>> openModel(AtomicInteger errors) throws InterruptedException {
    Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newCachedThreadPool();
    long intervalNanos = 1_000_000_000L / RATE_PER_SECOND;
    long requests = LOAD.toSeconds() * RATE_PER_SECOND;
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int number = i;
      senders.execute(() -> {
        String kind;
        HttpResponse<String> response;
        Reviewer reviewer = REVIEWERS.get(number % REVIEWERS.size());
        try {
          // of every 20 requests: 10 task lists, 4 filters, 2 histories, 3 case lists and the baseline
          switch (number % 20) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> {
              kind = "task list (candidate group)";
              response = get(TASK_LIST.formatted(reviewer.group()), reviewer.user());
            }
            case 10, 11, 12, 13 -> {
              kind = "Tasklist group filter";
              response = groupFilter(reviewer.user());
            }
            case 14, 15 -> {
              kind = "reviewer's history";
              response = get(HISTORY, reviewer.user());
            }
            case 19 -> {
              kind = BASELINE_MEASURE;
              response = get(BASELINE, reviewer.user());
            }
            default -> {
              kind = "GET /api/cases";
              response = get("/api/cases?page=0&size=50", CASE_READERS.get(number % CASE_READERS.size()));
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          log.warn("Request failed", e);
          return;
        }
        latencies.computeIfAbsent("mixed: " + kind, k -> Collections.synchronizedList(new ArrayList<>()))
            .add((System.nanoTime() - due) / 1_000);
        if (response.statusCode() != 200) {
          errors.incrementAndGet();
          log.warn("{} {}", response.statusCode(), response.body());
        }
      });
    }
    senders.shutdown();
    assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    // requests the client gave up on may still be running on the server
    TimeUnit.SECONDS.sleep(10);
    return new java.util.TreeMap<>(latencies);
  }

  interface Request {
    HttpResponse<String> send() throws Exception;
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return client.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Tasklist's first page of the shared "My group tasks" filter, newest first, as Tasklist asks for it. */
  HttpResponse<String> groupFilter(String user) throws Exception {
    return client.send(request(REST + "/filter/" + groupTasksFilter + "/list?firstResult=0&maxResults=15", user)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The count Tasklist shows beside the shared "My group tasks" filter. */
  HttpResponse<String> groupFilterCount(String user) throws Exception {
    return client.send(request(REST + "/filter/" + groupTasksFilter + "/count", user)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path, String user) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + basic)
        .header("Accept", "application/json").timeout(Duration.ofMinutes(2));
  }

  /** The case list's total: its X-Total-Count, or the length of the list where there is none (before paging). */
  static long total(HttpResponse<String> response) throws IOException {
    return response.headers().firstValue("X-Total-Count").map(Long::parseLong)
        .orElse((long) JSON.readTree(response.body()).size());
  }

  static String percentiles(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return String.format("%.1f / %.1f", at(sorted, 0.50), at(sorted, 0.95));
  }

  static double at(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  /** The baseline's figures measured the same way as the measure (alone, or within the mixed load). */
  static String baseline(Map<String, String> figures, String measure) {
    if (measure.startsWith(BASELINE_MEASURE) || measure.startsWith("mixed: " + BASELINE_MEASURE)) {
      return null;
    }
    return figures.get(measure.startsWith("mixed: ") ? "mixed: " + BASELINE_MEASURE + " at " + RATE_PER_SECOND
        + "/s p50/p95" : BASELINE_MEASURE + " alone p50/p95");
  }

  /** How many times the second p95 is the first. */
  static String ratio(String small, String large) {
    if (small == null || large == null || !small.contains("/") || !large.contains("/")) {
      return "";
    }
    double before = Double.parseDouble(small.split("/")[1].trim());
    double after = Double.parseDouble(large.split("/")[1].trim());
    return String.format("%.2f", after / before);
  }
}
