package org.trustedresearch.cases.security;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Read access to one process instance of a case, at runtime and in history, granted by the engine
 * on someone's behalf (they may not create authorizations themselves). Granting twice adds nothing.
 */
final class CaseGrants {

  /** Reading a case: its process instance at runtime, and in history. */
  private static final Map<Resource, Permission> READ = Map.of(
      Resources.PROCESS_INSTANCE, Permissions.READ,
      Resources.HISTORIC_PROCESS_INSTANCE, HistoricProcessInstancePermissions.READ);

  private CaseGrants() {
  }

  static void userMayRead(AuthorizationService authorizations, String userId, String processInstanceId) {
    mayRead(authorizations, userId, null, processInstanceId);
  }

  static void groupMayRead(AuthorizationService authorizations, String groupId, String processInstanceId) {
    mayRead(authorizations, null, groupId, processInstanceId);
  }

  /** The instance's runtime and history, each granted unless granted before; one look-up for both. */
  private static void mayRead(AuthorizationService authorizations, String userId, String groupId,
      String processInstanceId) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      DbEntityManager db = Context.getCommandContext().getDbEntityManager();
      Set<Integer> granted = grantedInThisCommand(db, userId, groupId, processInstanceId);
      if (granted.size() < READ.size() && !startsInThisCommand(db, processInstanceId)) {
        var existing = authorizations.createAuthorizationQuery().resourceId(processInstanceId);
        (userId != null ? existing.userIdIn(userId) : existing.groupIdIn(groupId)).list()
            .forEach(authorization -> granted.add(authorization.getResourceType()));
      }
      READ.forEach((resource, permission) -> {
        if (!granted.contains(resource.resourceType())) {
          Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          grant.setUserId(userId);
          grant.setGroupId(groupId);
          grant.setResource(resource);
          grant.setResourceId(processInstanceId);
          grant.addPermission(permission);
          authorizations.saveAuthorization(grant);
        }
      });
      return null;
    });
  }

  /** Resource types already granted on the instance earlier in this same command (e.g. two tasks for one group at once). */
  private static Set<Integer> grantedInThisCommand(DbEntityManager db, String userId, String groupId,
      String processInstanceId) {
    return db.getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .filter(cached -> processInstanceId.equals(cached.getResourceId())
            && Objects.equals(userId, cached.getUserId()) && Objects.equals(groupId, cached.getGroupId()))
        .map(AuthorizationEntity::getResourceType)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Whether the process instance is being created by the current command: the database holds no grant
   * on it then (its id is new), so there is nothing to look up beyond this command's own grants.
   */
  private static boolean startsInThisCommand(DbEntityManager db, String processInstanceId) {
    ExecutionEntity instance = db.getCachedEntity(ExecutionEntity.class, processInstanceId);
    return instance != null && db.getDbEntityCache().isTransient(instance);
  }
}
