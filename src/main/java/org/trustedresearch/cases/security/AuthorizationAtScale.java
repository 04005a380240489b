package org.trustedresearch.cases.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.FollowsReadGrants;

/**
 * The engine's authorization checks, the same answers at a cost that does not grow with every task
 * and grant in the database (README, "Lists at scale"). Two places where Camunda 7's checks
 * scan what others were granted are replaced, and lists of the application's own are told of grants:
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
 * <li>Every grant to read a process instance's history that is written, changed or deleted (by the
 * application, an administrator, or the engine deleting history) is passed on to the tables that
 * follow these grants (the case list's readers), before the transaction commits.
 * </ul>
 * All apply wherever a check or a change ends: engine REST, the webapps, Tasklist's filters, Java.
 */
@Component
class AuthorizationAtScale extends AbstractProcessEnginePlugin {

  private final List<FollowsReadGrants> followers;

  AuthorizationAtScale(List<FollowsReadGrants> followers) {
    this.followers = List.copyOf(followers);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, AuthorizationManager.class, () -> new Authorizations(followers));
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

  /** The engine's authorization manager (one per command), with the changes above. */
  static class Authorizations extends AuthorizationManager {

    private static final int HISTORY = Resources.HISTORIC_PROCESS_INSTANCE.resourceType();

    private final List<FollowsReadGrants> followers;
    private final Set<String> readGrantsChanged = new LinkedHashSet<>();
    private boolean readGrantsRemoved;
    private List<String> askedFor;
    private List<String> holdingGrants;

    Authorizations(List<FollowsReadGrants> followers) {
      this.followers = followers;
    }

    @Override
    public void insert(DbEntity entity) {
      super.insert(entity);
      if (entity instanceof AuthorizationEntity authorization && authorization.getResourceType() == HISTORY) {
        readGrantsChanged(List.of(authorization.getResourceId()), false);
      }
    }

    @Override
    public void update(AuthorizationEntity authorization) {
      // the row as it is until the change is written: the grant may leave a process instance or lose its read
      List<String> before = historicInstances("select resource_id_ from %sACT_RU_AUTHORIZATION where id_ = ?"
          + " and resource_type_ = " + HISTORY, authorization.getId());
      super.update(authorization);
      List<String> changed = new ArrayList<>(before);
      if (authorization.getResourceType() == HISTORY) {
        changed.add(authorization.getResourceId());
      }
      readGrantsChanged(changed, true);
    }

    @Override
    public void delete(DbEntity entity) {
      super.delete(entity);
      if (entity instanceof AuthorizationEntity authorization && authorization.getResourceType() == HISTORY) {
        readGrantsChanged(List.of(authorization.getResourceId()), true);
      }
    }

    @Override
    public void deleteAuthorizationsByResourceId(Resource resource, String resourceId) {
      super.deleteAuthorizationsByResourceId(resource, resourceId);
      removedOn(resource, List.of(resourceId));
    }

    @Override
    public void deleteAuthorizationsByResourceIds(Resources resource, List<String> resourceIds) {
      super.deleteAuthorizationsByResourceIds(resource, resourceIds);
      removedOn(resource, resourceIds);
    }

    @Override
    public void deleteAuthorizationsByResourceIdAndUserId(Resource resource, String resourceId, String userId) {
      super.deleteAuthorizationsByResourceIdAndUserId(resource, resourceId, userId);
      removedOn(resource, List.of(resourceId));
    }

    @Override
    public void deleteAuthorizationsByResourceIdAndGroupId(Resource resource, String resourceId, String groupId) {
      super.deleteAuthorizationsByResourceIdAndGroupId(resource, resourceId, groupId);
      removedOn(resource, List.of(resourceId));
    }

    /** The history cleanup's grants: those it may delete now, looked up before they go. */
    @Override
    public DbOperation deleteAuthorizationsByRemovalTime(Date removalTime, int minuteFrom, int minuteTo,
        int batchSize) {
      readGrantsChanged(historicInstances("select distinct resource_id_ from %sACT_RU_AUTHORIZATION where"
          + " resource_type_ = " + HISTORY + " and removal_time_ <= ?", new Timestamp(removalTime.getTime())), true);
      return super.deleteAuthorizationsByRemovalTime(removalTime, minuteFrom, minuteTo, batchSize);
    }

    private void removedOn(Resource resource, Collection<String> resourceIds) {
      if (resource.resourceType() == HISTORY && resourceIds != null) {
        readGrantsChanged(resourceIds, true);
      }
    }

    /** Tells the followers once this command's changes are written (before the commit), whatever route made them. */
    private void readGrantsChanged(Collection<String> instances, boolean removals) {
      List<String> known = instances.stream().filter(Objects::nonNull).filter(this::followed).toList();
      if (followers.isEmpty() || known.isEmpty()) {
        return;
      }
      if (readGrantsChanged.isEmpty()) {
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTING,
            context -> followers.forEach(follower ->
                follower.readGrantsChanged(Set.copyOf(readGrantsChanged), readGrantsRemoved)));
      }
      readGrantsChanged.addAll(known);
      readGrantsRemoved |= removals;
    }

    /**
     * False for a process instance this command holds in memory (it starts or runs here) whose process no
     * follower follows, so that grants on it cost no statement; true for any other.
     */
    private boolean followed(String processInstanceId) {
      ExecutionEntity instance = Context.getCommandContext().getDbEntityManager()
          .getCachedEntity(ExecutionEntity.class, processInstanceId);
      return instance == null || instance.getProcessDefinition() == null
          || followers.stream().anyMatch(follower -> follower.follows(instance.getProcessDefinition().getKey()));
    }

    private List<String> historicInstances(String sql, Object parameter) {
      List<String> instances = new ArrayList<>();
      Connection connection = getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement statement = connection.prepareStatement(
          sql.formatted(Context.getProcessEngineConfiguration().getDatabaseTablePrefix()))) {
        statement.setObject(1, parameter);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            instances.add(rows.getString(1));
          }
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not read grants to read history", e);
      }
      return instances;
    }

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
