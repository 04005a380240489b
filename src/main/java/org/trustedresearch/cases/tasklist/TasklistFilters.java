package org.trustedresearch.cases.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CollaborationCase;

/**
 * The shared Tasklist filters, created by the system when missing and readable by every user.
 * Only these system filters carry expressions ({@code ${currentUser()}}); they are evaluated for
 * whoever looks.
 */
@Component
class TasklistFilters extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  record SharedFilter(String name, String description, int priority, String color) {
  }

  static final SharedFilter MY_TASKS = new SharedFilter("My tasks", "Tasks assigned to me", 10, "#3e6ea5");
  static final SharedFilter MY_GROUP_TASKS =
      new SharedFilter("My group tasks", "Tasks for my groups, claimed or not", 20, "#2f7d52");
  static final SharedFilter OVERDUE = new SharedFilter("Overdue", "Tasks past their due date", 30, "#b3261e");

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    TaskService tasks = engine.getTaskService();
    create(engine, MY_TASKS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(engine, MY_GROUP_TASKS,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    create(engine, OVERDUE, tasks.createTaskQuery().dueBeforeExpression("${now()}"));
  }

  private static void create(ProcessEngine engine, SharedFilter shared, TaskQuery query) {
    FilterService filters = engine.getFilterService();
    if (filters.createFilterQuery().filterName(shared.name()).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(shared.name()).setQuery(query).setProperties(properties(shared));
    filters.saveFilter(filter);
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    everyone.setUserId(Authorization.ANY);
    everyone.setResource(Resources.FILTER);
    everyone.setResourceId(filter.getId());
    everyone.addPermission(Permissions.READ);
    authorizations.saveAuthorization(everyone);
    log.info("Created Tasklist filter '{}'", shared.name());
  }

  private static Map<String, Object> properties(SharedFilter shared) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", shared.description());
    properties.put("priority", shared.priority());
    properties.put("color", shared.color());
    properties.put("refresh", true);
    properties.put("variables", List.of(
        variable(CollaborationCase.CASE_REFERENCE.name(), "Case"),
        variable(CollaborationCase.PARTNER_NAME.name(), "Partner"),
        variable(CollaborationCase.RISK_TIER.name(), "Risk tier")));
    return properties;
  }

  private static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
