package org.trustedresearch.cases.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.DeploymentQueryImpl;
import org.camunda.bpm.engine.impl.ExecutionQueryImpl;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.HistoricActivityInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricDecisionInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.HistoricIdentityLinkLogQueryImpl;
import org.camunda.bpm.engine.impl.HistoricIncidentQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.IncidentQueryImpl;
import org.camunda.bpm.engine.impl.JobDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserOperationLogQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.AuthorizationCheckCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateGroupQueryCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantQueryCmd;
import org.camunda.bpm.engine.impl.cmd.CreateUserQueryCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterSingleResultCmd;
import org.camunda.bpm.engine.impl.cmd.FindActiveActivityIdsCmd;
import org.camunda.bpm.engine.impl.cmd.GetActivityInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentBpmnModelInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentProcessDiagramCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentProcessDiagramLayoutCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentProcessModelCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariableTypedCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetFilterCmd;
import org.camunda.bpm.engine.impl.cmd.GetFormKeyCmd;
import org.camunda.bpm.engine.impl.cmd.GetIdentityLinksForTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetPasswordPolicyCmd;
import org.camunda.bpm.engine.impl.cmd.GetRenderedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetRenderedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTelemetryDataCmd;
import org.camunda.bpm.engine.impl.cmd.GetUniqueTaskWorkerCountCmd;
import org.camunda.bpm.engine.impl.cmd.IsIdentityServiceReadOnlyCmd;
import org.camunda.bpm.engine.impl.cmd.IsTelemetryEnabledCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmmn.entity.repository.CaseDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionDefinitionCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionDiagramCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionModelCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionRequirementsDefinitionCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionRequirementsDiagramCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDecisionRequirementsModelCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.GetDeploymentDmnModelInstanceCmd;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionRequirementsDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.filter.FilterQueryImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.metrics.MetricsQueryImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.trustedresearch.cases.TrustedResearchCasesApplication;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * The engine's command policy: for every command a signed-in person asks the engine to run, whichever
 * way it came (engine REST, the webapps' API, the project's API, Java), it decides whether they may.
 * Administrators ({@code camunda-admin}) may run anything. Everyone else may run only the commands on
 * the allow-list below, each with its reason, under that entry's extra condition; the engine's own
 * authorizations then decide which instances, tasks and definitions they reach. A command that is
 * not on the list (one a future engine adds, or one nobody thought of) is refused.
 * <p>
 * Only the outermost command of a call is judged: what the engine runs inside a command (a listener
 * starting a sub-process, a delegate correlating a message) is the model's business, decided when
 * the outer command was allowed. Commands without a signed-in user (the job executor, the application
 * acting as itself) are the engine's own business too. Commands defined by this application's code
 * are its own steps and were reviewed with it.
 * <p>
 * Refusals are {@link AuthorizationException}s (403 through every API) or, for a form's fields,
 * {@link InvalidCaseInputException}s naming the field (400).
 */
@Component
class CommandPolicy extends AbstractProcessEnginePlugin {

  /** Why people other than administrators may run a command, and what it must also satisfy. */
  record Rule(String reason, Condition condition) {
  }

  /** Refuses a command, with an exception, when the caller may not run it as asked. */
  @FunctionalInterface
  interface Condition {
    void check(Command<?> command, Authentication caller, CommandPolicy policy);
  }

  private static final Condition NONE = (command, caller, policy) -> {
  };

  /** The allow-list: command class, and why people other than administrators may run it. */
  static final Map<Class<?>, Rule> ALLOWED = new LinkedHashMap<>();

  /** Identity queries come from whichever identity provider is configured (database or LDAP). */
  static final List<Class<?>> IDENTITY_QUERY_TYPES = List.of(UserQueryImpl.class, GroupQueryImpl.class,
      TenantQueryImpl.class);

  private static final String APPLICATION_PACKAGE = TrustedResearchCasesApplication.class.getPackageName() + ".";

  static {
    // ---- reading: queries leave out what the engine's authorizations do not let the caller read
    allow("a query: the engine's authorizations leave out what the caller may not read", NONE,
        TaskQueryImpl.class, ProcessInstanceQueryImpl.class, ExecutionQueryImpl.class, VariableInstanceQueryImpl.class,
        ProcessDefinitionQueryImpl.class, ProcessDefinitionStatisticsQueryImpl.class, ActivityStatisticsQueryImpl.class,
        DeploymentQueryImpl.class, DecisionDefinitionQueryImpl.class, DecisionRequirementsDefinitionQueryImpl.class,
        CaseDefinitionQueryImpl.class, HistoricProcessInstanceQueryImpl.class, HistoricActivityInstanceQueryImpl.class,
        HistoricTaskInstanceQueryImpl.class, HistoricVariableInstanceQueryImpl.class, HistoricDetailQueryImpl.class,
        HistoricDecisionInstanceQueryImpl.class, HistoricIdentityLinkLogQueryImpl.class,
        UserOperationLogQueryImpl.class, AuthorizationQueryImpl.class, FilterQueryImpl.class);
    allow("shows what a case waits for or where it failed, in Cockpit's read-only views: the engine checks READ on "
        + "the instance or definition; changing jobs and incidents stays with administrators", NONE,
        IncidentQueryImpl.class, HistoricIncidentQueryImpl.class, JobQueryImpl.class, JobDefinitionQueryImpl.class);
    allow("reads one instance's, task's or definition's data (a model, a decision table): the engine checks READ",
        NONE,
        GetExecutionVariablesCmd.class, GetExecutionVariableCmd.class, GetExecutionVariableTypedCmd.class,
        GetTaskVariablesCmd.class, GetTaskVariableCmd.class, GetTaskVariableCmdTyped.class,
        GetActivityInstanceCmd.class, FindActiveActivityIdsCmd.class, GetIdentityLinksForTaskCmd.class,
        GetDeployedProcessDefinitionCmd.class, GetDeploymentProcessModelCmd.class, GetDeploymentProcessDiagramCmd.class,
        GetDeploymentProcessDiagramLayoutCmd.class, GetDeploymentBpmnModelInstanceCmd.class,
        GetDeploymentDecisionDefinitionCmd.class, GetDeploymentDecisionModelCmd.class,
        GetDeploymentDecisionDiagramCmd.class, GetDeploymentDmnModelInstanceCmd.class,
        GetDeploymentDecisionRequirementsDefinitionCmd.class, GetDeploymentDecisionRequirementsModelCmd.class,
        GetDeploymentDecisionRequirementsDiagramCmd.class);
    allow("shows a start or task form: the engine checks the caller's READ permission on the definition or task", NONE,
        GetStartFormCmd.class, GetTaskFormCmd.class, GetFormKeyCmd.class, GetDeployedStartFormCmd.class,
        GetDeployedTaskFormCmd.class, GetStartFormVariablesCmd.class, GetTaskFormVariablesCmd.class,
        GetRenderedStartFormCmd.class, GetRenderedTaskFormCmd.class);
    allow("runs a saved Tasklist filter: the engine checks READ on the filter and on what it lists; "
        + "StoredQueryGuard refuses expressions added by users", NONE,
        GetFilterCmd.class, ExecuteFilterListCmd.class, ExecuteFilterListPageCmd.class, ExecuteFilterCountCmd.class,
        ExecuteFilterSingleResultCmd.class);
    allow("looks people and groups up, as Tasklist does to show names; the engine checks READ on users and groups",
        NONE, CreateUserQueryCmd.class, CreateGroupQueryCmd.class, CreateTenantQueryCmd.class,
        IsIdentityServiceReadOnlyCmd.class, GetPasswordPolicyCmd.class);
    allow("asks whether the caller holds a permission, as the webapps do before showing a page", NONE,
        AuthorizationCheckCmd.class);
    allow("reads or changes a task's comments and attachments: TaskRecordAccess ties each to the right to read "
        + "or work the task", NONE,
        GetTaskAttachmentsCmd.class, GetTaskAttachmentCmd.class, GetTaskAttachmentContentCmd.class,
        GetAttachmentCmd.class, GetAttachmentContentCmd.class, GetTaskCommentsCmd.class, GetTaskCommentCmd.class,
        AddCommentCmd.class, CreateAttachmentCmd.class, SaveAttachmentCmd.class, DeleteAttachmentCmd.class);

    // ---- starting a case: through the start form's fields only
    allow("starts a process at its start event, with the start form's fields only and no business key of the "
        + "caller's choosing: the engine checks CREATE_INSTANCE, the model's listeners validate the fields",
        CommandPolicy::startsWithItsForm,
        StartProcessInstanceCmd.class, SubmitStartFormCmd.class);

    // ---- working on one's tasks: the task form's fields only
    allow("claims a task for the caller themselves: the engine checks the right to work it, separation of duties "
        + "refuses the requester", CommandPolicy::claimsForThemselves, ClaimTaskCmd.class);
    allow("hands a task back, or on to someone in the groups it is offered to: the engine checks TASK_ASSIGN, "
        + "separation of duties refuses the requester", CommandPolicy::handsOnWithinItsGroups, AssignTaskCmd.class);
    allow("asks someone for help with a task, which comes back to its owner to decide: the engine checks "
        + "TASK_ASSIGN, separation of duties refuses the requester", NONE, DelegateTaskCmd.class);
    allow("completes or resolves a task, or saves its form, with the task form's fields only: the engine checks "
        + "the right to work it, the model's listeners validate the decision", CommandPolicy::writesTheTaskForm,
        CompleteTaskCmd.class, ResolveTaskCmd.class, SubmitTaskFormCmd.class, SetTaskVariablesCmd.class);
    allow("saves a task form's fields, deleting none: as setting the task's variables",
        CommandPolicy::patchesTheTaskForm, PatchTaskVariablesCmd.class);

    // ---- the engine's metrics: managers plan with them
    allow("reads the engine's metrics: administrators and managers only (AccessRules.readsEngineMetrics)",
        CommandPolicy::readsEngineMetrics, MetricsQueryImpl.class, GetUniqueTaskWorkerCountCmd.class,
        GetTelemetryDataCmd.class, IsTelemetryEnabledCmd.class);
  }

  private static void allow(String reason, Condition condition, Class<?>... commands) {
    for (Class<?> command : commands) {
      if (ALLOWED.put(command, new Rule(reason, condition)) != null) {
        throw new IllegalStateException(command.getSimpleName() + " is on the allow-list twice");
      }
    }
  }

  private FormFields forms;
  private ProcessEngine engine;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Gate(configuration, this, true));
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    // inside the command's context, so that it reads the task the command changes
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new TaskConflicts.ResolvesOnce());
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new Gate(configuration, this, false));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    this.engine = engine;
    forms = new FormFields(engine.getFormService(), engine.getRepositoryService(), engine.getTaskService(),
        engine.getIdentityService());
  }

  /** Refuses the command if the caller may not run it; returns quietly if they may. */
  void judge(Command<?> command, Authentication caller) {
    if (AccessRules.administers(caller)) {
      return;
    }
    Rule rule = ruleFor(command.getClass());
    if (rule != null) {
      rule.condition().check(command, caller, this);
      return;
    }
    if (command.getClass().getName().startsWith(APPLICATION_PACKAGE)) {
      return; // the application's own step, written and reviewed with it
    }
    throw new AuthorizationException(caller.getUserId() + " may not run " + command.getClass().getSimpleName()
        + ": only administrators may (it is not among the engine operations people need for their cases)");
  }

  static Rule ruleFor(Class<?> command) {
    Rule rule = ALLOWED.get(command);
    if (rule == null && IDENTITY_QUERY_TYPES.stream().anyMatch(type -> type.isAssignableFrom(command))) {
      return new Rule("looks people and groups up; the engine checks READ on users and groups", NONE);
    }
    return rule;
  }

  // ---- the conditions

  private static void startsWithItsForm(Command<?> command, Authentication caller, CommandPolicy policy) {
    String businessKey = command instanceof StartProcessInstanceCmd
        ? CommandArguments.<ProcessInstantiationBuilderImpl>read(command, "instantiationBuilder").getBusinessKey()
        : CommandArguments.read(command, "businessKey");
    if (businessKey != null && !businessKey.isBlank()) {
      // a case's business key is its reference, which the application gives; registers and grants look cases up by it
      throw new InvalidCaseInputException("businessKey", "is given by the application (a case's reference); "
          + "leave it out");
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl start = CommandArguments.read(command, "instantiationBuilder");
      String tenantId = start.isProcessDefinitionTenantIdSet() ? start.getProcessDefinitionTenantId() : null;
      policy.forms.checkStartForm(start.getProcessDefinitionId(), start.getProcessDefinitionKey(), tenantId,
          start.getVariables());
    } else {
      policy.forms.checkStartForm(CommandArguments.read(command, "processDefinitionId"), null, null,
          CommandArguments.read(command, "variables"));
    }
  }

  private static void claimsForThemselves(Command<?> command, Authentication caller, CommandPolicy policy) {
    String userId = CommandArguments.read(command, "userId");
    if (userId == null) {
      throw new InvalidCaseInputException("userId", "name yourself: a task is claimed by the person who takes it");
    }
    if (!userId.equals(caller.getUserId())) {
      throw new AuthorizationException(caller.getUserId() + " may claim a task only for themselves; "
          + "to hand it to a colleague, set its assignee");
    }
  }

  private static void writesTheTaskForm(Command<?> command, Authentication caller, CommandPolicy policy) {
    String taskId = CommandArguments.read(command, command instanceof SetTaskVariablesCmd ? "entityId" : "taskId");
    String variablesField = command instanceof SubmitTaskFormCmd ? "properties" : "variables";
    policy.forms.checkTaskForm(taskId, CommandArguments.read(command, variablesField));
  }

  private static void patchesTheTaskForm(Command<?> command, Authentication caller, CommandPolicy policy) {
    Collection<String> deletions = CommandArguments.read(command, "deletions");
    if (deletions != null && !deletions.isEmpty()) {
      throw new AuthorizationException(caller.getUserId() + " may not delete a task's variables: "
          + "only administrators may, since it would undo what a form or the case wrote");
    }
    policy.forms.checkTaskForm(CommandArguments.read(command, "entityId"), CommandArguments.read(command, "variables"));
  }

  /**
   * A task goes back to its groups (no assignee), to the caller, or to someone in one of the groups it
   * is offered to: the engine's TASK_ASSIGN alone would let a reviewer hand a review to anyone.
   */
  private static void handsOnWithinItsGroups(Command<?> command, Authentication caller, CommandPolicy policy) {
    String taskId = CommandArguments.read(command, "taskId");
    String userId = CommandArguments.read(command, "userId");
    if (userId == null || userId.equals(caller.getUserId())) {
      return;
    }
    boolean inItsGroups = FormFields.asSystem(policy.engine.getIdentityService(), () -> {
      List<String> groups = policy.engine.getTaskService().getIdentityLinksForTask(taskId).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).toList();
      return !groups.isEmpty() && policy.engine.getIdentityService().createGroupQuery().groupMember(userId)
          .groupIdIn(groups.toArray(String[]::new)).count() > 0;
    });
    if (!inItsGroups) {
      throw new AuthorizationException(caller.getUserId() + " may hand a task only to someone in the groups it is "
          + "offered to; " + userId + " is in none of them");
    }
  }

  private static void readsEngineMetrics(Command<?> command, Authentication caller, CommandPolicy policy) {
    if (!AccessRules.readsEngineMetrics(caller)) {
      throw new AuthorizationException(caller.getUserId()
          + " may not read the engine's metrics: they are for administrators and managers");
    }
  }

  /** Judges the outermost command of each call made by a signed-in person. */
  static class Gate extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;
    private final CommandPolicy policy;
    private final boolean joinsTheCommandsTransaction;

    /**
     * {@code joinsTheCommandsTransaction}: the lookups the policy makes (a task's form, the definition to
     * start) run in the transaction the command then joins, so that a command costs one commit, not two.
     */
    Gate(ProcessEngineConfigurationImpl configuration, CommandPolicy policy, boolean joinsTheCommandsTransaction) {
      this.configuration = configuration;
      this.policy = policy;
      this.joinsTheCommandsTransaction = joinsTheCommandsTransaction;
    }

    @Override
    public <T> T execute(Command<T> command) {
      // inside a command a context is open already: the outer command was judged
      if (Context.getCommandContext() == null && configuration.getIdentityService() != null) {
        Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
        if (caller != null && caller.getUserId() != null) {
          if (joinsTheCommandsTransaction && configuration instanceof SpringProcessEngineConfiguration spring
              && spring.getTransactionManager() != null) {
            return new TransactionTemplate(spring.getTransactionManager()).execute(status -> {
              policy.judge(command, caller);
              return next.execute(command);
            });
          }
          policy.judge(command, caller);
        }
      }
      return next.execute(command);
    }
  }
}
