package org.trustedresearch.cases.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks, the same answers at a cost that does not grow with every task
 * and grant in the database (README, "Performance at scale"). Two places where Camunda 7's checks
 * scan what others were granted are replaced:
 * <ul>
 * <li>Before every authorized command the engine asks which of the user's groups hold any grant, by
 * reading the distinct groups of the whole authorization table (a full scan: about 130 ms at 900,000
 * grants). Here each of the user's few groups is looked up in the table's group index instead.
 * <li>A task query is checked by joining every task it finds with all of the user's grants. The
 * engine grants every candidate group, candidate user and assignee read access to a task when it
 * makes them so, so when a query is restricted to tasks the user is a candidate for (a group of
 * their own, or themselves) or assigned to, every task it can find carries such a grant and the
 * join is left out. Anything else (other groups, "or" queries, pattern matches, users with revoking
 * authorizations) keeps the engine's full check.
 * </ul>
 * Both apply wherever a check ends: engine REST, the webapps, Tasklist's filters, Java.
 */
@Component
class AuthorizationAtScale extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {

      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Authorizations();
      }
    });
  }

  /** True if every task the query can find was granted to the user by their candidacy or assignment. */
  static boolean withinOwnCandidacy(TaskQueryImpl query, String userId, List<String> groupIds) {
    if (query.getQueries().size() != 1 || userId == null) {
      return false;
    }
    if (userId.equals(query.getAssignee())) {
      return true;
    }
    boolean candidate = query.getCandidateUser() != null || query.getCandidateGroup() != null
        || query.getCandidateGroupsInternal() != null;
    if (!candidate || query.getCandidateGroupLike() != null
        || (query.getCandidateUser() != null && !Objects.equals(userId, query.getCandidateUser()))) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    return groups != null && groupIds != null && groupIds.containsAll(groups)
        && (query.getCandidateUser() != null || !groups.isEmpty());
  }

  /** The engine's authorization manager (one per command), with the two changes above. */
  static class Authorizations extends AuthorizationManager {

    private List<String> askedFor;
    private List<String> holdingGrants;

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      if (check.isAuthorizationCheckEnabled() && !check.isRevokeAuthorizationCheckEnabled()
          && withinOwnCandidacy(query, check.getAuthUserId(), check.getAuthGroupIds())) {
        check.setAuthorizationCheckEnabled(false);
      }
    }

    /** The user's groups that hold any authorization, as the engine filters them, by index lookups. */
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> groupIds) {
      if (groupIds == null || groupIds.isEmpty()) {
        return new ArrayList<>();
      }
      if (!groupIds.equals(askedFor)) {
        String sql = "select 1 from " + Context.getProcessEngineConfiguration().getDatabaseTablePrefix()
            + "ACT_RU_AUTHORIZATION where GROUP_ID_ = ? limit 1";
        List<String> found = new ArrayList<>();
        Connection connection = getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          for (String group : new LinkedHashSet<>(groupIds)) {
            statement.setString(1, group);
            try (ResultSet row = statement.executeQuery()) {
              if (row.next()) {
                found.add(group);
              }
            }
          }
        } catch (SQLException e) {
          throw new ProcessEngineException("Could not read which groups hold authorizations", e);
        }
        askedFor = List.copyOf(groupIds);
        holdingGrants = found;
      }
      return new ArrayList<>(holdingGrants);
    }
  }
}
