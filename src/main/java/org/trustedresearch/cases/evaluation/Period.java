package org.trustedresearch.cases.evaluation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Whole days in the institution's time zone, from the first to the last, both included. */
public record Period(LocalDate from, LocalDate to) {

  public Period {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends before it starts");
    }
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The period of the same length just before this one. */
  public Period previous() {
    return new Period(from.minusDays(days()), from.minusDays(1));
  }

  Timestamp start(ZoneId zone) {
    return Timestamp.from(from.atStartOfDay(zone).toInstant());
  }

  /** The first moment after the period. */
  Timestamp end(ZoneId zone) {
    return Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
  }
}
