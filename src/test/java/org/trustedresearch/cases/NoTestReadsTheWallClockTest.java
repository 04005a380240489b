package org.trustedresearch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * The suite gives the same answers on every day of the year: every test runs on the engine clock,
 * which {@link PinnedClock} starts on a fixed day, and no test reads the wall clock for a date. Elapsed
 * time for benchmarks is measured with {@code System.nanoTime()}, which tells no date.
 */
class NoTestReadsTheWallClockTest {

  static final Path TESTS = Path.of("src", "test", "java");
  /** The pinned clock reads it once to start; this check names every way in its own examples. */
  static final List<Path> EXCEPTIONS = List.of(source(PinnedClock.class), source(NoTestReadsTheWallClockTest.class));
  /** Each way Java reads the wall clock: java.time's now(), new Date(), the system millis and clocks, resetting the engine clock. */
  static final Pattern WALL_CLOCK = Pattern.compile(
      "\\b(?:Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year|YearMonth|MonthDay)"
          + "\\s*\\.\\s*now\\s*\\("
          + "|\\bnew\\s+(?:java\\.util\\.)?Date\\s*\\(\\s*\\)"
          + "|\\bnew\\s+(?:java\\.util\\.)?GregorianCalendar\\s*\\(\\s*\\)|\\bCalendar\\s*\\.\\s*getInstance\\s*\\("
          + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("
          + "|\\bClock\\s*\\.\\s*system(?:UTC|DefaultZone)?\\s*\\("
          + "|\\bClockUtil\\s*\\.\\s*(?:reset|resetClock)\\s*\\(");

  static Path source(Class<?> type) {
    return TESTS.resolve(type.getName().replace('.', '/') + ".java");
  }

  static List<String> wallClockReads(String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (WALL_CLOCK.matcher(lines[i]).find()) {
        found.add((i + 1) + ": " + lines[i].strip());
      }
    }
    return found;
  }

  @Test
  void noTestReadsTheWallClock() throws IOException {
    List<String> reads = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TESTS)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
        if (!EXCEPTIONS.contains(file)) {
          wallClockReads(Files.readString(file)).forEach(read -> reads.add(file + ":" + read));
        }
      }
    }
    assertThat(reads).as("use ClockUtil.getCurrentTime() or PinnedClock; System.nanoTime() for elapsed time")
        .isEmpty();
  }

  @Test
  void theCheckRecognisesEachWayOfReadingTheWallClock() {
    assertThat(wallClockReads(String.join("\n",
        "int year = Year.now().getValue();",
        "LocalDate today = LocalDate.now(ZoneId.of(\"Europe/London\"));",
        "Date before = new Date();",
        "Date also = new java.util.Date( );",
        "long millis = System.currentTimeMillis();",
        "Instant at = Instant.now();",
        "Clock clock = Clock.systemUTC();",
        "ClockUtil.reset();",
        "Calendar calendar = Calendar.getInstance();")))
        .hasSize(9);
    assertThat(wallClockReads(String.join("\n",
        "Date due = ClockUtil.getCurrentTime();",
        "long start = System.nanoTime();",
        "Date given = new Date(millis);",
        "Instant fixed = Instant.parse(\"2026-06-16T09:00:00Z\");",
        "PinnedClock.restore();")))
        .isEmpty();
  }
}
