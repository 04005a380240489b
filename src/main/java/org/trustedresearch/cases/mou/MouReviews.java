package org.trustedresearch.cases.mou;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.trustedresearch.cases.shared.RetainedWithHistory;

/**
 * The record of every MoU review, keyed by case reference: its drafts and signed copies (every
 * version kept), legal's rounds with each clause's status, and the decision. The engine carries
 * only what routing and forms need; this is what the institution keeps as evidence.
 */
@Repository
class MouReviews implements RetainedWithHistory {

  enum DocumentKind { DRAFT, SIGNED }

  /** The record's outcome of a review that ended undecided (CLEARED and REJECTED are decisions). */
  static final String CANCELLED = "CANCELLED";

  record Review(long id, String caseReference, String processInstanceId, String reason, List<String> requiredClauses,
      String startedBy, Instant startedAt, String outcome, Boolean securityClauseIncluded, String decidedBy,
      Instant decidedAt, String decisionNote) {
  }

  record Document(long id, long reviewId, DocumentKind kind, int version, String fileName, String mediaType,
      long sizeBytes, String sha256, String changeNote, LocalDate expiresOn, String uploadedBy, Instant uploadedAt) {
  }

  record ClauseCheck(String clauseId, String status, String note) {
  }

  /**
   * One round of legal's review: the draft it reviewed and what the requester said changed in it,
   * who decided what and when; its age is how many days the round took from opening to decision.
   */
  record Round(int round, Integer draftVersion, String whatChanged, Instant openedAt, String reviewedBy,
      Instant reviewedAt, String decision, String notes, long ageDays, List<ClauseCheck> clauses) {
  }

  private static final String REVIEW_COLUMNS = """
      id, case_reference, process_instance_id, reason, required_clauses, started_by, started_at, outcome,
      security_clause_included, decided_by, decided_at, decision_note""";
  private static final String DOCUMENT_COLUMNS = """
      id, review_id, kind, version, file_name, media_type, size_bytes, sha256, change_note, expires_on,
      uploaded_by, uploaded_at""";

  private final JdbcClient jdbc;

  MouReviews(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long open(String caseReference, String processInstanceId, String reason, List<String> requiredClauses,
      String startedBy) {
    jdbc.sql("""
        insert into tr_mou_review (case_reference, process_instance_id, reason, required_clauses, started_by, started_at)
        values (?, ?, ?, ?, ?, ?)""")
        .params(caseReference, processInstanceId, reason, String.join(",", requiredClauses), startedBy, now())
        .update();
    return jdbc.sql("select max(id) from tr_mou_review where process_instance_id = ?")
        .param(processInstanceId).query(Long.class).single();
  }

  Optional<Review> find(long reviewId) {
    return jdbc.sql("select " + REVIEW_COLUMNS + " from tr_mou_review where id = ?")
        .param(reviewId).query(MouReviews::review).optional();
  }

  /** The review a clause review process keeps. */
  Optional<Review> ofProcess(String processInstanceId) {
    return jdbc.sql("select " + REVIEW_COLUMNS + " from tr_mou_review where process_instance_id = ?")
        .param(processInstanceId).query(MouReviews::review).optional();
  }

  /** The case's reviews, newest first. */
  List<Review> ofCase(String caseReference) {
    return jdbc.sql("select " + REVIEW_COLUMNS + " from tr_mou_review where case_reference = ? order by id desc")
        .param(caseReference).query(MouReviews::review).list();
  }

  Optional<Review> latest(String caseReference) {
    return ofCase(caseReference).stream().findFirst();
  }

  /** Holds the review's row until the transaction ends: versions of its files are numbered one at a time. */
  void lock(long reviewId) {
    jdbc.sql("select id from tr_mou_review where id = ? for update").param(reviewId).query(Long.class).optional();
  }

  Document addDocument(long reviewId, DocumentKind kind, String fileName, String mediaType, byte[] content,
      String sha256, String changeNote, LocalDate expiresOn, String uploadedBy) {
    int version = jdbc.sql("select coalesce(max(version), 0) + 1 from tr_mou_document where review_id = ? and kind = ?")
        .params(reviewId, kind.name()).query(Integer.class).single();
    jdbc.sql("""
        insert into tr_mou_document (review_id, kind, version, file_name, media_type, size_bytes, sha256, content,
          change_note, expires_on, uploaded_by, uploaded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(reviewId, kind.name(), version, fileName, mediaType, (long) content.length, sha256, content,
            changeNote, expiresOn == null ? null : Date.valueOf(expiresOn), uploadedBy, now())
        .update();
    return latestDocument(reviewId, kind).orElseThrow();
  }

  Optional<Document> latestDocument(long reviewId, DocumentKind kind) {
    return jdbc.sql("select " + DOCUMENT_COLUMNS + " from tr_mou_document where review_id = ? and kind = ? "
            + "order by version desc")
        .params(reviewId, kind.name()).query(MouReviews::document).list().stream().findFirst();
  }

  List<Document> documents(long reviewId) {
    return jdbc.sql("select " + DOCUMENT_COLUMNS + " from tr_mou_document where review_id = ? order by kind, version")
        .param(reviewId).query(MouReviews::document).list();
  }

  Optional<Document> document(long documentId) {
    return jdbc.sql("select " + DOCUMENT_COLUMNS + " from tr_mou_document where id = ?")
        .param(documentId).query(MouReviews::document).optional();
  }

  byte[] content(long documentId) {
    return jdbc.sql("select content from tr_mou_document where id = ?").param(documentId).query(byte[].class).single();
  }

  /** The requester's account of what changed, on a draft that has none yet. */
  void describeChanges(long documentId, String changeNote) {
    jdbc.sql("update tr_mou_document set change_note = ? where id = ? and change_note is null")
        .params(changeNote, documentId).update();
  }

  void recordRound(long reviewId, int round, Integer draftVersion, Instant openedAt, String reviewedBy,
      String decision, String notes, List<ClauseCheck> checks) {
    jdbc.sql("""
        insert into tr_mou_round (review_id, round, draft_version, opened_at, reviewed_by, reviewed_at, decision, notes)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(reviewId, round, draftVersion, Timestamp.from(openedAt), reviewedBy, now(), decision, notes)
        .update();
    for (ClauseCheck check : checks) {
      jdbc.sql("insert into tr_mou_clause_check (review_id, round, clause_id, status, note) values (?, ?, ?, ?, ?)")
          .params(reviewId, round, check.clauseId(), check.status(), check.note())
          .update();
    }
  }

  List<Round> rounds(long reviewId) {
    List<ClauseCheckRow> checks = jdbc.sql("""
        select round, clause_id, status, note from tr_mou_clause_check where review_id = ? order by round""")
        .param(reviewId)
        .query((rs, row) -> new ClauseCheckRow(rs.getInt(1), new ClauseCheck(rs.getString(2), rs.getString(3),
            rs.getString(4))))
        .list();
    return jdbc.sql("""
        select r.round, r.draft_version, r.opened_at, r.reviewed_by, r.reviewed_at, r.decision, r.notes, d.change_note
        from tr_mou_round r
        left join tr_mou_document d on d.review_id = r.review_id and d.kind = 'DRAFT' and d.version = r.draft_version
        where r.review_id = ? order by r.round""")
        .param(reviewId)
        .query((rs, row) -> {
          int round = rs.getInt(1);
          Instant opened = rs.getTimestamp(3).toInstant();
          Instant reviewed = rs.getTimestamp(5).toInstant();
          return new Round(round, (Integer) rs.getObject(2, Integer.class), rs.getString(8), opened, rs.getString(4),
              reviewed, rs.getString(6), rs.getString(7), Duration.between(opened, reviewed).toDays(),
              checks.stream().filter(check -> check.round() == round).map(ClauseCheckRow::check).toList());
        })
        .list();
  }

  void decide(long reviewId, String outcome, boolean securityClauseIncluded, String decidedBy, String note) {
    jdbc.sql("""
        update tr_mou_review set outcome = ?, security_clause_included = ?, decided_by = ?, decided_at = ?,
          decision_note = ? where id = ?""")
        .params(outcome, securityClauseIncluded, decidedBy, now(), note, reviewId)
        .update();
  }

  /** Closes a review that ended without a decision; a decided review keeps its decision. */
  void closeUndecided(long reviewId, String note) {
    jdbc.sql("""
        update tr_mou_review set outcome = ?, decided_at = ?, decision_note = ? where id = ? and outcome is null""")
        .params(CANCELLED, now(), note, reviewId)
        .update();
  }

  private record ClauseCheckRow(int round, ClauseCheck check) {
  }

  private static Review review(ResultSet rs, int row) throws SQLException {
    Timestamp decidedAt = rs.getTimestamp(11);
    return new Review(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Arrays.asList(rs.getString(5).split(",")), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
        (Boolean) rs.getObject(9, Boolean.class), rs.getString(10), decidedAt == null ? null : decidedAt.toInstant(),
        rs.getString(12));
  }

  private static Document document(ResultSet rs, int row) throws SQLException {
    Date expiresOn = rs.getDate(10);
    return new Document(rs.getLong(1), rs.getLong(2), DocumentKind.valueOf(rs.getString(3)), rs.getInt(4),
        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
        expiresOn == null ? null : expiresOn.toLocalDate(), rs.getString(11), rs.getTimestamp(12).toInstant());
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  /** An agreement review (its files, rounds and clause checks) goes with its clause review's history. */
  @Override
  public int removeWhereHistoryIsGone() {
    String gone = "select id from tr_mou_review where " + RetainedWithHistory.historyIsGone("tr_mou_review");
    int removed = jdbc.sql("delete from tr_mou_clause_check where review_id in (" + gone + ")").update();
    removed += jdbc.sql("delete from tr_mou_round where review_id in (" + gone + ")").update();
    removed += jdbc.sql("delete from tr_mou_document where review_id in (" + gone + ")").update();
    return removed + jdbc.sql("delete from tr_mou_review where id in (" + gone + ")").update();
  }
}
