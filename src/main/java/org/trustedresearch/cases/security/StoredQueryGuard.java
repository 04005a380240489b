package org.trustedresearch.cases.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * Camunda evaluates expressions stored in a filter's query ({@code ${...}}) whenever the filter runs,
 * so a filter a user could save with an expression would run code in the engine for everyone who
 * opens it. Only the system saves filters with expressions (the shared Tasklist filters, saved
 * without a signed-in user); a signed-in user, administrators included, saves filters with plain
 * criteria only, and may not add expressions when running a filter either. Ad-hoc queries refuse
 * expressions by the engine's own setting ({@code enableExpressionsInAdhocQueries: false}).
 */
@Component
class StoredQueryGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFilterService(new GuardedFilterService(configuration.getIdentityService()));
  }

  /** The expressions a query holds, including those of its "or" branches. */
  static List<String> expressionsOf(Object query) {
    List<String> expressions = new ArrayList<>();
    if (query instanceof AbstractQuery<?, ?> abstractQuery) {
      collect(abstractQuery.getExpressions(), expressions);
    }
    if (query instanceof TaskQueryImpl taskQuery && taskQuery.getQueries() != null) {
      for (TaskQueryImpl branch : taskQuery.getQueries()) {
        if (branch != taskQuery) {
          collect(branch.getExpressions(), expressions);
        }
      }
    }
    return expressions;
  }

  private static void collect(Map<String, String> found, List<String> expressions) {
    if (found != null) {
      found.forEach((criterion, expression) -> expressions.add(criterion + " = " + expression));
    }
  }

  static class GuardedFilterService extends FilterServiceImpl {

    private final IdentityService identityService;

    GuardedFilterService(IdentityService identityService) {
      this.identityService = identityService;
    }

    @Override
    public Filter saveFilter(Filter filter) {
      refuseExpressionsFromUsers(filter.getQuery(), "A filter saved by a user");
      return super.saveFilter(filter);
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
      refuseExpressionsFromUsers(extendingQuery, "A query extending a filter");
      return super.list(filterId, extendingQuery);
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult,
        int maxResults) {
      refuseExpressionsFromUsers(extendingQuery, "A query extending a filter");
      return super.listPage(filterId, extendingQuery, firstResult, maxResults);
    }

    @Override
    public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
      refuseExpressionsFromUsers(extendingQuery, "A query extending a filter");
      return super.singleResult(filterId, extendingQuery);
    }

    @Override
    public Long count(String filterId, Query<?, ?> extendingQuery) {
      refuseExpressionsFromUsers(extendingQuery, "A query extending a filter");
      return super.count(filterId, extendingQuery);
    }

    private void refuseExpressionsFromUsers(Object query, String what) {
      if (identityService.getCurrentAuthentication() == null) {
        return; // the system itself
      }
      List<String> expressions = expressionsOf(query);
      if (!expressions.isEmpty()) {
        throw new BadUserRequestException(what + " may not contain expressions; only the system's own filters do. "
            + "Use plain criteria instead of " + String.join(", ", expressions));
      }
    }
  }
}
