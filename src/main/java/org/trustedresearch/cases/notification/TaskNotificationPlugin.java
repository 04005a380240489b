package org.trustedresearch.cases.notification;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.EnginePlugins;

/**
 * Every user task of every process tells the people who should act on it that it is waiting, so no
 * model can forget to. A task chooses its e-mail with the extension property
 * {@code notificationTemplate}; otherwise it is {@value Notifications#TASK_WAITING}.
 */
@Component
class TaskNotificationPlugin extends AbstractProcessEnginePlugin {

  static final String TEMPLATE_PROPERTY = "notificationTemplate";

  // looked up when a task is created: the notifications need engine services, built after plugins
  private final ObjectProvider<Notifications> notifications;

  TaskNotificationPlugin(ObjectProvider<Notifications> notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EnginePlugins.addParseListener(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
        String template = templateOf(userTask);
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                task -> notifications.getObject().taskWaiting(task, template));
      }
    });
  }

  static String templateOf(Element userTask) {
    Element extensions = userTask.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        if (TEMPLATE_PROPERTY.equals(property.attribute("name"))) {
          return property.attribute("value");
        }
      }
    }
    return Notifications.TASK_WAITING;
  }
}
