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
 * @param escalationWorkingDays how long after its due date an open sign-off task is escalated
 * @param escalateTo the group an overdue sign-off task is escalated to
 * @param amendWorkingDays how long a researcher has to amend a referred-back case before it is withdrawn
 * @param amendReminderWorkingDays how long before that the researcher is reminded
 * @param triageWorkingDays how long the triage of a reported incident may take; escalated as long again after
 * @param championAdviceWorkingDays how long a security champion has to advise before the case goes on without it
 */
@ConfigurationProperties("trusted-research.service-levels")
record ServiceLevelProperties(ZoneId zone, List<LocalDate> bankHolidays, int signOffWorkingDays,
    int escalationWorkingDays, String escalateTo, int amendWorkingDays, int amendReminderWorkingDays,
    int triageWorkingDays, int championAdviceWorkingDays) {

  ServiceLevelProperties {
    zone = zone == null ? ZoneId.of("Europe/London") : zone;
    bankHolidays = bankHolidays == null ? List.of() : List.copyOf(bankHolidays);
    signOffWorkingDays = signOffWorkingDays <= 0 ? 5 : signOffWorkingDays;
    escalationWorkingDays = escalationWorkingDays <= 0 ? 5 : escalationWorkingDays;
    escalateTo = escalateTo == null || escalateTo.isBlank() ? "head-of-risk" : escalateTo;
    amendWorkingDays = amendWorkingDays <= 0 ? 20 : amendWorkingDays;
    amendReminderWorkingDays = amendReminderWorkingDays <= 0 || amendReminderWorkingDays >= amendWorkingDays
        ? Math.min(5, amendWorkingDays - 1) : amendReminderWorkingDays;
    triageWorkingDays = triageWorkingDays <= 0 ? 1 : triageWorkingDays;
    championAdviceWorkingDays = championAdviceWorkingDays <= 0 ? 3 : championAdviceWorkingDays;
  }
}
