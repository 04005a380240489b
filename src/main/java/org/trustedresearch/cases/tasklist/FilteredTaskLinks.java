package org.trustedresearch.cases.tasklist;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.notification.NotificationProperties;
import org.trustedresearch.cases.notification.TaskLinks;

/**
 * Links that open a task inside the shared filter it appears in ("My tasks" when assigned, else "My
 * group tasks"): Tasklist keeps the task open after it is claimed only when the link names a filter.
 */
@Component
class FilteredTaskLinks implements TaskLinks {

  private final FilterService filters;
  private final String tasklist;
  private final Map<String, String> filterIds = new ConcurrentHashMap<>();

  FilteredTaskLinks(FilterService filters, NotificationProperties properties) {
    this.filters = filters;
    this.tasklist = properties.baseUrl() + "/camunda/app/tasklist/default/#/?";
  }

  @Override
  public String forTask(String taskId, boolean assigned) {
    String filterName = (assigned ? TasklistFilters.MY_TASKS : TasklistFilters.MY_GROUP_TASKS).name();
    String filterId = filterIds.computeIfAbsent(filterName, this::idOf);
    return tasklist + (filterId.isEmpty() ? "" : "filter=" + filterId + "&") + "task=" + taskId;
  }

  private String idOf(String filterName) {
    Filter filter = filters.createFilterQuery().filterName(filterName).singleResult();
    return filter == null ? "" : filter.getId();
  }
}
