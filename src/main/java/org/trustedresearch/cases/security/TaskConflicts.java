package org.trustedresearch.cases.security;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.directory.Groups;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells a person why the task they acted on is no longer theirs to act on: someone else decided it
 * (who and when), claimed it, or the case moved on. Only people who could work the task, or
 * administrators, learn who decided it; anyone else gets no more than the engine would tell them.
 */
@Component
class TaskConflicts {

  static final String TYPE = "Conflict";
  /** When there is nothing more precise to say, or the caller may not know more. */
  static final String CHANGED_BY_SOMEONE_ELSE =
      "This was changed by someone else a moment ago; reload to see the case as it is now.";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM yyyy 'at' HH:mm", Locale.UK);

  private final ProcessEngineConfigurationImpl engine;
  private final ZoneId zone;

  // the institution's time zone, which the service levels define
  TaskConflicts(ProcessEngineConfigurationImpl engine,
      @Value("${trusted-research.service-levels.zone:Europe/London}") ZoneId zone) {
    this.engine = engine;
    this.zone = zone;
  }

  /** The caller and their groups, as the engine or the webapps' login know them. */
  record Caller(String userId, List<String> groupIds) {

    boolean isAdministrator() {
      return groupIds.contains(Groups.CAMUNDA_ADMIN);
    }
  }

  /** Engine REST's login has set the caller on the engine; the webapps keep theirs in the session. */
  Caller caller(HttpServletRequest request) {
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return new Caller(current.getUserId(), current.getGroupIds() == null ? List.of() : current.getGroupIds());
    }
    UserAuthentication signedIn = RestAuthentication.EveryRequestAuthenticated.webappUser(request,
        engine.getProcessEngineName());
    return signedIn == null ? null : new Caller(signedIn.getIdentityId(),
        signedIn.getGroupIds() == null ? List.of() : List.copyOf(signedIn.getGroupIds()));
  }

  /**
   * Why a task that no longer runs cannot be acted on, if it once existed and the caller could
   * have worked it: "... was decided by Hannah Price at 10:42; reload to see the case".
   */
  Optional<String> ended(String taskId, Caller caller) {
    return withoutAuthorization(() -> {
      HistoricTaskInstance task = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (task == null || task.getEndTime() == null || !couldWork(task, caller)) {
        return Optional.<String>empty();
      }
      String when = at(task.getEndTime());
      if (!"completed".equals(task.getDeleteReason())) {
        return Optional.of(quoted(task.getName()) + " was closed " + when
            + " because the case moved on; reload to see the case.");
      }
      String decider = completedBy(task);
      return Optional.of(quoted(task.getName()) + " was decided" + (decider == null ? "" : " by " + nameOf(decider))
          + " " + when + "; reload to see the case.");
    });
  }

  /** What to tell the loser of a race on a task: who won it, if the caller may know, or that it changed. */
  String lostRace(String taskId, Caller caller) {
    if (taskId == null || caller == null) {
      return CHANGED_BY_SOMEONE_ELSE;
    }
    return ended(taskId, caller).or(() -> handedBack(taskId, caller)).or(() -> claimed(taskId, caller))
        .orElse(CHANGED_BY_SOMEONE_ELSE);
  }

  /** A delegated task its delegate resolved a moment before: it is back with its owner. */
  private Optional<String> handedBack(String taskId, Caller caller) {
    return withoutAuthorization(() -> {
      var task = engine.getTaskService().createTaskQuery().taskId(taskId)
          .taskDelegationState(DelegationState.RESOLVED).singleResult();
      HistoricTaskInstance history = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId)
          .singleResult();
      if (task == null || task.getAssignee() == null || task.getAssignee().equals(caller.userId())
          || history == null || !couldWork(history, caller)) {
        return Optional.<String>empty();
      }
      return Optional.of(quoted(task.getName()) + " was already handed back to " + nameOf(task.getAssignee())
          + "; reload to see who works on it.");
    });
  }

  private Optional<String> claimed(String taskId, Caller caller) {
    return withoutAuthorization(() -> {
      HistoricTaskInstance task = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (task == null || task.getEndTime() != null || task.getAssignee() == null
          || task.getAssignee().equals(caller.userId()) || !couldWork(task, caller)) {
        return Optional.<String>empty();
      }
      return Optional.of(quoted(task.getName()) + " was just taken by " + nameOf(task.getAssignee())
          + "; reload to see who works on it.");
    });
  }

  /** Someone the task was offered to, who had it, or an administrator. */
  private boolean couldWork(HistoricTaskInstance task, Caller caller) {
    if (caller.isAdministrator() || caller.userId().equals(task.getAssignee()) || caller.userId().equals(task.getOwner())) {
      return true;
    }
    for (HistoricIdentityLinkLog link : engine.getHistoryService().createHistoricIdentityLinkLogQuery()
        .taskId(task.getId()).list()) {
      boolean offered = IdentityLinkType.CANDIDATE.equals(link.getType())
          || IdentityLinkType.ASSIGNEE.equals(link.getType()) || IdentityLinkType.OWNER.equals(link.getType());
      if (offered && (caller.userId().equals(link.getUserId())
          || (link.getGroupId() != null && caller.groupIds().contains(link.getGroupId())))) {
        return true;
      }
    }
    return false;
  }

  /** The operation log names who completed it; the assignee at the end is the fallback. */
  private String completedBy(HistoricTaskInstance task) {
    return engine.getHistoryService().createUserOperationLogQuery()
        .taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .list().stream()
        .map(UserOperationLogEntry::getUserId)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(task.getAssignee());
  }

  private String nameOf(String userId) {
    User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  /** "at 10:42" today, "on 2 Dec 2026 at 16:05" before. */
  private String at(Date time) {
    ZonedDateTime local = time.toInstant().atZone(zone);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    return local.toLocalDate().equals(today) ? "at " + TIME.format(local) : "on " + DAY_AND_TIME.format(local);
  }

  private static String quoted(String taskName) {
    return taskName == null || taskName.isBlank() ? "This task" : "“" + taskName + "”";
  }

  /** The caller's own rights were checked when they asked; what happened to the task is read as the system. */
  private <T> T withoutAuthorization(Supplier<T> lookup) {
    return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization((Callable<T>) lookup::get));
  }

  /**
   * Camunda resolves a task whatever its delegation state, so a delegate's second click (or second
   * tab) would hand it back again, with a second entry in its history. Only a task waiting for its
   * delegate is resolved; the check reads the task the command then changes, within the command, so
   * a resolve that overlaps with another still loses on the task's revision.
   */
  static class ResolvesOnce extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof ResolveTaskCmd && Context.getCommandContext() != null) {
        String taskId = CommandArguments.read(command, "taskId");
        TaskEntity task = taskId == null ? null : Context.getCommandContext().getTaskManager().findTaskById(taskId);
        if (task != null && task.getDelegationState() != DelegationState.PENDING && mayWork(task)) {
          throw new OptimisticLockingException("Task " + taskId + " is not waiting for its delegate");
        }
      }
      return next.execute(command);
    }

    /** Someone who may not work the task is left to the command, which refuses them as it always does. */
    private static boolean mayWork(TaskEntity task) {
      try {
        Context.getCommandContext().getProcessEngineConfiguration().getCommandCheckers()
            .forEach(checker -> checker.checkTaskWork(task));
        return true;
      } catch (AuthorizationException refused) {
        return false;
      }
    }
  }
}
