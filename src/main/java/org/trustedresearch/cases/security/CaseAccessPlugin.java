package org.trustedresearch.cases.security;

import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.CaseOwners;
import org.trustedresearch.cases.shared.EnginePlugins;

/**
 * Puts case access rules into every deployed process, so that no model can forget them: separation
 * of duties and read access for the reviewing groups on every task that is not the requester's
 * own, read access for the requester when a case's process starts, and the register's reader groups kept in
 * step when the requester leaves one of their own tasks. Built-in listeners run even when a caller asks to skip custom listeners.
 */
@Component
class CaseAccessPlugin extends AbstractProcessEnginePlugin {

  /** The assignee of the requester's own tasks (amend, negotiate); every other task is a review. */
  static final String REQUESTERS_OWN_TASK = "${requester}";

  private final SeparationOfDuties separationOfDuties;
  private final RequesterAccess requesterAccess;
  private final ReviewerAccess reviewerAccess;
  private final ReaderGroupsInStep readerGroupsInStep;

  CaseAccessPlugin(List<CaseOwners> registers) {
    this.separationOfDuties = new SeparationOfDuties(registers);
    this.requesterAccess = new RequesterAccess(registers);
    this.reviewerAccess = new ReviewerAccess(registers);
    this.readerGroupsInStep = new ReaderGroupsInStep(registers);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EnginePlugins.addParseListener(configuration, new AbstractBpmnParseListener() {

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        Expression assignee = task.getAssigneeExpression();
        if (assignee == null || !REQUESTERS_OWN_TASK.equals(assignee.getExpressionText())) {
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, reviewerAccess);
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, separationOfDuties);
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, separationOfDuties);
        } else {
          // after the task's own listeners, which may have moved the case to another department
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, readerGroupsInStep);
        }
      }

      @Override
      public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEvent) {
        // after the start event's own listeners, which give a new case its reference
        if (scope instanceof ProcessDefinitionEntity) {
          startEvent.addBuiltInListener(ExecutionListener.EVENTNAME_END, requesterAccess);
        }
      }
    });
  }
}
