package org.trustedresearch.cases.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.Notifications;

/** A task's reminder timer fired: whoever may work the task is reminded that it is due. */
@Component("remindListener")
class RemindListener implements TaskListener {

  private final Notifications notifications;

  RemindListener(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void notify(DelegateTask task) {
    notifications.taskReminder(task);
  }
}
