package org.trustedresearch.cases.servicelevel;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Due dates in working days from the engine's clock, so that tests can move time. */
@Component("serviceLevels")
public class ServiceLevels {

  private final ServiceLevelProperties properties;
  private final Set<LocalDate> bankHolidays;

  ServiceLevels(ServiceLevelProperties properties) {
    this.properties = properties;
    this.bankHolidays = new HashSet<>(properties.bankHolidays());
  }

  /** When a sign-off task created now is due. */
  public Date signOffDue() {
    return addWorkingDays(ClockUtil.getCurrentTime(), properties.signOffWorkingDays());
  }

  /** When a sign-off task created now, if still open, is escalated. */
  public Date signOffEscalation() {
    return addWorkingDays(ClockUtil.getCurrentTime(), properties.signOffWorkingDays() + properties.escalationWorkingDays());
  }

  /** When a security champion's advice asked for now is due; the case goes on without it after that. */
  public Date championAdviceDue() {
    return addWorkingDays(ClockUtil.getCurrentTime(), properties.championAdviceWorkingDays());
  }

  /** When a referred-back case's amendment created now is due; the case is withdrawn if it is not amended by then. */
  public Date amendDue() {
    return addWorkingDays(ClockUtil.getCurrentTime(), properties.amendWorkingDays());
  }

  /** When the researcher is reminded of an amendment created now. */
  public Date amendReminder() {
    return addWorkingDays(ClockUtil.getCurrentTime(),
        properties.amendWorkingDays() - properties.amendReminderWorkingDays());
  }

  /** When the triage of an incident reported now is due (1 working day by default). */
  public Date triageDue() {
    return addWorkingDays(ClockUtil.getCurrentTime(), properties.triageWorkingDays());
  }

  /** When an incident's triage, if still open, is escalated: as long again after its due date. */
  public Date triageEscalation() {
    return addWorkingDays(ClockUtil.getCurrentTime(), 2 * properties.triageWorkingDays());
  }

  /** The group overdue sign-off tasks are escalated to. */
  public String escalationGroup() {
    return properties.escalateTo();
  }

  /** The same time of day, {@code days} working days after {@code from}. */
  public Date addWorkingDays(Date from, int days) {
    ZonedDateTime due = from.toInstant().atZone(properties.zone());
    int added = 0;
    while (added < days) {
      due = due.plusDays(1);
      if (isWorkingDay(due)) {
        added++;
      }
    }
    return Date.from(due.toInstant());
  }

  private boolean isWorkingDay(ZonedDateTime day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !bankHolidays.contains(day.toLocalDate());
  }
}
