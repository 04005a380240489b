package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.platform.CommandRoundTrips.Measured;
import org.trustedresearch.cases.platform.CommandRoundTrips.MeasuredApplication;
import org.trustedresearch.cases.platform.CommandRoundTrips.Run;
import org.trustedresearch.cases.support.JdbcRoundTrips.Counts;

/**
 * What each command costs against the stock engine's minimal reference process, in the same run:
 * JDBC statements, round trips (a batch is one) and commits, and the median CPU and wall time of
 * the calling thread over {@value #RUNS} runs after {@value #WARM_UP} to warm up. Run with
 * {@code mvn -Pbenchmark test -Dtest=CommandRoundTripsBenchmark}; the table is printed and written to
 * target/benchmark/round-trips.txt, followed by one start's statements by table.
 */
@Tag("benchmark")
@MeasuredApplication
class CommandRoundTripsBenchmark {

  private static final Logger log = LoggerFactory.getLogger(CommandRoundTripsBenchmark.class);
  static final int WARM_UP = 5;
  static final int RUNS = 20;

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  JdbcClient jdbc;

  @Test
  void measuresEachCommandAgainstTheReferenceProcess() throws IOException {
    CommandRoundTrips scenario = new CommandRoundTrips(engine, dispatcher, jdbc);
    scenario.deployReference();
    for (int i = 0; i < WARM_UP; i++) {
      scenario.run();
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(scenario.run());
    }
    Run last = runs.get(runs.size() - 1);
    Map<String, Long> cpu = new LinkedHashMap<>();
    Map<String, Long> wall = new LinkedHashMap<>();
    for (String command : last.commands.keySet()) {
      cpu.put(command, median(runs.stream().mapToLong(run -> run.commands.get(command).cpuNanos()).toArray()));
      wall.put(command, median(runs.stream().mapToLong(run -> run.commands.get(command).wallNanos()).toArray()));
    }

    StringBuilder table = new StringBuilder(String.format(
        "Round trips per command, H2 in memory, history level full, median of %d runs after %d to warm up.%n"
            + "Ratios are to the reference command in brackets (start, task completion or async job).%n%n",
        RUNS, WARM_UP));
    table.append(String.format("%-58s %6s %6s %6s %7s %7s %8s %6s %8s %6s%n", "command", "stmts", "trips",
        "commit", "stmts x", "trips x", "cpu ms", "cpu x", "wall ms", "wall x"));
    for (String command : last.commands.keySet()) {
      String reference = CommandRoundTrips.referenceOf(command);
      Counts counts = last.counts(command);
      Counts baseline = last.counts(reference);
      table.append(String.format("%-58s %6d %6d %6d %7.1f %7.1f %8.2f %6.1f %8.2f %6.1f%n", command,
          counts.statements(), counts.roundTrips(), counts.commits(),
          ratio(counts.statements(), baseline.statements()), ratio(counts.roundTrips(), baseline.roundTrips()),
          cpu.get(command) / 1e6, ratio(cpu.get(command), cpu.get(reference)),
          wall.get(command) / 1e6, ratio(wall.get(command), wall.get(reference))));
    }
    boolean deterministic = runs.stream().allMatch(run -> run.commands.keySet().stream().allMatch(command ->
        run.counts(command).statements() == last.counts(command).statements()
            && run.counts(command).commits() == last.counts(command).commits()));
    table.append(String.format("%nCounts identical in every run: %s%n", deterministic ? "yes" : "NO"));
    table.append(String.format("%nStatements of one start to the head of department's task, by kind and table:%n"));
    last.counts(CommandRoundTrips.START_TO_HOD).byTable()
        .forEach((table1, count) -> table.append(String.format("  %4d  %s%n", count, table1)));

    log.info("\n{}", table);
    Path file = Path.of("target", "benchmark", "round-trips.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);

    assertThat(deterministic).as("the same command costs the same statements every time").isTrue();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double ratio(double value, double reference) {
    return reference == 0 ? Double.NaN : value / reference;
  }
}
