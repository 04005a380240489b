package org.trustedresearch.cases.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The KPIs of a period as they were at one moment, kept on this node for a short while
 * ({@code trusted-research.evaluation.kpis-fresh-for}, a minute by default) so that a dashboard
 * opened by many people, or refreshed often, costs one set of aggregate queries a minute instead of
 * one per request. Each answer says when its figures were read. Computing is one period at a time per
 * node: a burst of requests for a period that has just gone stale waits for one computation rather
 * than starting one each.
 */
@Component
class KpiSnapshots {

  /** Periods kept at most; the least recently computed goes first. */
  static final int KEPT = 32;

  record Snapshot(Instant asOf, List<Measure> measures) {
  }

  private final ProgrammeMeasures measures;
  private final Duration freshFor;
  private final Map<Period, Snapshot> kept = new LinkedHashMap<>(KEPT, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Period, Snapshot> eldest) {
      return size() > KEPT;
    }
  };

  KpiSnapshots(ProgrammeMeasures measures,
      @Value("${trusted-research.evaluation.kpis-fresh-for:PT1M}") Duration freshFor) {
    this.measures = measures;
    this.freshFor = freshFor;
  }

  /** The measures of {@code period}, read now unless a reading of the last {@code freshFor} is kept. */
  synchronized Snapshot of(Period period) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Snapshot snapshot = kept.get(period);
    if (snapshot == null || !isFresh(snapshot, now)) {
      snapshot = new Snapshot(now, measures.measure(period));
      kept.remove(period);
      kept.put(period, snapshot);
    }
    return snapshot;
  }

  /** Fresh from its reading until {@code freshFor} later; a clock set back before the reading reads again. */
  private boolean isFresh(Snapshot snapshot, Instant now) {
    return !now.isBefore(snapshot.asOf()) && now.isBefore(snapshot.asOf().plus(freshFor));
  }
}
