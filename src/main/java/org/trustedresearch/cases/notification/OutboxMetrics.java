package org.trustedresearch.cases.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.Outbox.Status;

/** The outbox by status as gauges: a growing backlog or any FAILED message wants attention. */
@Component
class OutboxMetrics implements MeterBinder {

  private final Outbox outbox;

  OutboxMetrics(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Status status : Status.values()) {
      Gauge.builder("trc.notifications.outbox", outbox, box -> box.countByStatus().get(status))
          .tag("status", status.name())
          .description("Notifications in the outbox by status")
          .register(registry);
    }
  }
}
