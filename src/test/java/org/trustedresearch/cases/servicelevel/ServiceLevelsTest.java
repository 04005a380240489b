package org.trustedresearch.cases.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceLevelsTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");
  final ServiceLevels levels = new ServiceLevels(new ServiceLevelProperties(LONDON,
      List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)), 5, 5, "head-of-risk", 20, 5, 1, 3));

  static Date at(int year, int month, int day) {
    return Date.from(ZonedDateTime.of(year, month, day, 10, 0, 0, 0, LONDON).toInstant());
  }

  @Test
  void fiveWorkingDaysFromAMondayIsTheNextMonday() {
    assertThat(levels.addWorkingDays(at(2026, 11, 23), 5)).isEqualTo(at(2026, 11, 30));
  }

  @Test
  void weekendsAreSkipped() {
    assertThat(levels.addWorkingDays(at(2026, 11, 27), 1)).as("Friday + 1").isEqualTo(at(2026, 11, 30));
    assertThat(levels.addWorkingDays(at(2026, 11, 28), 1)).as("Saturday + 1").isEqualTo(at(2026, 11, 30));
  }

  @Test
  void bankHolidaysAreSkipped() {
    // Thursday 24 December: Christmas (Fri 25) and the Boxing Day substitute (Mon 28) are not working days
    assertThat(levels.addWorkingDays(at(2026, 12, 24), 1)).isEqualTo(at(2026, 12, 29));
    assertThat(levels.addWorkingDays(at(2026, 12, 24), 5)).isEqualTo(at(2027, 1, 4));
  }
}
