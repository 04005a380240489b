package org.trustedresearch.cases.evaluation;

import java.util.List;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.evaluation.ProgrammeMeasures.Figure;

/**
 * The programme as Prometheus metrics ({@code /actuator/prometheus}): cases started by process,
 * collaboration cases decided by tier and outcome, open and overdue tasks by group, incidents by
 * category. Read from the database once a minute, not on every scrape. The outbox's own metrics
 * ({@code trc.notifications.*}) come from the notification module.
 */
@Component
class ProgrammeMetrics implements MeterBinder {

  private final ProgrammeMeasures measures;
  private MultiGauge started;
  private MultiGauge decided;
  private MultiGauge openTasks;
  private MultiGauge overdueTasks;
  private MultiGauge incidents;

  ProgrammeMetrics(ProgrammeMeasures measures) {
    this.measures = measures;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    started = MultiGauge.builder("trc.cases.started").description("Cases started, by process").register(registry);
    decided = MultiGauge.builder("trc.cases.decided")
        .description("Collaboration cases decided, by risk tier and outcome").register(registry);
    openTasks = MultiGauge.builder("trc.tasks.open").description("Open tasks, by candidate group").register(registry);
    overdueTasks = MultiGauge.builder("trc.tasks.overdue").description("Open tasks past their due date, by group")
        .register(registry);
    incidents = MultiGauge.builder("trc.incidents.reported").description("Incidents reported, by category")
        .register(registry);
  }

  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(fixedDelayString = "${trusted-research.evaluation.metrics-refresh:PT1M}")
  void refresh() {
    if (started == null) {
      return;
    }
    List<Figure> totals = measures.totals();
    List<Figure> now = measures.now();
    register(started, totals, "cases.started", dimension -> Tags.of("process", dimension));
    register(decided, totals, "cases.decided", dimension -> {
      String[] tierAndOutcome = dimension.split(" ", 2);
      return Tags.of("process", "collaboration-onboarding", "tier", tierAndOutcome[0], "outcome", tierAndOutcome[1]);
    });
    register(openTasks, now, "tasks.open", dimension -> Tags.of("group", dimension));
    register(overdueTasks, now, "tasks.overdue", dimension -> Tags.of("group", dimension));
    register(incidents, totals, "incidents.reported", dimension -> Tags.of("category", dimension));
  }

  private static void register(MultiGauge gauge, List<Figure> figures, String kpi,
      java.util.function.Function<String, Tags> tags) {
    Predicate<Figure> wanted = figure -> figure.kpi().equals(kpi);
    gauge.register(figures.stream().filter(wanted)
        .map(figure -> MultiGauge.Row.of(tags.apply(figure.dimension()), figure.number()))
        .toList(), true);
  }
}
