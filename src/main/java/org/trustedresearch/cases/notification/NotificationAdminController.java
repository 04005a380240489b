package org.trustedresearch.cases.notification;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.notification.Outbox.Status;

/**
 * {@code /api/admin/notifications}: the outbox for administrators, to see what was delivered, what
 * waits and what failed, and to send a failed message again.
 */
@RestController
@RequestMapping("/api/admin/notifications")
class NotificationAdminController {

  /** A message as administrators see it; the body stays in the outbox. */
  record OutboxEntry(long id, String messageId, String kind, String caseReference, String recipient, String subject,
      String status, int attempts, String nextAttemptAt, String lastError, String createdAt, String sentAt) {

    static OutboxEntry of(Outbox.Message message) {
      return new OutboxEntry(message.id(), message.messageId(), message.kind(), message.caseReference(),
          message.recipient(), message.subject(), message.status().name(), message.attempts(),
          text(message.nextAttemptAt()), message.lastError(), text(message.createdAt()), text(message.sentAt()));
    }

    private static String text(Object value) {
      return value == null ? null : value.toString();
    }
  }

  static final int MAX_LIMIT = 1000;

  private final Outbox outbox;
  private final IdentityService identity;

  NotificationAdminController(Outbox outbox, IdentityService identity) {
    this.outbox = outbox;
    this.identity = identity;
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String status,
      @RequestParam(required = false) String caseReference, @RequestParam(defaultValue = "100") int limit) {
    requireAdministrator();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: must be between 1 and " + MAX_LIMIT);
    }
    List<OutboxEntry> entries = outbox.list(status(status), caseReference, limit).stream().map(OutboxEntry::of).toList();
    return Map.of("counts", outbox.countByStatus(), "messages", entries);
  }

  @PostMapping("/{id}/retry")
  Map<String, Object> retry(@PathVariable long id) {
    requireAdministrator();
    if (!outbox.retry(id, ClockUtil.getCurrentTime().toInstant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Notification " + id + " is not FAILED");
    }
    return Map.of("id", id, "status", Status.PENDING.name());
  }

  private static Status status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status: must be one of PENDING, SENDING, SENT, FAILED");
    }
  }

  private void requireAdministrator() {
    if (!AccessRules.operatesOutbox(identity.getCurrentAuthentication())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The outbox is for administrators");
    }
  }
}
