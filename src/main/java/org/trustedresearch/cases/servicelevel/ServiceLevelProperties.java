package org.trustedresearch.cases.servicelevel;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Working days and the service levels counted in them.
 *
 * @param zone the institution's time zone, in which days begin and end
 * @param bankHolidays days that are not working days besides weekends
 * @param signOffWorkingDays how long any sign-off task may take
 * @param amendWorkingDays how long a researcher has to amend a referred-back case
 */
@ConfigurationProperties("trusted-research.service-levels")
record ServiceLevelProperties(ZoneId zone, List<LocalDate> bankHolidays, int signOffWorkingDays,
    int amendWorkingDays) {

  ServiceLevelProperties {
    zone = zone == null ? ZoneId.of("Europe/London") : zone;
    bankHolidays = bankHolidays == null ? List.of() : List.copyOf(bankHolidays);
    signOffWorkingDays = signOffWorkingDays <= 0 ? 5 : signOffWorkingDays;
    amendWorkingDays = amendWorkingDays <= 0 ? 20 : amendWorkingDays;
  }
}
