package org.trustedresearch.cases.collaboration;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * The register of cases held for their requester's training: one row a hold, kept as it happens so
 * that the KPIs read how many were held and for how long from indexed columns.
 */
@Repository
class TrainingHolds implements RetainedWithHistory {

  /** What ended a hold. */
  enum Release { TRAINING, WAIVER, WITHDRAWAL }

  /** A hold that has not ended. */
  record OpenHold(long id, String caseReference, String processInstanceId, String requester, Instant startedAt) {
  }

  private final JdbcClient jdbc;

  TrainingHolds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void begin(String caseReference, String processInstanceId, String requester, Instant at) {
    jdbc.sql("insert into tr_training_hold (case_reference, process_instance_id, requester, started_at) "
        + "values (:case, :instance, :requester, :at)")
        .param("case", caseReference).param("instance", processInstanceId).param("requester", requester)
        .param("at", Timestamp.from(at)).update();
  }

  Optional<OpenHold> openOn(String caseReference) {
    return jdbc.sql("select id, case_reference, process_instance_id, requester, started_at from tr_training_hold "
        + "where case_reference = :case and ended_at is null").param("case", caseReference)
        .query(TrainingHolds::openHold).optional();
  }

  /** The open holds of any of these requesters: one query over the requester index. */
  List<OpenHold> openFor(Collection<String> requesters) {
    if (requesters.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id, case_reference, process_instance_id, requester, started_at from tr_training_hold "
        + "where requester in (:requesters) and ended_at is null order by id")
        .param("requesters", requesters).query(TrainingHolds::openHold).list();
  }

  /** The research office waived the hold: kept with it whether or not the case has moved on yet. */
  void waive(long id, String officer, String reason) {
    jdbc.sql("update tr_training_hold set waived_by = :officer, waiver_reason = :reason where id = :id")
        .param("officer", officer).param("reason", reason).param("id", id).update();
  }

  void end(String caseReference, Release release, Instant at) {
    openOn(caseReference).ifPresent(hold -> jdbc.sql("update tr_training_hold set ended_at = :at, "
        + "hold_seconds = :seconds, released_by = :release where id = :id")
        .param("at", Timestamp.from(at)).param("seconds", Duration.between(hold.startedAt(), at).toSeconds())
        .param("release", release.name()).param("id", hold.id()).update());
  }

  /** A hold goes with its case's history. */
  @Override
  public int removeWhereHistoryIsGone() {
    return jdbc.sql("delete from tr_training_hold where " + RetainedWithHistory.historyIsGone("tr_training_hold"))
        .update();
  }

  private static OpenHold openHold(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new OpenHold(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getTimestamp(5).toInstant());
  }
}
