package org.trustedresearch.cases.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.incident.IncidentProcess.Status;
import org.trustedresearch.cases.shared.CaseOwners;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * The register of incident reports, keyed by reference: who reported it (nobody for an anonymous
 * report), whether it is confidential, and where it stands. Access rules read it, not variables.
 */
@Repository
class IncidentRegister implements CaseOwners, RetainedWithHistory {

  record Incident(String reference, String processInstanceId, String category, boolean confidential,
      boolean anonymous, String reporter, String status, Instant reportedAt, Instant awareAt) {
  }

  private final JdbcClient jdbc;

  IncidentRegister(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void register(Incident incident, String receiptHash) {
    jdbc.sql("""
        insert into tr_incident (reference, process_instance_id, category, confidential, anonymous, reporter,
          receipt_hash, status, reported_at, aware_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(incident.reference(), incident.processInstanceId(), incident.category(), incident.confidential(),
            incident.anonymous(), incident.reporter(), receiptHash, incident.status(),
            Timestamp.from(incident.reportedAt()), Timestamp.from(incident.awareAt()))
        .update();
  }

  Optional<Incident> find(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    return jdbc.sql("""
        select reference, process_instance_id, category, confidential, anonymous, reporter, status, reported_at, aware_at
        from tr_incident where reference = ?""")
        .param(reference)
        .query((rs, row) -> new Incident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
            rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
            rs.getTimestamp(9).toInstant()))
        .optional();
  }

  Optional<String> statusByReceipt(String receiptHash) {
    return jdbc.sql("select status from tr_incident where receipt_hash = ?").param(receiptHash)
        .query(String.class).optional();
  }

  void setStatus(String reference, Status status) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.sql("""
        update tr_incident set status = ?, closed_at = ?, triaged_at = coalesce(triaged_at, ?)
        where reference = ?""")
        .params(status.name(), status == Status.CLOSED ? now : null, status == Status.TRIAGED ? now : null, reference)
        .update();
  }

  /** Whether the ICO decision was taken within its 72 hours, for the programme's measures. */
  void recordIcoDecision(String reference, boolean inTime) {
    jdbc.sql("update tr_incident set ico_deadline_met = ? where reference = ?").params(inTime, reference).update();
  }

  /** How many reports there are by category and status: what managers see of incidents. */
  List<Map<String, Object>> counts() {
    return jdbc.sql("""
        select category, status, confidential, count(*) as reports from tr_incident
        group by category, status, confidential order by category, status, confidential""")
        .query((rs, row) -> Map.<String, Object>of("category", rs.getString(1), "status", rs.getString(2),
            "confidential", rs.getBoolean(3), "reports", rs.getLong(4)))
        .list();
  }

  @Override
  public Optional<String> requesterOf(String reference) {
    return find(reference).map(Incident::reporter);
  }

  @Override
  public Optional<String> processInstanceOf(String reference) {
    return find(reference).map(Incident::processInstanceId);
  }

  /** The research office reads reports that are not confidential; confidential ones only their handlers. */
  @Override
  public Optional<Readers> readersOf(String reference) {
    return find(reference).map(incident -> new Readers(Optional.ofNullable(incident.reporter()),
        incident.confidential() ? List.of() : List.of(Groups.RESEARCH_OFFICE)));
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static Date dateNow() {
    return ClockUtil.getCurrentTime();
  }

  /** A report's register row (its reporter, its receipt hash) goes with its history. */
  @Override
  public int removeWhereHistoryIsGone() {
    return jdbc.sql("delete from tr_incident where " + RetainedWithHistory.historyIsGone("tr_incident")).update();
  }
}
