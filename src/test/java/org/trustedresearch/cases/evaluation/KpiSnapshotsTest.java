package org.trustedresearch.cases.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trustedresearch.cases.evaluation.Measure.Unit;
import org.trustedresearch.cases.support.PinnedClock;

/** A period's KPIs are read at most once a minute; each reading says when it was made. */
class KpiSnapshotsTest {

  static final Period SEPTEMBER = new Period(LocalDate.of(2035, 9, 1), LocalDate.of(2035, 9, 30));
  static final Period OCTOBER = new Period(LocalDate.of(2035, 10, 1), LocalDate.of(2035, 10, 31));
  static final Instant TEN_O_CLOCK = Instant.parse("2035-09-01T09:00:00Z");

  /** Answers how many times it has been read, so that a kept reading shows as an old count. */
  static final class CountingMeasures extends ProgrammeMeasures {
    int readings;

    CountingMeasures() {
      super(null, ZoneId.of("Europe/London"), null, null, 5);
    }

    @Override
    public List<Measure> measure(Period period) {
      readings++;
      return List.of(new Measure("readings", period.from().toString(), Unit.COUNT, (double) readings, null));
    }
  }

  final CountingMeasures measures = new CountingMeasures();
  final KpiSnapshots snapshots = new KpiSnapshots(measures, Duration.ofMinutes(1));

  @AfterEach
  void realTime() {
    PinnedClock.restore();
  }

  static void at(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
  }

  @Test
  void aPeriodIsReadOnceAMinuteAndEachAnswerSaysWhen() {
    at(TEN_O_CLOCK);
    KpiSnapshots.Snapshot first = snapshots.of(SEPTEMBER);
    assertThat(first.asOf()).isEqualTo(TEN_O_CLOCK);

    at(TEN_O_CLOCK.plusSeconds(59));
    KpiSnapshots.Snapshot kept = snapshots.of(SEPTEMBER);
    assertThat(kept.asOf()).isEqualTo(TEN_O_CLOCK);
    assertThat(kept.measures()).isEqualTo(first.measures());
    assertThat(measures.readings).isOne();

    at(TEN_O_CLOCK.plusSeconds(60));
    KpiSnapshots.Snapshot fresh = snapshots.of(SEPTEMBER);
    assertThat(fresh.asOf()).isEqualTo(TEN_O_CLOCK.plusSeconds(60));
    assertThat(measures.readings).isEqualTo(2);
  }

  @Test
  void eachPeriodHasItsOwnReadingAndAClockSetBackReadsAgain() {
    at(TEN_O_CLOCK);
    snapshots.of(SEPTEMBER);
    snapshots.of(OCTOBER);
    assertThat(measures.readings).isEqualTo(2);

    at(TEN_O_CLOCK.minusSeconds(1));
    assertThat(snapshots.of(SEPTEMBER).asOf()).isEqualTo(TEN_O_CLOCK.minusSeconds(1));
    assertThat(measures.readings).isEqualTo(3);
  }

  @Test
  void withoutAFreshnessEveryRequestReads() {
    KpiSnapshots always = new KpiSnapshots(measures, Duration.ZERO);
    at(TEN_O_CLOCK);
    always.of(SEPTEMBER);
    always.of(SEPTEMBER);
    assertThat(measures.readings).isEqualTo(2);
  }

  @Test
  void atMostThirtyTwoPeriodsAreKept() {
    at(TEN_O_CLOCK);
    for (int day = 1; day <= KpiSnapshots.KEPT + 1; day++) {
      snapshots.of(new Period(LocalDate.of(2030, 1, 1).plusDays(day), LocalDate.of(2030, 12, 31)));
    }
    int read = measures.readings;
    snapshots.of(new Period(LocalDate.of(2030, 1, 2), LocalDate.of(2030, 12, 31)));
    assertThat(measures.readings).as("the first period was let go").isEqualTo(read + 1);
    snapshots.of(new Period(LocalDate.of(2030, 1, 1).plusDays(KpiSnapshots.KEPT + 1), LocalDate.of(2030, 12, 31)));
    assertThat(measures.readings).as("the last is still kept").isEqualTo(read + 1);
  }
}
