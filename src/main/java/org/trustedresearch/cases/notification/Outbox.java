package org.trustedresearch.cases.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. Rows are written in the caller's transaction, so a notification exists exactly
 * when the process step that caused it committed. Dispatchers claim rows with a conditional update,
 * so that several of them on one database never claim the same row.
 */
@Repository
class Outbox {

  enum Status { PENDING, SENDING, SENT, FAILED }

  /** A row of the outbox. */
  record Message(long id, String messageId, String kind, String caseReference, String recipientUser,
      String recipient, String subject, String text, String html, boolean thankYou, Status status, int attempts,
      Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
  }

  /** What to write: one e-mail to one recipient. */
  record Mail(String kind, String caseReference, String recipientUser, String recipient, String subject, String text,
      String html, boolean thankYou) {
  }

  static final String MESSAGE_ID_DOMAIN = "@trusted-research-cases";
  private static final String COLUMNS = """
      id, message_id, kind, case_reference, recipient_user, recipient, subject, body_text, body_html, thank_you,
      status, attempts, next_attempt_at, last_error, created_at, sent_at""";

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void enqueue(Mail mail, Instant now) {
    jdbc.sql("""
        insert into tr_notification_outbox (message_id, kind, case_reference, recipient_user, recipient, subject,
          body_text, body_html, thank_you, status, attempts, next_attempt_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
        .params("<" + UUID.randomUUID() + MESSAGE_ID_DOMAIN + ">", mail.kind(), mail.caseReference(),
            mail.recipientUser(), mail.recipient(), mail.subject(), mail.text(), mail.html(), mail.thankYou(),
            Timestamp.from(now), Timestamp.from(now))
        .update();
  }

  /**
   * Claims up to {@code limit} messages that are due, and messages whose dispatcher stopped before
   * finishing them (its lock expired). Rows another dispatcher is claiming are skipped, and the
   * condition is repeated in the update itself, so that of two dispatchers racing for a row only
   * one changes it.
   */
  List<Message> claim(String claimToken, int limit, Instant now, Duration lockTimeout) {
    String due = "((status = 'PENDING' and next_attempt_at <= ?) or (status = 'SENDING' and locked_until < ?))";
    Timestamp at = Timestamp.from(now);
    jdbc.sql("update tr_notification_outbox set status = 'SENDING', locked_by = ?, locked_until = ? where " + due
            + " and id in (select id from tr_notification_outbox where " + due
            + " order by id fetch first ? rows only for update skip locked)")
        .params(claimToken, Timestamp.from(now.plus(lockTimeout)), at, at, at, at, limit)
        .update();
    return jdbc.sql("select " + COLUMNS + " from tr_notification_outbox where locked_by = ? and status = 'SENDING'"
            + " order by id")
        .param(claimToken)
        .query(Outbox::message)
        .list();
  }

  void sent(long id, String claimToken, Instant now) {
    jdbc.sql("""
        update tr_notification_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, locked_by = null,
          locked_until = null, last_error = null
        where id = ? and locked_by = ?""")
        .params(Timestamp.from(now), id, claimToken)
        .update();
  }

  /** A failed attempt: tried again at {@code nextAttempt}, or given up (FAILED) when that is null. */
  void failed(long id, String claimToken, String error, Instant nextAttempt) {
    jdbc.sql("""
        update tr_notification_outbox set status = ?, attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at),
          last_error = ?, locked_by = null, locked_until = null
        where id = ? and locked_by = ?""")
        .params(nextAttempt == null ? Status.FAILED.name() : Status.PENDING.name(),
            nextAttempt == null ? null : Timestamp.from(nextAttempt), truncate(error, 2000), id, claimToken)
        .update();
  }

  /** An administrator sends a FAILED message again. */
  boolean retry(long id, Instant now) {
    return jdbc.sql("""
        update tr_notification_outbox set status = 'PENDING', attempts = 0, next_attempt_at = ?
        where id = ? and status = 'FAILED'""")
        .params(Timestamp.from(now), id)
        .update() == 1;
  }

  List<Message> list(Status status, String caseReference, int limit) {
    return jdbc.sql("select " + COLUMNS + " from tr_notification_outbox"
            + " where (cast(? as varchar(16)) is null or status = ?)"
            + " and (cast(? as varchar(32)) is null or case_reference = ?)"
            + " order by id desc fetch first ? rows only")
        .params(status == null ? null : status.name(), status == null ? null : status.name(), caseReference,
            caseReference, limit)
        .query(Outbox::message)
        .list();
  }

  Map<Status, Long> countByStatus() {
    Map<Status, Long> counts = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status, 0L);
    }
    jdbc.sql("select status, count(*) from tr_notification_outbox group by status")
        .query((rs, row) -> Map.entry(Status.valueOf(rs.getString(1)), rs.getLong(2)))
        .list()
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  private static Message message(ResultSet rs, int row) throws SQLException {
    return new Message(rs.getLong("id"), rs.getString("message_id"), rs.getString("kind"),
        rs.getString("case_reference"), rs.getString("recipient_user"), rs.getString("recipient"),
        rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getBoolean("thank_you"),
        Status.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
        rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
