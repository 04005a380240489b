package org.trustedresearch.cases.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Directory.Person;
import org.trustedresearch.cases.notification.MailTemplates.Rendered;
import org.trustedresearch.cases.notification.Outbox.Mail;
import org.trustedresearch.cases.shared.CaseVariables;

/**
 * Who is told what. Each e-mail is rendered for its recipient and written to the outbox in the
 * caller's transaction. Nobody is told of what they did themselves, and the person whose case it is
 * is not sent the case's review tasks.
 */
@Service
public class Notifications {

  public static final String TASK_WAITING = "task-waiting";
  public static final String TASK_REMINDER = "task-reminder";
  public static final String TASK_ESCALATED = "task-escalated";
  public static final String TASK_CLOSED = "task-closed";

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final Outbox outbox;
  private final MailTemplates templates;
  private final Directory directory;
  private final NotificationProperties properties;
  private final DateTimeFormatter dates;
  private final ObjectProvider<TaskLinks> links;
  private final EndorsementProperties endorsement;

  Notifications(Outbox outbox, MailTemplates templates, Directory directory, NotificationProperties properties,
      @Value("${trusted-research.service-levels.zone:Europe/London}") ZoneId zone, ObjectProvider<TaskLinks> links,
      EndorsementProperties endorsement) {
    this.outbox = outbox;
    this.templates = templates;
    this.directory = directory;
    this.properties = properties;
    this.endorsement = endorsement;
    this.links = links;
    this.dates = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK).withZone(zone);
  }

  /** A new task: its assignee, or the members of its candidate groups, are told it waits for them. */
  public void taskWaiting(DelegateTask task, String template) {
    tellAboutTask(task, template, peopleWhoMayWork(task), Map.of());
  }

  /** The task is due: whoever may work it is reminded. */
  public void taskReminder(DelegateTask task) {
    tellAboutTask(task, TASK_REMINDER, peopleWhoMayWork(task), Map.of());
  }

  /** The task is overdue and now also lies with {@code group}, whose members are told. */
  public void taskEscalated(DelegateTask task, String group, String reason) {
    Set<String> members = new LinkedHashSet<>();
    directory.membersOf(group).forEach(person -> members.add(person.id()));
    tellAboutTask(task, TASK_ESCALATED, members, Map.of("escalationReason", reason));
  }

  /** A task was closed before anyone decided it: whoever could have worked it is told it is no longer needed. */
  public void taskClosed(String caseReference, String taskName, String assignee, Collection<IdentityLink> candidates,
      String requester) {
    tellEach(TASK_CLOSED, caseReference, peopleWhoMayWork(assignee, candidates, requester),
        Map.of("taskName", taskName), false);
  }

  /** Tells one person about their case, e.g. its outcome. */
  public void tell(String template, String caseReference, String userId, Map<String, Object> model, boolean thankYou) {
    tellEach(template, caseReference, Set.of(userId), model, thankYou);
  }

  /** Thanks someone for what they just did (reporting an incident), the one message that goes to the actor. */
  public void thank(String template, String caseReference, String userId, Map<String, Object> model) {
    directory.person(userId).ifPresent(person -> write(template, caseReference, person, model, true));
  }

  /** Tells several people the same thing about a case, each in a message of their own. */
  public void tellEach(String template, String caseReference, Collection<String> userIds, Map<String, Object> model,
      boolean thankYou) {
    String actor = actor();
    for (String userId : new LinkedHashSet<>(userIds)) {
      if (userId != null && !userId.equals(actor)) {
        directory.person(userId).ifPresent(person -> write(template, caseReference, person, model, thankYou));
      }
    }
  }

  /** Formats a date as every e-mail shows it. */
  public String format(Date date) {
    return date == null ? null : dates.format(date.toInstant());
  }

  /** The address of a task in Tasklist. */
  public String taskLink(String taskId, boolean assigned) {
    TaskLinks tasklist = links.getIfAvailable();
    return tasklist != null ? tasklist.forTask(taskId, assigned)
        : properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  private void tellAboutTask(DelegateTask task, String template, Set<String> recipients, Map<String, Object> extra) {
    Map<String, Object> model = new HashMap<>(extra);
    model.put("taskName", task.getName());
    model.put("taskDescription", task.getDescription());
    model.put("dueDate", format(task.getDueDate()));
    model.put("link", taskLink(task.getId(), task.getAssignee() != null));
    model.put("variables", simpleValues(task.getVariables()));
    tellEach(template, task.getExecution().getProcessBusinessKey(), recipients, model, false);
  }

  private Set<String> peopleWhoMayWork(DelegateTask task) {
    return peopleWhoMayWork(task.getAssignee(), task.getCandidates(), CaseVariables.REQUESTER.get(task));
  }

  private Set<String> peopleWhoMayWork(String assignee, Collection<IdentityLink> candidates, String requester) {
    Set<String> people = new LinkedHashSet<>();
    if (assignee != null) {
      people.add(assignee);
      return people;
    }
    for (IdentityLink candidate : candidates) {
      if (candidate.getUserId() != null) {
        people.add(candidate.getUserId());
      }
      if (candidate.getGroupId() != null) {
        directory.membersOf(candidate.getGroupId()).forEach(person -> people.add(person.id()));
      }
    }
    // the person whose case it is does not review it (separation of duties)
    people.remove(requester);
    return people;
  }

  private void write(String template, String caseReference, Person person, Map<String, Object> model,
      boolean thankYou) {
    if (person.email() == null || person.email().isBlank()) {
      log.warn("{} has no e-mail address; '{}' about {} is not sent to them", person.id(), template, caseReference);
      return;
    }
    Map<String, Object> personal = new LinkedHashMap<>(model);
    personal.put("caseReference", caseReference);
    personal.put("recipientName", person.name());
    personal.put("headOfRiskSignature", properties.headOfRiskSignature());
    personal.put("endorserName", endorsement.name());
    personal.put("endorserTitle", endorsement.title() == null ? "" : endorsement.title());
    Rendered mail = templates.render(template, personal);
    outbox.enqueue(new Mail(template, caseReference, person.id(), person.email(), mail.subject(), mail.text(),
        mail.html(), thankYou), now());
  }

  /** Text, numbers, yes/no and dates of the case, for templates to show; nothing else leaves the engine. */
  private Map<String, Object> simpleValues(Map<String, Object> variables) {
    Map<String, Object> simple = new HashMap<>();
    variables.forEach((name, value) -> {
      if (value instanceof Date date) {
        simple.put(name, format(date));
      } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        simple.put(name, value);
      }
    });
    return simple;
  }

  private static String actor() {
    return Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
