package org.trustedresearch.cases.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.Notifications;

/**
 * A sign-off task is overdue by the escalation period: it now also lies with the escalation group
 * (the Head of Risk), who is told; the task shows it by its raised priority, the added group and a
 * comment, which the case history keeps.
 */
@Component("escalateListener")
class EscalateListener implements TaskListener {

  static final int ESCALATED_PRIORITY = 90;

  private final Notifications notifications;
  private final ServiceLevels serviceLevels;

  EscalateListener(Notifications notifications, ServiceLevels serviceLevels) {
    this.notifications = notifications;
    this.serviceLevels = serviceLevels;
  }

  @Override
  public void notify(DelegateTask task) {
    String group = serviceLevels.escalationGroup();
    String reason = "Escalated to " + group + ": due " + notifications.format(task.getDueDate())
        + " and still open.";
    task.addCandidateGroup(group);
    task.setPriority(ESCALATED_PRIORITY);
    task.getProcessEngineServices().getTaskService().createComment(task.getId(), task.getProcessInstanceId(), reason);
    notifications.taskEscalated(task, group, reason);
  }
}
