package org.trustedresearch.cases.survey;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.shared.CaseReferences;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;

/**
 * The register of survey campaigns: checks what the research office asks for, gives the campaign its id
 * ({@code SURVEY-<year>-<sequence>}, also the business key of every invitation) and follows it from
 * scheduled to open to closed. Days are the institution's ({@code trusted-research.service-levels.zone}): a
 * campaign opens at the start of its first day and closes at the end of its last.
 */
@Service
class SurveyCampaigns {

  enum Status { SCHEDULED, OPEN, CLOSED }

  /** A campaign as the register keeps it. */
  record Campaign(String campaignId, String processInstanceId, String questionSet, List<String> departments,
      LocalDate opensOn, LocalDate closesOn, Status status, int invited) {
  }

  private final JdbcClient jdbc;
  private final SurveyProperties properties;
  private final Directory directory;
  private final CaseReferences references;
  private final ZoneId zone;

  SurveyCampaigns(JdbcClient jdbc, SurveyProperties properties, Directory directory, CaseReferences references,
      @Value("${trusted-research.service-levels.zone}") ZoneId zone) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.directory = directory;
    this.references = references;
    this.zone = zone;
  }

  /** Checks the campaign the start asks for, registers it and gives the process its id and clock times. */
  void open(DelegateExecution execution) {
    List<Problem> problems = new ArrayList<>();
    String questionSet = SurveyProcess.QUESTION_SET.get(execution);
    if (questionSet == null || questionSet.isBlank()) {
      problems.add(new Problem(SurveyProcess.QUESTION_SET.name(), "choose a question set"));
    } else if (properties.questionSet(questionSet).isEmpty()) {
      problems.add(new Problem(SurveyProcess.QUESTION_SET.name(), "is not a configured question set; choose one of "
          + String.join(", ", properties.questionSets().stream().map(SurveyProperties.QuestionSet::id).toList())));
    }
    List<String> departments = departments(SurveyProcess.DEPARTMENTS.get(execution), problems);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    LocalDate opensOn = date(SurveyProcess.OPENS_ON.name(), SurveyProcess.OPENS_ON.get(execution), problems);
    LocalDate closesOn = date(SurveyProcess.CLOSES_ON.name(), SurveyProcess.CLOSES_ON.get(execution), problems);
    if (opensOn != null && opensOn.isBefore(today)) {
      problems.add(new Problem(SurveyProcess.OPENS_ON.name(), "is in the past; a campaign opens today or later"));
    }
    if (opensOn != null && closesOn != null && !closesOn.isAfter(opensOn)) {
      problems.add(new Problem(SurveyProcess.CLOSES_ON.name(), "must be after the opening date " + opensOn));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCaseInputException(problems);
    }
    String campaignId = references.next(SurveyProcess.REFERENCE_PREFIX);
    execution.setProcessBusinessKey(campaignId);
    SurveyProcess.CAMPAIGN_ID.set(execution, campaignId);
    SurveyProcess.DEPARTMENTS.set(execution, String.join(", ", departments));
    SurveyProcess.OPENS_AT.set(execution, startOf(opensOn));
    SurveyProcess.CLOSES_AT.set(execution, startOf(closesOn.plusDays(1)));
    String startedBy = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    jdbc.sql("""
        insert into tr_survey_campaign (campaign_id, process_instance_id, question_set, departments, opens_on, closes_on,
          status, invited, started_by, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
        .params(campaignId, execution.getProcessInstanceId(), questionSet, String.join(",", departments), opensOn,
            closesOn, Status.SCHEDULED.name(), startedBy, now())
        .update();
  }

  /** The departments named, known and each once, in the order given. */
  private List<String> departments(String named, List<Problem> problems) {
    String field = SurveyProcess.DEPARTMENTS.name();
    Set<String> departments = new LinkedHashSet<>();
    if (named != null) {
      Arrays.stream(named.split("[,;\\s]+")).map(String::strip).filter(name -> !name.isEmpty())
          .forEach(departments::add);
    }
    if (departments.isEmpty()) {
      problems.add(new Problem(field, "name at least one department, e.g. " + String.join(", ", directory.departments())));
    }
    for (String department : departments) {
      if (!directory.isDepartment(department)) {
        problems.add(new Problem(field, "'" + abbreviated(department) + "' is not a department; the departments are "
            + String.join(", ", directory.departments())));
      }
    }
    return List.copyOf(departments);
  }

  private static LocalDate date(String field, String text, List<Problem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new Problem(field, "give a date as yyyy-mm-dd"));
      return null;
    }
    try {
      // Tasklist's date picker may send a time with the date
      return LocalDate.parse(text.strip().length() > 10 ? text.strip().substring(0, 10) : text.strip());
    } catch (DateTimeParseException e) {
      problems.add(new Problem(field, "is not a date as yyyy-mm-dd"));
      return null;
    }
  }

  private static String abbreviated(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** The invitations have gone out: the campaign is open. */
  void opened(String campaignId, int invited) {
    jdbc.sql("update tr_survey_campaign set status = ?, invited = ? where campaign_id = ?")
        .params(Status.OPEN.name(), invited, campaignId).update();
  }

  void closed(String campaignId) {
    jdbc.sql("update tr_survey_campaign set status = ?, closed_at = ? where campaign_id = ?")
        .params(Status.CLOSED.name(), now(), campaignId).update();
  }

  Optional<Campaign> find(String campaignId) {
    return jdbc.sql(SELECT + " where campaign_id = ?").param(campaignId).query(SurveyCampaigns::campaign).optional();
  }

  /** Every campaign, the latest first. */
  List<Campaign> all() {
    return jdbc.sql(SELECT + " order by opens_on desc, campaign_id desc").query(SurveyCampaigns::campaign).list();
  }

  /** Whether answers are taken now: the campaign is open and its closing time has not come. */
  boolean takesAnswers(Campaign campaign) {
    return campaign.status() == Status.OPEN && ClockUtil.getCurrentTime().before(startOf(campaign.closesOn().plusDays(1)));
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static final String SELECT = """
      select campaign_id, process_instance_id, question_set, departments, opens_on, closes_on, status, invited
      from tr_survey_campaign""";

  private static Campaign campaign(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Campaign(rs.getString(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split(",")),
        rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), Status.valueOf(rs.getString(7)), rs.getInt(8));
  }
}
