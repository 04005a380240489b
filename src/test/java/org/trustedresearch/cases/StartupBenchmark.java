package org.trustedresearch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trustedresearch.barestarter.BareCamundaStarter;

/**
 * How long the application takes to be ready, and how much memory it takes on the way, against a
 * bare Camunda starter ({@link BareCamundaStarter}) started the same way. Each run is a child JVM
 * started as {@code mvn spring-boot:run} starts one: the compile and runtime libraries, the one
 * JVM option it adds ({@code -XX:TieredStopAtLevel=1}), the default profile (which is
 * {@code demo}), and a fresh working directory, so the product's H2 file database is new each
 * time. The two are run in pairs, alternating which goes first, so that a machine busy with
 * something else slows both. Ready is when the process logs Spring Boot's {@code Started ... in}
 * line, measured from just before the process is launched; by then, the processor time it has
 * used (a steadier measure of the work done on a busy machine) and its peak resident set
 * ({@code VmHWM}). Run with {@code mvn -Pbenchmark test -Dtest=StartupBenchmark}; the figures are
 * logged and written to target/benchmark/startup.txt, beside the log of each one's last start up
 * to ready.
 */
@Tag("benchmark")
class StartupBenchmark {

  static final int PAIRS = Integer.getInteger("startup.pairs", 5);
  /** Measures the application's second start on its database instead of its first. */
  static final boolean RESTART = Boolean.getBoolean("startup.restart");
  static final Pattern STARTED = Pattern.compile(".*\\bStarted \\S+ in [0-9.]+ seconds.*");
  /** The kernel's clock ticks per second (getconf CLK_TCK), in which /proc reports processor time. */
  static final int CLOCK_TICKS = 100;
  static final Path LOGS = Path.of("target", "benchmark");
  private static final Logger log = LoggerFactory.getLogger(StartupBenchmark.class);

  /** Seconds to ready, processor seconds spent by then (all threads), peak resident memory in KiB. */
  record Run(double seconds, double cpuSeconds, long peakKib) {
  }

  @Test
  void theApplicationIsReadyAboutAsSoonAsABareCamundaStarter() throws Exception {
    String runtime = runtimeClasspath();
    String productClasspath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + runtime;
    String bareClasspath = Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator + runtime;
    List<Run> product = new ArrayList<>();
    List<Run> bare = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    Files.createDirectories(LOGS);
    for (int pair = 0; pair < PAIRS; pair++) {
      Run productRun;
      Run bareRun;
      if (pair % 2 == 0) {
        productRun = start(productClasspath, TrustedResearchCasesApplication.class.getName());
        bareRun = start(bareClasspath, BareCamundaStarter.class.getName());
      } else {
        bareRun = start(bareClasspath, BareCamundaStarter.class.getName());
        productRun = start(productClasspath, TrustedResearchCasesApplication.class.getName());
      }
      product.add(productRun);
      bare.add(bareRun);
      ratios.add(productRun.seconds() / bareRun.seconds());
      cpuRatios.add(productRun.cpuSeconds() / bareRun.cpuSeconds());
      log.info("Pair {}: application {}", pair + 1, productRun);
      log.info("Pair {}: bare starter {}", pair + 1, bareRun);
    }
    String report = String.format(Locale.ROOT, """
        Start-up to ready ("Started ... in" logged), %d paired runs, the application's %s
        application (default profile: demo)   median %.1f s, %.1f processor s   peak RSS median %d MiB
        bare Camunda starter                   median %.1f s, %.1f processor s   peak RSS median %d MiB
        median ratio of paired runs (application / bare): %.2f  (each pair: %s)
        median ratio of processor time to ready: %.2f  (each pair: %s)
        memory ratio of medians: %.2f
        """, PAIRS, RESTART ? "second start on its database" : "first start on a new database", median(product.stream().map(Run::seconds).toList()),
        median(product.stream().map(Run::cpuSeconds).toList()),
        (long) median(product.stream().map(run -> (double) run.peakKib()).toList()) / 1024,
        median(bare.stream().map(Run::seconds).toList()),
        median(bare.stream().map(Run::cpuSeconds).toList()),
        (long) median(bare.stream().map(run -> (double) run.peakKib()).toList()) / 1024,
        median(ratios), format(ratios), median(cpuRatios), format(cpuRatios),
        median(product.stream().map(run -> (double) run.peakKib()).toList())
            / median(bare.stream().map(run -> (double) run.peakKib()).toList()));
    log.info("\n{}", report);
    Files.writeString(LOGS.resolve("startup.txt"), report);
    assertThat(ratios).hasSize(PAIRS).allMatch(ratio -> ratio > 0);
  }

  /**
   * Starts the class in a child JVM in a fresh directory and waits for it to be ready; then stops it.
   * With {@code -Dstartup.restart=true} the application is started there once before, unmeasured,
   * so that the measured start finds its database: migrated, models deployed, demo directory made.
   */
  private static Run start(String classpath, String mainClass) throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("startup-");
    try {
      if (RESTART && mainClass.equals(TrustedResearchCasesApplication.class.getName())) {
        launch(directory, classpath, mainClass);
      }
      return launch(directory, classpath, mainClass);
    } finally {
      deleteAll(directory);
    }
  }

  private static Run launch(Path directory, String classpath, String mainClass) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // what spring-boot:run adds by default (its optimizedLaunch)
    ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass,
        "--server.port=0")
        .directory(directory.toFile())
        .redirectErrorStream(true);
    long launched = System.nanoTime();
    Process process = builder.start();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      try {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          lines.add(line);
          if (STARTED.matcher(line).matches()) {
            double seconds = (System.nanoTime() - launched) / 1e9;
            return new Run(seconds, cpuSeconds(process.pid()), peakResidentKib(process.pid()));
          }
        }
        throw new AssertionError(mainClass + " ended without being ready:\n" + String.join("\n", lines.subList(
            Math.max(0, lines.size() - 40), lines.size())));
      } finally {
        // the last run's log of each, to see where the time went
        Files.write(LOGS.resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log"), lines);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * The libraries {@code mvn spring-boot:run} puts on the class path (compile and runtime scope), as
   * Maven resolves them: the tests' libraries would otherwise switch on auto-configurations (Selenium
   * brings OpenTelemetry) that the application never has.
   */
  private static String runtimeClasspath() throws IOException, InterruptedException {
    Path file = LOGS.resolve("runtime-classpath.txt").toAbsolutePath();
    Process maven = new ProcessBuilder("mvn", "-q", "-B", "dependency:build-classpath", "-DincludeScope=runtime",
        "-Dmdep.outputFile=" + file)
        .redirectErrorStream(true)
        .redirectOutput(LOGS.resolve("runtime-classpath.log").toFile())
        .start();
    assertThat(maven.waitFor()).as("mvn dependency:build-classpath, see target/benchmark/runtime-classpath.log")
        .isZero();
    return Files.readString(file).strip();
  }

  /**
   * Processor time the process has used, all its threads (user and system, /proc/pid/stat): less
   * swayed than the elapsed time by what else the machine is doing.
   */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // the fields after the command name, which is in parentheses and may contain spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
  }

  private static List<String> format(List<Double> ratios) {
    return ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList();
  }

  private static long peakResidentKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmHWM for process " + pid);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static void deleteAll(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
