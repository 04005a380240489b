package org.trustedresearch.cases.incident;

import java.util.Date;

import org.springframework.stereotype.Component;

/** The statutory clocks of an incident, for the model's timers: {@code ${incidentClocks.icoDeadline(awareAt)}}. */
@Component("incidentClocks")
public class IncidentClocks {

  private final IncidentProperties properties;

  IncidentClocks(IncidentProperties properties) {
    this.properties = properties;
  }

  /** When the decision to notify the ICO of a personal data breach is due: 72 hours after awareness. */
  public Date icoDeadline(Date awareAt) {
    return Date.from(awareAt.toInstant().plus(properties.icoDecision()));
  }

  /** When an undecided ICO decision goes to the Head of Risk: 48 hours after awareness. */
  public Date icoEscalation(Date awareAt) {
    return Date.from(awareAt.toInstant().plus(properties.icoEscalation()));
  }
}
