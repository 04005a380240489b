package org.trustedresearch.cases.platform;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.crashLoadGeneratorIf;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trustedresearch.cases.TrustedResearchCasesApplication;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.BenchmarkDatabase;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.ScaleSeed;

/**
 * REST latency in an open model: requests arrive at a fixed mean rate (Poisson arrivals) whatever the
 * answers take, so a slow server cannot slow the load down, and each latency counts from the moment the
 * request was due. The simulation starts the application itself (demo directory, PostgreSQL profile) on a
 * benchmark database of its own, seeds it with copies of cases the engine really ran ({@link ScaleSeed}),
 * and drops the database afterwards.
 *
 * <p>Six requests in the shares of {@link #mix}: start a case, the candidate-group task list, complete a head
 * of department's review, the case list, the KPIs, and the baseline {@code GET /engine-rest/version} (the same
 * login and HTTP path with no query behind it), so that every figure is read against the machine's own
 * noise in the same run. The rate ladder runs at one size of open tasks; the growth rate at every size.
 * Before each step the server works off what the last step left queued, and the open tasks are made up to
 * the step's size again (the load completes some).
 *
 * <p>Run with {@code mvn -Pbenchmark gatling:test}; figures go to target/benchmark/rest-latency.txt,
 * Gatling's report to target/gatling.
 */
public class RestLatencySimulation extends Simulation {

  private static final Logger log = LoggerFactory.getLogger(RestLatencySimulation.class);
  private static final String REST = "/engine-rest";
  static final String BASELINE = "baseline GET /engine-rest/version";
  static final List<String> KINDS = List.of(BASELINE, "start a case", "candidate-group task list",
      "complete a review task", "GET /api/cases", "GET /api/kpis");
  /** Requests each step measures at least, whatever its rate: 60 KPIs at their share, 360 task lists. */
  static final int MIN_REQUESTS_PER_STEP = 1_200;
  static final String WARM_UP = "warm-up";
  static final int WARM_UP_SECONDS = 30;

  /** A step: a size of open tasks and an arrival rate. */
  record Step(int openTasks, int rate, Duration duration) {
    String name() {
      return "%,d open tasks, %d/s".formatted(openTasks, rate);
    }
  }

  /** A reviewer and the group whose tasks they list. */
  record Reviewer(String user, String group) {
  }

  static final List<Reviewer> REVIEWERS = List.of(new Reviewer("hannah", "hod-physics"),
      new Reviewer("charles", "hod-computer-science"), new Reviewer("leila", "legal"), new Reviewer("ian", "it-security"));
  /** Heads of department, whose review tasks the load completes. */
  static final Map<String, String> HEADS = Map.of("hod-physics", "hannah", "hod-computer-science", "charles");
  static final List<String> CASE_READERS = List.of("sam", "hannah", "rachel", "helen");

  final int historicCases = Integer.getInteger("trc.bench.historic-cases", 100_000);
  final List<Integer> rates = numbers(System.getProperty("trc.bench.rates", "10,25,50,100"));
  final List<Integer> sizes = numbers(System.getProperty("trc.bench.open-tasks", "1000,10000,50000"));
  final int ladderSize = Integer.getInteger("trc.bench.ladder-open-tasks", 10_000);
  final int growthRate = Integer.getInteger("trc.bench.growth-rate", 10);
  final int stepSeconds = Integer.getInteger("trc.bench.step-seconds", 60);
  /** The rate the targets are set at: no errors up to it. */
  final int targetRate = 50;

  final int port = freePort();
  final List<Step> steps = steps();
  final Map<String, Map<String, List<Integer>>> latencies = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Map<String, Object>> reviewTasks = new ConcurrentLinkedQueue<>();
  final ExecutorService seeder = Executors.newSingleThreadExecutor();
  final String startBody = Http.toJson(Map.of("variables", Http.variables(Cases.lowRiskProposal("Benchmark Optics GmbH"))));
  String database;
  ConfigurableApplicationContext application;
  ScaleSeed seed;

  {
    HttpProtocolBuilder protocol = http.baseUrl("http://127.0.0.1:" + port)
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        // one pool for all: the latency is the server's, not a new TCP connection's per arrival
        .shareConnections();
    PopulationBuilder chain = null;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      PopulationBuilder load = load(step.name(), step);
      chain = prepare(step.name(), step).andThen(chain == null ? load : load.andThen(chain));
    }
    // the first step again, unreported, before anything is measured: the JIT compiles what the load runs
    Step first = steps.get(0);
    Step warmUp = new Step(first.openTasks(), first.rate(), Duration.ofSeconds(WARM_UP_SECONDS));
    chain = prepare(WARM_UP, first).andThen(load(WARM_UP, warmUp).andThen(chain));
    List<Assertion> noErrors = steps.stream().filter(step -> step.rate() <= targetRate)
        .map(step -> details(step.name()).failedRequests().count().is(0L)).toList();
    setUp(chain).protocols(protocol).assertions(noErrors);
  }

  /** The ladder at its size (with the growth rate among its rates), the growth rate at every other size. */
  List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    for (int size : sizes.stream().sorted().toList()) {
      List<Integer> ratesHere = size == ladderSize ? new ArrayList<>(rates) : new ArrayList<>(List.of(growthRate));
      if (!ratesHere.contains(growthRate)) {
        ratesHere.add(growthRate);
      }
      Collections.sort(ratesHere);
      for (int rate : ratesHere) {
        long seconds = Math.max(stepSeconds, (MIN_REQUESTS_PER_STEP + rate - 1) / rate);
        steps.add(new Step(size, rate, Duration.ofSeconds(seconds)));
      }
    }
    return steps;
  }

  @Override
  public void before() {
    database = BenchmarkDatabase.create("trc_latency_");
    List<String> settings = new ArrayList<>(BenchmarkDatabase.settings(database));
    settings.addAll(List.of("server.port=" + port,
        // timers of the copied cases (reminders long due) would fire at once: jobs wait, as in the other benchmarks
        "camunda.bpm.job-execution.enabled=false",
        "camunda.bpm.webapp.enabled=false",
        "trusted-research.notification.dispatch.enabled=false",
        // Gatling's own logging configuration keeps everything else at WARN; the seeding's progress is worth seeing
        "logging.level.org.trustedresearch.cases.support=INFO",
        "logging.level.org.trustedresearch.cases.platform.RestLatencySimulation=INFO"));
    // as command-line arguments, which come before application.yaml
    application = new SpringApplicationBuilder(TrustedResearchCasesApplication.class)
        .profiles("demo", "postgres")
        .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    seed = new ScaleSeed(application.getBean(ProcessEngine.class), application.getBean(JdbcTemplate.class));
    seed.seed(historicCases);
    log.info("Steps: {}", steps);
  }

  @Override
  public void after() {
    try {
      report();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      seeder.shutdownNow();
      if (application != null) {
        application.close();
      }
      if (database != null) {
        BenchmarkDatabase.drop(database);
      }
    }
  }

  PopulationBuilder load(String name, Step step) {
    return scenario(name).exec(group(name).on(mix(name)))
        .injectOpen(constantUsersPerSec(step.rate()).during(step.duration()).randomized());
  }

  /**
   * Off the load generator's threads: waits for the server to drain, writes what is measured so far (a run
   * stopped early keeps it), makes the open tasks up to the step's size and lines up tasks to complete.
   */
  PopulationBuilder prepare(String name, Step step) {
    return scenario("prepare " + name).exec(prepare(step)).injectOpen(atOnceUsers(1));
  }

  /**
   * Waits until the server has worked off what the last step left queued: requests the load generator gave up
   * on still run, and would otherwise be counted against the next step.
   */
  void awaitDrained() throws SQLException, InterruptedException {
    HikariPoolMXBean pool = application.getBean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
    for (int quiet = 0; quiet < 3; ) {
      TimeUnit.SECONDS.sleep(1);
      quiet = pool.getActiveConnections() == 0 && pool.getThreadsAwaitingConnection() == 0 ? quiet + 1 : 0;
    }
  }

  ChainBuilder prepare(Step step) {
    return exec(session -> session.set("prepared", seeder.submit(() -> {
      awaitDrained();
      report();
      seed.openTasks(step.openTasks());
      List<Map<String, Object>> tasks = new ArrayList<>();
      HEADS.forEach((group, head) -> seed.copiedOpenTasks(ReviewerRole.HEAD_OF_DEPARTMENT.taskId(), group)
          .forEach(task -> tasks.add(Map.of("taskId", task, "head", head))));
      Collections.shuffle(tasks);
      reviewTasks.clear();
      reviewTasks.addAll(tasks);
      return null;
    })))
        .exec(asLongAs(session -> !session.<Future<?>>get("prepared").isDone()).on(pause(Duration.ofSeconds(1))))
        .exec(session -> {
          try {
            session.<Future<?>>get("prepared").get();
            return session;
          } catch (Exception e) {
            log.error("Could not prepare {}", step.name(), e);
            return session.markAsFailed();
          }
        })
        .exec(crashLoadGeneratorIf("preparing the data failed", Session::isFailed));
  }

  /**
   * One arrival: one of the six requests at random, in the shares of a working day: mostly reviewers' lists
   * and the case list, a start or a decision in every four, and the KPIs (a dashboard, which reads every case of
   * the last 90 days) in one of twenty.
   */
  ChainBuilder mix(String step) {
    return randomSwitch().on(
        percent(20).then(measured(step, BASELINE, feed(rotating(REVIEWERS)), http(BASELINE).get(REST + "/version")
            .basicAuth("#{user}", "#{user}"))),
        percent(10).then(measured(step, "start a case", exec(session -> session), http("start a case")
            .post(REST + "/process-definition/key/" + OnboardingProcess.KEY + "/start")
            .basicAuth("rachel", "rachel").body(StringBody(startBody)))),
        percent(30).then(measured(step, "candidate-group task list", feed(rotating(REVIEWERS)),
            http("candidate-group task list")
                .get(REST + "/task?candidateGroup=#{group}&sortBy=created&sortOrder=desc&maxResults=50")
                .basicAuth("#{user}", "#{user}"))),
        percent(15).then(measured(step, "complete a review task", feed(reviewTasks()), http("complete a review task")
            .post(REST + "/task/#{taskId}/complete").basicAuth("#{head}", "#{head}")
            .body(StringBody("{\"variables\":{\"hodDecision\":{\"value\":\"APPROVE\"}}}")))),
        percent(20).then(measured(step, "GET /api/cases",
            feed(rotating(CASE_READERS.stream().map(user -> new Reviewer(user, null)).toList())),
            http("GET /api/cases").get("/api/cases?page=0&size=50").basicAuth("#{user}", "#{user}"))),
        percent(5).then(measured(step, "GET /api/kpis", exec(session -> session), http("GET /api/kpis")
            .get("/api/kpis").basicAuth("maria", "maria"))));
  }

  /** The request after what it needs, with its latency and outcome kept for the report. */
  ChainBuilder measured(String step, String kind, ChainBuilder before, HttpRequestActionBuilder request) {
    return before.exec(request.check(responseTimeInMillis().saveAs("latency"),
            status().in(200, 204)))
        .exec(session -> {
          if (session.contains("latency")) {
            latencies.computeIfAbsent(step, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(kind, name -> Collections.synchronizedList(new ArrayList<>()))
                .add(session.getInt("latency"));
          }
          if (session.isFailed()) {
            errors.computeIfAbsent(step, name -> new AtomicInteger()).incrementAndGet();
          }
          return session;
        });
  }

  /** Users and their groups in turn, for as long as the load runs. */
  static Iterator<Map<String, Object>> rotating(List<Reviewer> people) {
    AtomicLong next = new AtomicLong();
    return endless(() -> {
      Reviewer reviewer = people.get((int) (next.getAndIncrement() % people.size()));
      return reviewer.group() == null ? Map.of("user", reviewer.user())
          : Map.of("user", reviewer.user(), "group", reviewer.group());
    });
  }

  /** Each open review task once; should a step use them all up, a task that does not exist (an error). */
  Iterator<Map<String, Object>> reviewTasks() {
    return endless(() -> {
      Map<String, Object> task = reviewTasks.poll();
      return task != null ? task : Map.of("taskId", "none-left", "head", "hannah");
    });
  }

  /** A feeder that never runs dry, which Gatling would take for the end of the run. */
  static Iterator<Map<String, Object>> endless(Supplier<Map<String, Object>> next) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Map<String, Object> next() {
        return next.get();
      }
    };
  }

  void report() throws IOException {
    StringBuilder report = new StringBuilder("REST latency in an open model on PostgreSQL, ")
        .append(String.format("%,d", historicCases))
        .append(" historic cases; milliseconds from when each request was due; ratios to the baseline of the same step\n");
    for (Step step : steps) {
      Map<String, List<Integer>> measured = latencies.getOrDefault(step.name(), Map.of());
      double[] baseline = percentiles(measured.get(BASELINE));
      report.append(String.format("%n%s, %d s, %d errors%n", step.name(), step.duration().toSeconds(),
          errors.getOrDefault(step.name(), new AtomicInteger()).get()));
      report.append(String.format("%-28s %6s %8s %8s %8s %9s %9s%n", "request", "count", "p50", "p95", "p99",
          "p95/base", "p99/base"));
      List<Integer> application = new ArrayList<>();
      for (String kind : KINDS) {
        List<Integer> values = measured.getOrDefault(kind, List.of());
        if (!kind.equals(BASELINE)) {
          application.addAll(values);
        }
        report.append(line(kind, values, baseline));
      }
      report.append(line("all but the baseline", application, baseline));
    }
    report.append(knee()).append(growth());
    log.info("\n{}", report);
    Path file = Path.of("target", "benchmark", "rest-latency.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report.toString());
  }

  /** p99 of all but the baseline at each rate of the ladder, against the lowest rate's. */
  String knee() {
    StringBuilder knee = new StringBuilder(String.format("%nKnee at %,d open tasks: p99 of all but the baseline"
        + " against the lowest rate's (the knee is where it doubles)%n", ladderSize));
    Double lowest = null;
    for (Step step : steps.stream().filter(step -> step.openTasks() == ladderSize).toList()) {
      double p99 = percentiles(applicationLatencies(step))[2];
      lowest = lowest == null ? p99 : lowest;
      knee.append(String.format("%4d/s  p99 %8.0f  x %5.2f%s%n", step.rate(), p99, p99 / lowest,
          p99 >= 2 * lowest ? "  <- doubled" : ""));
    }
    return knee.toString();
  }

  /** Each request at the growth rate, largest size against smallest: raw, and each against its own baseline. */
  String growth() {
    List<Step> growth = steps.stream().filter(step -> step.rate() == growthRate).toList();
    if (growth.size() < 2) {
      return "";
    }
    Step small = growth.get(0);
    Step large = growth.get(growth.size() - 1);
    StringBuilder table = new StringBuilder(String.format("%nGrowth at %d/s, p95 / p99 (ms) at each size;"
        + " ratios %,d against %,d open tasks, raw and of the ratios to the baseline%n", growthRate, large.openTasks(),
        small.openTasks()));
    table.append(String.format("%-28s", "request"));
    growth.forEach(step -> table.append(String.format(" %16s", "%,d".formatted(step.openTasks()))));
    table.append(String.format(" %9s %9s %12s %12s%n", "p95 x", "p99 x", "p95/base x", "p99/base x"));
    for (String kind : KINDS) {
      table.append(String.format("%-28s", kind));
      growth.forEach(step -> {
        double[] p = percentiles(latencies.getOrDefault(step.name(), Map.of()).get(kind));
        table.append(String.format(" %16s", "%.0f / %.0f".formatted(p[1], p[2])));
      });
      double[] before = percentiles(latencies.getOrDefault(small.name(), Map.of()).get(kind));
      double[] after = percentiles(latencies.getOrDefault(large.name(), Map.of()).get(kind));
      double[] baseBefore = percentiles(latencies.getOrDefault(small.name(), Map.of()).get(BASELINE));
      double[] baseAfter = percentiles(latencies.getOrDefault(large.name(), Map.of()).get(BASELINE));
      table.append(String.format(" %9.2f %9.2f %12.2f %12.2f%n", after[1] / before[1], after[2] / before[2],
          (after[1] / baseAfter[1]) / (before[1] / baseBefore[1]), (after[2] / baseAfter[2]) / (before[2] / baseBefore[2])));
    }
    return table.toString();
  }

  List<Integer> applicationLatencies(Step step) {
    List<Integer> all = new ArrayList<>();
    latencies.getOrDefault(step.name(), Map.of()).forEach((kind, values) -> {
      if (!kind.equals(BASELINE)) {
        all.addAll(values);
      }
    });
    return all;
  }

  static String line(String kind, List<Integer> values, double[] baseline) {
    double[] p = percentiles(values);
    return String.format("%-28s %6d %8.0f %8.0f %8.0f %9.2f %9.2f%n", kind, values == null ? 0 : values.size(),
        p[0], p[1], p[2], p[1] / baseline[1], p[2] / baseline[2]);
  }

  /** p50, p95 and p99 (nearest rank); NaN where nothing was measured. */
  static double[] percentiles(List<Integer> values) {
    if (values == null || values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    List<Integer> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    Collections.sort(sorted);
    return Arrays.stream(new double[] {0.50, 0.95, 0.99})
        .map(q -> sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1))).toArray();
  }

  static List<Integer> numbers(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
